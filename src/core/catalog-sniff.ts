/** What a catalog file is, from its first bytes: text, gzip (decompressed on the device), or something we cannot read. Pure. */

export type SniffResult = { kind: 'text' } | { kind: 'gzip' } | { kind: 'unreadable'; reason: string };

const startsWith = (b: Uint8Array, sig: number[]) => sig.every((x, i) => b[i] === x);

export function sniffCatalogBytes(head: Uint8Array, name = ''): SniffResult {
  if (startsWith(head, [0x1f, 0x8b])) return { kind: 'gzip' };
  if (startsWith(head, [0x50, 0x4b, 0x03, 0x04])) {
    return {
      kind: 'unreadable',
      reason: /\.xlsx$/i.test(name)
        ? 'this looks like an Excel workbook (.xlsx), not a text table: save it as CSV and import that'
        : 'this looks like a ZIP archive: unzip it and import the CSV/TSV/JSON file inside',
    };
  }
  if (startsWith(head, [0xd0, 0xcf, 0x11, 0xe0]))
    return { kind: 'unreadable', reason: 'this looks like an old Excel (.xls) file: save it as CSV and import that' };
  if (startsWith(head, [0x42, 0x5a, 0x68]))
    return { kind: 'unreadable', reason: 'this looks like a bzip2 file, which cannot be decompressed here: decompress it, or gzip it instead' };
  if (startsWith(head, [0xfd, 0x37, 0x7a, 0x58, 0x5a]))
    return { kind: 'unreadable', reason: 'this looks like an xz file, which cannot be decompressed here: decompress it, or gzip it instead' };
  if (startsWith(head, [0x25, 0x50, 0x44, 0x46])) return { kind: 'unreadable', reason: 'this is a PDF, not a table of barcodes' };
  if (startsWith(head, [0xff, 0xd8, 0xff]) || startsWith(head, [0x89, 0x50, 0x4e, 0x47]))
    return { kind: 'unreadable', reason: 'this is an image, not a catalog: use “Barcode photo…” to read a barcode from a photo' };
  const sample = head.subarray(0, 4096);
  let control = 0;
  for (const c of sample) if (c === 0 || c < 9 || (c > 13 && c < 32)) control++;
  if (sample.length && control / sample.length > 0.05) return { kind: 'unreadable', reason: 'this is a binary file, not CSV, TSV or JSON text' };
  return { kind: 'text' };
}
