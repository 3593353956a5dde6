import { defineConfig } from 'vitest/config';

// Unit tests (pure core) and real-model tests in Node. e2e has its own config.
export default defineConfig({
  test: {
    include: ['tests/unit/**/*.test.ts', 'tests/models/**/*.test.ts'],
    environment: 'node',
    testTimeout: 120_000,
    hookTimeout: 180_000,
    pool: 'forks',
  },
});
