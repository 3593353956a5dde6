import { describe, expect, it } from 'vitest';
import { engineInName, workerName } from '../../src/core/worker-name.ts';

describe('worker names carry the photo engine', () => {
  it('round-trips every engine', () => {
    for (const e of ['tfjs', 'onnx', 'litert'] as const) expect(engineInName(workerName('inference', e))).toBe(e);
  });
  it('a name without a known engine carries none', () => {
    expect(engineInName('inference')).toBeNull();
    expect(engineInName('listing:mystery')).toBeNull();
    expect(engineInName('')).toBeNull();
    expect(engineInName(undefined)).toBeNull();
  });
});
