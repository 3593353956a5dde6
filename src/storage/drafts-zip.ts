/**
 * "Export ZIP": drafts.csv (every field), the photos as files named as in the CSV, and drafts.json (lossless, photos
 * referenced by file name instead of inline data URLs). Importing the ZIP re-creates the drafts with the same photos.
 * fflate runs the same in the browser and in Node.
 */
import { strToU8, unzipSync, zipSync, type Zippable } from 'fflate';
import type { Draft } from '../core/draft.ts';
import { exportDraftsCsv, photoFileNames } from '../core/draft-csv.ts';
import { exportDraftsJsonWithFiles, importDraftsJson } from '../core/draft-io.ts';
import { DraftFileError } from '../core/draft-validate.ts';

export const ZIP_JSON = 'drafts.json';
export const ZIP_CSV = 'drafts.csv';
/** Refuse archives that claim to unpack to more than this (a damaged or hostile file). */
const MAX_UNPACKED = 2 * 1024 ** 3;

export function isZip(bytes: Uint8Array): boolean {
  return bytes.length >= 4 && bytes[0] === 0x50 && bytes[1] === 0x4b && bytes[2] === 0x03 && bytes[3] === 0x04;
}

export async function exportDraftsZip(drafts: Draft[], now = new Date()): Promise<Uint8Array> {
  const names = photoFileNames(drafts);
  const mtime = now;
  const files: Zippable = {
    [ZIP_CSV]: [strToU8(exportDraftsCsv(drafts, names)), { mtime }],
    [ZIP_JSON]: [strToU8(await exportDraftsJsonWithFiles(drafts, (d, j) => names.get(d.id)![j])), { mtime }],
  };
  for (const d of drafts) {
    const list = names.get(d.id)!;
    for (const [j, p] of d.photos.entries()) {
      files[list[j]] = [new Uint8Array(await p.blob.arrayBuffer()), { level: 0, mtime }]; // JPEGs do not compress
    }
  }
  return zipSync(files);
}

/** All drafts of an exported ZIP, or a DraftFileError saying what is wrong (nothing half-read). */
export function importDraftsZip(bytes: Uint8Array): Draft[] {
  let files: Record<string, Uint8Array>;
  let total = 0;
  try {
    files = unzipSync(bytes, {
      filter: (f) => {
        total += f.originalSize;
        if (total > MAX_UNPACKED) throw new DraftFileError('This ZIP file is too large to import.');
        return f.name !== ZIP_CSV && !f.name.endsWith('/');
      },
    });
  } catch (e) {
    if (e instanceof DraftFileError) throw e;
    throw new DraftFileError(`This ZIP file is damaged and cannot be read (${(e as Error).message}).`);
  }
  const json = files[ZIP_JSON];
  if (!json) throw new DraftFileError(`This ZIP file has no ${ZIP_JSON}: it is not a Listing Assistant drafts export.`);
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(json);
  } catch {
    throw new DraftFileError(`The ${ZIP_JSON} in this ZIP file is damaged.`);
  }
  return importDraftsJson(text, (name) => (name !== ZIP_JSON && Object.hasOwn(files, name) ? files[name] : undefined));
}

/** A file the seller picked: a ZIP export or a JSON export. */
export async function importDraftsFile(file: Blob): Promise<Draft[]> {
  const bytes = new Uint8Array(await file.arrayBuffer());
  if (isZip(bytes)) return importDraftsZip(bytes);
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    throw new DraftFileError('This file is not a drafts export (it is neither JSON text nor a ZIP file).');
  }
  return importDraftsJson(text.replace(/^\uFEFF/, ''));
}
