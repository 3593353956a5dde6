/**
 * Every command-line entry point parses its arguments with the one strict parser (src/cli/args.ts): a mistyped
 * flag is an error with the usage line on stderr and exit status 2, never a file name or silently ignored.
 */
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';

const run = promisify(execFile);

async function cli(script: string, args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  try {
    const { stdout, stderr } = await run('npx', ['tsx', script, ...args], { maxBuffer: 1 << 24, timeout: 60_000 });
    return { code: 0, stdout, stderr };
  } catch (e) {
    const err = e as { code: number; stdout: string; stderr: string };
    return { code: err.code, stdout: err.stdout, stderr: err.stderr };
  }
}

// [script, the npm script named in its usage line]
const ENTRY_POINTS: [string, string][] = [
  ['src/cli/suggest.ts', 'suggest'],
  ['src/cli/scan.ts', 'scan'],
  ['src/cli/price.ts', 'price'],
  ['models/train/train.ts', 'train'],
  ['models/install.ts', 'models'],
  ['tests/bench/eval-photos.ts', 'eval:photos'],
  ['tests/bench/eval-barcodes.ts', 'eval:barcodes'],
  ['tests/bench/eval-price.ts', 'eval:price'],
  ['tests/bench/vision.ts', 'bench:vision'],
  ['tests/bench/listing.ts', 'bench:listing'],
];

describe('one strict argument parser for every CLI', () => {
  for (const [script, name] of ENTRY_POINTS) {
    it(`${name}: an unknown flag exits 2 with the usage on stderr`, async () => {
      const r = await cli(script, ['--jsno', 'photo.jpg']);
      expect(r.code).toBe(2);
      expect(r.stderr).toContain("Unknown option '--jsno'");
      expect(r.stderr).toContain(`usage: npm run ${name}`);
      expect(r.stdout).toBe('');
    });
  }

  it('scan: the reported typo from the issue (`npm run scan -- --jsno photo.jpg`) is not read as a file', async () => {
    const r = await cli('src/cli/scan.ts', ['--jsno', 'photo.jpg']);
    expect(r.stderr).not.toContain('Cannot read');
    expect(r.stdout).not.toContain('photo.jpg');
  });

  it('price: a stray file name is an error (rows come on stdin)', async () => {
    const r = await cli('src/cli/price.ts', ['rows.jsonl']);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/Unexpected argument 'rows\.jsonl'/);
    expect(r.stderr).toContain('usage: npm run price');
  });

  it('a string option without its value is an error', async () => {
    const r = await cli('src/cli/suggest.ts', ['--engine']);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/--engine.*argument missing/);
  });

  it('a value outside the choices names them', async () => {
    const r = await cli('src/cli/scan.ts', ['--decoder', 'zbar', 'photo.jpg']);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('Unknown --decoder "zbar"');
    expect(r.stderr).toContain('hybrid');
  });

  it('--budget must be a number', async () => {
    const r = await cli('src/cli/scan.ts', ['--budget', 'fast', 'photo.jpg']);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('--budget needs a number');
  });

  it('--help prints the usage on stdout and exits 0', async () => {
    const r = await cli('src/cli/scan.ts', ['--help']);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('usage: npm run scan --');
  });

  it('no files is a usage error, not an empty success', async () => {
    const r = await cli('src/cli/suggest.ts', ['--json']);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('usage: npm run suggest');
  });
});
