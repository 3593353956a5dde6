/**
 * Barcode scan CLI: npm run scan -- [--json] [--decoder hybrid|zxing|quagga] [--budget ms] <image files...>
 * --json prints one line per file: {"file","codes":[{"text","format","gtin13","confirmed_by"}],"ms"}
 * or {"file","error":{"code","message"}}. Exit status is non-zero only when every file failed.
 */
import { decodeImageFile } from './decode-image.ts';
import { toErrorData, type AppErrorData } from '../core/errors.ts';
import { describeGtin } from '../core/gtin.ts';
import { createNodeDecoder, DECODER_CONFIGS } from '../ml/barcode/node.ts';
import type { DecodedCode } from '../ml/barcode/types.ts';
import { numberArg, oneOf, parseCli, usageError } from './args.ts';

/** Photos are decoded at up to this long side; 1D codes need ~2 px per module, phones give far more. */
const MAX_SIDE = 1600;

export type ScanLine = { file: string; codes: DecodedCode[]; ms: number } | { file: string; error: AppErrorData };

function human(line: ScanLine): string {
  if ('error' in line) return `${line.file}: error (${line.error.code}) ${line.error.message}`;
  if (line.codes.length === 0) return `${line.file}: no barcode found (${Math.round(line.ms)} ms)`;
  const parts = line.codes.map((c) => {
    const d = describeGtin(c.text, c.format);
    const extra = [d.isbn10 && `ISBN-10 ${d.isbn10}`, d.region, d.message].filter(Boolean).join('; ');
    return `${c.text} [${c.format}] GTIN-13 ${c.gtin13}${extra ? ` (${extra})` : ''}, read by ${c.confirmed_by}`;
  });
  return `${line.file}: ${parts.join(' | ')} (${Math.round(line.ms)} ms)`;
}

export async function scanFiles(files: string[], decoderName = 'hybrid', budgetMs?: number): Promise<ScanLine[]> {
  const decoder = await createNodeDecoder(decoderName);
  const out: ScanLine[] = [];
  for (const file of files) {
    const t0 = performance.now();
    try {
      const img = await decodeImageFile(file, MAX_SIDE);
      const r = await decoder.decode(img, { budgetMs });
      out.push({ file, codes: r.codes, ms: Math.round((performance.now() - t0) * 10) / 10 });
    } catch (e) {
      const err = e as NodeJS.ErrnoException;
      const data =
        err?.code === 'ENOENT' || err?.code === 'EISDIR' || err?.code === 'EACCES'
          ? {
              code: 'not-an-image' as const,
              message: `Cannot read ${file}: ${err.code === 'ENOENT' ? 'no such file' : err.code === 'EISDIR' ? 'it is a folder' : 'permission denied'}.`,
            }
          : toErrorData(e);
      out.push({ file, error: data });
    }
  }
  return out;
}

const USAGE = 'usage: npm run scan -- [--json] [--decoder hybrid|zxing|quagga] [--budget ms] <image files...>';

async function main(): Promise<number> {
  const { values, positionals: files } = parseCli({
    usage: USAGE,
    options: { json: { type: 'boolean', default: false }, decoder: { type: 'string', default: 'hybrid' }, budget: { type: 'string' } },
    positionals: true,
  });
  if (files.length === 0) usageError(USAGE, 'No image files given.');
  const decoder = oneOf(USAGE, '--decoder', values.decoder, Object.keys(DECODER_CONFIGS));
  const budget = values.budget === undefined ? undefined : numberArg(USAGE, '--budget', values.budget);
  const lines = await scanFiles(files, decoder, budget);
  for (const l of lines) console.log(values.json ? JSON.stringify(l) : human(l));
  return lines.every((l) => 'error' in l) ? 1 : 0;
}

if (process.argv[1] && /scan\.ts$/.test(process.argv[1])) {
  main().then(
    (code) => process.exit(code),
    (e) => {
      console.log(JSON.stringify({ error: toErrorData(e) }));
      process.exit(1);
    },
  );
}
