/** Export/import of drafts: JSON with photos as data URLs (lossless round trip), CSV without photos. */
import type { Draft } from './draft.ts';

export const EXPORT_FORMAT = 'listing-assistant/drafts';
export const EXPORT_VERSION = 1;

interface ExportedPhoto { id: string; name: string; dataUrl: string; width: number; height: number; probs?: number[] }
type ExportedDraft = Omit<Draft, 'photos'> & { photos: ExportedPhoto[] };

async function blobToDataUrl(b: Blob): Promise<string> {
  const bytes = new Uint8Array(await b.arrayBuffer());
  let bin = '';
  for (let i = 0; i < bytes.length; i += 0x8000) bin += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return `data:${b.type || 'application/octet-stream'};base64,${btoa(bin)}`;
}

function dataUrlToBlob(url: string): Blob {
  const m = /^data:([^;,]*);base64,(.*)$/.exec(url);
  if (!m) throw new Error('a photo is not a base64 data URL');
  const bin = atob(m[2]);
  const bytes = new Uint8Array(bin.length);
  for (let i = 0; i < bin.length; i++) bytes[i] = bin.charCodeAt(i);
  return new Blob([bytes], { type: m[1] });
}

export async function exportDraftsJson(drafts: Draft[]): Promise<string> {
  const out: ExportedDraft[] = [];
  for (const d of drafts) {
    out.push({ ...d, photos: await Promise.all(d.photos.map(async (p) => ({ id: p.id, name: p.name, width: p.width, height: p.height, probs: p.probs ? Array.from(p.probs) : undefined, dataUrl: await blobToDataUrl(p.blob) }))) });
  }
  return JSON.stringify({ format: EXPORT_FORMAT, version: EXPORT_VERSION, exportedAt: new Date().toISOString(), drafts: out });
}

const csvCell = (v: string) => (/[",\n\r]/.test(v) ? `"${v.replace(/"/g, '""')}"` : v);

export function exportDraftsCsv(drafts: Draft[]): string {
  const rows = [['id', 'title', 'category', 'price', 'photos', 'updated']];
  for (const d of drafts) rows.push([d.id, d.title, d.category.join(' > '), d.price, String(d.photos.length), new Date(d.updatedAt).toISOString()]);
  return rows.map((r) => r.map(csvCell).join(',')).join('\r\n') + '\r\n';
}

/** Parses an export; throws an Error with a seller-readable message for anything malformed. Nothing is half-read. */
export function importDraftsJson(text: string): Draft[] {
  let data: unknown;
  try { data = JSON.parse(text); } catch { throw new Error('This file is not a drafts export (it is not valid JSON).'); }
  const d = data as { format?: unknown; version?: unknown; drafts?: unknown };
  if (!d || d.format !== EXPORT_FORMAT) throw new Error('This file is not a Listing Assistant drafts export.');
  if (typeof d.version !== 'number' || d.version > EXPORT_VERSION) throw new Error('This drafts export comes from a newer version of the app; update the app first.');
  if (!Array.isArray(d.drafts)) throw new Error('This drafts export has no list of drafts.');
  return d.drafts.map((x: ExportedDraft, i: number) => {
    if (!x || typeof x.id !== 'string' || typeof x.title !== 'string' || !Array.isArray(x.photos) || !Array.isArray(x.category)) {
      throw new Error(`Draft ${i + 1} in this file is damaged (missing id, title, category or photos).`);
    }
    let photos;
    try {
      photos = x.photos.map((p) => ({
        id: String(p.id), name: String(p.name), width: Number(p.width), height: Number(p.height), blob: dataUrlToBlob(p.dataUrl),
        ...(Array.isArray(p.probs) && p.probs.length === 1000 ? { probs: Float32Array.from(p.probs) } : {}),
      }));
    } catch (e) {
      throw new Error(`Draft ${i + 1} in this file has a damaged photo (${(e as Error).message}).`);
    }
    return {
      id: x.id, title: x.title, category: x.category.map(String), price: String(x.price ?? ''), photos,
      suggestion: x.suggestion ?? null, createdAt: Number(x.createdAt) || Date.now(), updatedAt: Number(x.updatedAt) || Date.now(), rev: 0,
    };
  });
}
