/** The suggest CLI over the same core: JSON lines, per-file errors, exit code only when every file failed. */
import { execFile } from 'node:child_process';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';
import { beforeAll, describe, expect, it } from 'vitest';
import { makeBadFiles, type BadFiles } from '../fixtures/bad-images.ts';

const run = promisify(execFile);
const DATA = resolve(process.env.DATA_DIR ?? '../shared/data');
const shoe = join(DATA, 'photos/imagenet-sample-images/n04120489_running_shoe.JPEG');

async function suggest(args: string[]): Promise<{ code: number; lines: Record<string, unknown>[] }> {
  try {
    const { stdout } = await run('npx', ['tsx', 'src/cli/suggest.ts', ...args], { maxBuffer: 1 << 24 });
    return {
      code: 0,
      lines: stdout
        .trim()
        .split('\n')
        .map((l) => JSON.parse(l)),
    };
  } catch (e) {
    const err = e as { code: number; stdout: string };
    return {
      code: err.code,
      lines: err.stdout
        .trim()
        .split('\n')
        .filter(Boolean)
        .map((l) => JSON.parse(l)),
    };
  }
}

describe('npm run suggest', () => {
  let bad: BadFiles;
  beforeAll(async () => {
    bad = await makeBadFiles(shoe);
  });

  for (const engine of ['litert', 'tfjs', 'onnx']) {
    it(`--engine ${engine} --json prints the documented object for a real photo`, async () => {
      const { code, lines } = await suggest(['--engine', engine, '--json', shoe]);
      expect(code).toBe(0);
      expect(lines).toHaveLength(1);
      const r = lines[0] as {
        file: string;
        title: string;
        category: { path: string[]; score: number };
        alternatives: unknown[];
        product: boolean;
        labels: { label: string; score: number }[];
        engine: string;
        backend: string;
        ms: Record<string, number>;
      };
      expect(r.file).toBe(shoe);
      expect(r.product).toBe(true);
      expect(r.title).toMatch(/shoe|sneaker/i);
      expect(r.category.path[0]).toBe('Fashion');
      expect(r.category.score).toBeGreaterThan(0);
      expect(r.category.score).toBeLessThanOrEqual(1);
      expect(r.alternatives.length).toBeGreaterThan(0);
      expect(r.labels).toHaveLength(5);
      expect(r.engine).toBe(engine);
      expect(r.backend).toBe('wasm');
      expect(Object.keys(r.ms).sort()).toEqual(['decode', 'head', 'infer', 'preprocess', 'total']);
      expect(r.ms.total).toBeGreaterThanOrEqual(r.ms.infer);
    });
  }

  it('reports unreadable files as {file, error} and still succeeds when one file is good', async () => {
    const { code, lines } = await suggest(['--json', bad.empty, bad.notImage, bad.truncatedJpeg, bad.huge, shoe]);
    expect(code).toBe(0);
    expect(lines.map((l) => (l.error as { code?: string } | undefined)?.code ?? 'ok')).toEqual([
      'empty-file',
      'not-an-image',
      'corrupt-image',
      'image-too-large',
      'ok',
    ]);
    for (const l of lines.slice(0, 4)) expect((l.error as { message: string }).message.length).toBeGreaterThan(20);
  });

  it('exits non-zero when every file failed', async () => {
    const { code, lines } = await suggest(['--json', bad.empty, bad.notImage]);
    expect(code).toBe(1);
    expect(lines).toHaveLength(2);
  });

  it('reads transparent PNGs, CMYK JPEGs and animated GIFs', async () => {
    const { code, lines } = await suggest(['--json', bad.transparent, bad.cmyk, bad.animatedGif]);
    expect(code).toBe(0);
    for (const l of lines) expect(l.error).toBeUndefined();
    // The CMYK copy of the shoe photo is still a shoe.
    expect((lines[1].labels as { label: string }[])[0].label).toMatch(/running shoe/);
  });
});
