/**
 * Drafts export/import as JSON, lossless: every Draft field round-trips (photo bytes and type, class probabilities,
 * rev, dates). Photos travel as base64 data URLs, or (inside the ZIP export) as references to files next to the JSON.
 * Format 1 (older apps) is read too; it has the same fields, with the photo type only inside its data URL.
 */
import type { Draft, DraftPhoto } from './draft.ts';
import { DraftFieldError, DraftFileError, isObj, readDraft } from './draft-validate.ts';

export const EXPORT_FORMAT = 'listing-assistant/drafts';
export const EXPORT_VERSION = 2;

export interface ExportedPhoto {
  id: string;
  name: string;
  width: number;
  height: number;
  /** The Blob's MIME type ('' kept as ''). */
  type: string;
  /** Either the bytes inline … */
  dataUrl?: string;
  /** … or the name of a file next to the JSON (ZIP export). */
  file?: string;
  probs?: number[];
}
export type ExportedDraft = Omit<Draft, 'photos'> & { photos: ExportedPhoto[] };

export function bytesToBase64(bytes: Uint8Array): string {
  let bin = '';
  for (let i = 0; i < bytes.length; i += 0x8000) bin += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(bin);
}

function base64ToBytes(b64: string): Uint8Array<ArrayBuffer> {
  let bin: string;
  try {
    bin = atob(b64);
  } catch {
    throw new DraftFieldError('its data is not valid base64');
  }
  const bytes = new Uint8Array(bin.length);
  for (let i = 0; i < bin.length; i++) bytes[i] = bin.charCodeAt(i);
  return bytes;
}

function dataUrlToBlob(url: unknown, type: unknown): Blob {
  const m = typeof url === 'string' ? /^data:([^;,]*)(?:;[^;,]*)*;base64,(.*)$/s.exec(url) : null;
  if (!m) throw new DraftFieldError('a photo is not a base64 data URL');
  return new Blob([base64ToBytes(m[2])], { type: typeof type === 'string' ? type : m[1] });
}

/** The draft as written to JSON; `photo` decides how each photo's bytes are stored. */
async function exported(d: Draft, photo: (p: DraftPhoto, j: number) => Promise<Partial<ExportedPhoto>>): Promise<ExportedDraft> {
  const photos = await Promise.all(
    d.photos.map(async (p, j) => ({
      id: p.id,
      name: p.name,
      width: p.width,
      height: p.height,
      type: p.blob.type,
      ...(p.probs ? { probs: Array.from(p.probs) } : {}),
      ...(await photo(p, j)),
    })),
  );
  return { ...d, photos };
}

export function exportJsonText(drafts: ExportedDraft[], now = new Date()): string {
  return JSON.stringify({ format: EXPORT_FORMAT, version: EXPORT_VERSION, exportedAt: now.toISOString(), drafts });
}

/** JSON with photos inline as data URLs. */
export async function exportDraftsJson(drafts: Draft[]): Promise<string> {
  const out: ExportedDraft[] = [];
  for (const d of drafts) {
    out.push(
      await exported(d, async (p) => ({
        dataUrl: `data:${p.blob.type || 'application/octet-stream'};base64,${bytesToBase64(new Uint8Array(await p.blob.arrayBuffer()))}`,
      })),
    );
  }
  return exportJsonText(out);
}

/** JSON whose photos reference files: `fileOf(draft, photoIndex)` names them (the ZIP export). */
export async function exportDraftsJsonWithFiles(drafts: Draft[], fileOf: (d: Draft, j: number) => string): Promise<string> {
  const out: ExportedDraft[] = [];
  for (const d of drafts) out.push(await exported(d, async (_p, j) => ({ file: fileOf(d, j) })));
  return exportJsonText(out);
}

/**
 * Parses an export: all drafts or none. Throws DraftFileError (code 'bad-input') with a seller-readable message.
 * `files` resolves photos stored as files (the ZIP); without it only inline data URLs are accepted.
 */
export function importDraftsJson(text: string, files?: (name: string) => Uint8Array | undefined): Draft[] {
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch {
    throw new DraftFileError('This file is not a drafts export (it is not valid JSON).');
  }
  if (!isObj(data) || data.format !== EXPORT_FORMAT) throw new DraftFileError('This file is not a Listing Assistant drafts export.');
  const v = data.version;
  if (typeof v !== 'number' || !Number.isInteger(v) || v < 1) throw new DraftFileError('This drafts export has no valid format number.');
  if (v > EXPORT_VERSION) {
    throw new DraftFileError(`This drafts export comes from a newer version of the app (format ${v}); update the app first.`);
  }
  if (!Array.isArray(data.drafts)) throw new DraftFileError('This drafts export has no list of drafts.');
  const bytes = (p: Record<string, unknown>, j: number): Blob => {
    try {
      if (p.dataUrl !== undefined) return dataUrlToBlob(p.dataUrl, p.type);
      if (typeof p.file === 'string' && files) {
        const b = files(p.file);
        if (!b) throw new DraftFieldError(`its file ${p.file} is missing`);
        return new Blob([b as Uint8Array<ArrayBuffer>], { type: typeof p.type === 'string' ? p.type : 'image/jpeg' });
      }
      throw new DraftFieldError(typeof p.file === 'string' ? `its file ${p.file} is not in this export (import the whole ZIP)` : 'it has no image data');
    } catch (e) {
      if (e instanceof DraftFieldError) throw new DraftFieldError(`photo ${j + 1} is damaged (${e.message})`);
      throw e;
    }
  };
  const drafts = data.drafts.map((x, i) => readDraft(x, i, bytes));
  const seen = new Set<string>();
  for (const d of drafts) {
    if (seen.has(d.id)) throw new DraftFileError(`The draft “${d.title || d.id}” appears twice in this file. Nothing was imported.`);
    seen.add(d.id);
  }
  return drafts;
}
