/** `npm run suggest -- --json` carries the photo head's fields: department, colour and per-field scores. */
import { execFileSync } from 'node:child_process';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { REPO_ROOT } from '../../src/ml/node-runtime.ts';

const DATA = path.resolve(REPO_ROOT, process.env.DATA_DIR ?? '../shared/data', 'photos');
const cli = (...args: string[]) =>
  execFileSync('npx', ['tsx', 'src/cli/suggest.ts', '--json', ...args], { cwd: REPO_ROOT, encoding: 'utf8' })
    .split('\n')
    .filter((l) => l.startsWith('{'))
    .map((l) => JSON.parse(l));

describe('suggest CLI with the photo head', () => {
  it('a men’s shirt: department, colour, per-field scores; --brand goes first in the title', () => {
    const [r] = cli('--brand', 'Lee', path.join(DATA, 'myntra-fashion-product-images/images/2093.jpg'));
    expect(r.category.path).toEqual(['Fashion', 'Men', 'Shirts']);
    expect(r.department).toEqual({ name: 'Men', score: expect.any(Number) });
    expect(r.colour.name).toBe('blue');
    expect(r.scores.category).toBe(r.category.score);
    expect(r.scores.department).toBe(r.department.score);
    expect(r.title).toBe("Lee Men's Blue Shirt");
    expect(r.unsure).toBe(false);
    expect(r.source).toBe('head');
    expect(r.labels).toHaveLength(5); // existing fields keep their meaning
  }, 120_000);
  it('--engine onnx uses the head trained on the ONNX engine’s embedding: department and colour too', () => {
    const [r] = cli('--engine', 'onnx', path.join(DATA, 'myntra-fashion-product-images/images/2093.jpg'));
    expect(r.source).toBe('head');
    expect(r.category.path.slice(0, 2)).toEqual(['Fashion', 'Men']);
    expect(r.department).toEqual({ name: 'Men', score: expect.any(Number) });
    expect(r.colour).toEqual({ name: expect.any(String), score: expect.any(Number) });
    expect(r.scores.colour).toBe(r.colour.score);
  }, 120_000);
  it('--head off gives the ImageNet mapping alone (no department, no colour)', () => {
    const [r] = cli('--head', 'off', path.join(DATA, 'myntra-fashion-product-images/images/2093.jpg'));
    expect(r.department).toBeNull();
    expect(r.colour).toBeNull();
    expect(r.source).toBe('imagenet');
  }, 120_000);
});
