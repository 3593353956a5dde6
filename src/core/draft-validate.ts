/**
 * Reading one draft from an export file: every field of Draft is type-checked and copied; anything else is dropped.
 * Failures throw DraftFileError with a message a seller can act on ("Draft 3 ("Blue dress") … its price is not text").
 */
import { AppError } from './errors.ts';
import { DEPARTMENTS, SHIPPING_PAYERS, UNSURE_FIELDS, type Draft, type DraftPhoto, type UnsureField } from './draft.ts';
import type { CategoryScore, LabelScore, NotProductReason, PhotoSuggestion } from './types.ts';

const REASONS: readonly NotProductReason[] = ['animal', 'food', 'scene', 'person', 'plant', 'vehicle'];

export class DraftFileError extends AppError {
  constructor(message: string) {
    super('bad-input', message);
    this.name = 'DraftFileError';
  }
}

type Obj = Record<string, unknown>;
export const isObj = (x: unknown): x is Obj => typeof x === 'object' && x !== null && !Array.isArray(x);
const isStr = (x: unknown): x is string => typeof x === 'string';
const isNum = (x: unknown): x is number => typeof x === 'number' && Number.isFinite(x);
const isInt = (x: unknown): x is number => Number.isSafeInteger(x) && (x as number) >= 0;
const isStrArr = (x: unknown): x is string[] => Array.isArray(x) && x.every(isStr);

/** Raised while checking one field (also by photo byte readers); readDraft adds which draft it was. */
export class DraftFieldError extends Error {}
function need(ok: boolean, what: string): asserts ok {
  if (!ok) throw new DraftFieldError(what);
}

function categoryScore(x: unknown, what: string): CategoryScore {
  need(isObj(x) && isStrArr(x.path) && isNum(x.score), `${what} is not a category with a score`);
  return { path: [...x.path], score: x.score };
}

function labelScore(x: unknown): LabelScore {
  need(isObj(x) && isInt(x.index) && isStr(x.label) && isNum(x.score), 'a label of its photo suggestion is damaged');
  return { index: x.index, label: x.label, score: x.score };
}

function suggestion(x: unknown): PhotoSuggestion | null {
  if (x === null || x === undefined) return null;
  need(isObj(x) && typeof x.product === 'boolean' && isStr(x.title), 'its photo suggestion is damaged');
  need(x.reason === undefined || REASONS.includes(x.reason as NotProductReason), 'its photo suggestion has an unknown reason');
  need(Array.isArray(x.alternatives) && Array.isArray(x.labels), 'its photo suggestion is damaged');
  const s: PhotoSuggestion = {
    product: x.product,
    title: x.title,
    category: categoryScore(x.category, 'its suggested category'),
    alternatives: x.alternatives.map((a) => categoryScore(a, 'a suggested alternative')),
    labels: x.labels.map(labelScore),
  };
  if (x.reason !== undefined) s.reason = x.reason as NotProductReason;
  return s;
}

/** Photo metadata; the bytes come from `bytes(p)` (a data URL or a file in the ZIP). */
function photo(x: unknown, j: number, bytes: (p: Obj) => Blob): DraftPhoto {
  const what = `photo ${j + 1}`;
  need(isObj(x), `${what} is damaged`);
  need(isStr(x.id) && isStr(x.name), `${what} has no id or name`);
  need(isInt(x.width) && isInt(x.height), `${what} has no valid width and height`);
  const p: DraftPhoto = { id: x.id, name: x.name, width: x.width, height: x.height, blob: bytes(x) };
  if (x.probs !== undefined) {
    need(Array.isArray(x.probs) && x.probs.every(isNum), `${what} has damaged class probabilities`);
    p.probs = Float32Array.from(x.probs as number[]);
  }
  return p;
}

function fields(x: Obj, bytes: (p: Obj, j: number) => Blob): Draft {
  need(isStr(x.id) && x.id !== '', 'it has no id');
  need(isStr(x.title), 'its title is not text');
  need(isStrArr(x.category), 'its category is not a list of names');
  need(isStr(x.price), 'its price is not text');
  need(Array.isArray(x.photos), 'it has no list of photos');
  need(isNum(x.createdAt) && isNum(x.updatedAt), 'its created/updated dates are missing');
  need(isInt(x.rev), 'its revision number is not a whole number');
  const d: Draft = {
    id: x.id,
    title: x.title,
    category: [...x.category],
    price: x.price,
    photos: x.photos.map((p, j) => photo(p, j, (o) => bytes(o, j))),
    suggestion: suggestion(x.suggestion),
    createdAt: x.createdAt,
    updatedAt: x.updatedAt,
    rev: x.rev,
  };
  // Optional fields: absent stays absent (a round trip does not invent keys).
  for (const k of ['gtin', 'brand', 'description', 'size', 'colour'] as const) {
    if (x[k] !== undefined) {
      need(isStr(x[k]), `its ${k === 'gtin' ? 'barcode' : k} is not text`);
      d[k] = x[k];
    }
  }
  if (x.condition !== undefined) {
    need(x.condition === null || (Number.isInteger(x.condition) && (x.condition as number) >= 1 && (x.condition as number) <= 5), 'its condition is not 1–5');
    d.condition = x.condition as number | null;
  }
  if (x.shipping !== undefined) {
    need(SHIPPING_PAYERS.includes(x.shipping as Draft['shipping'] & string), 'its shipping is not seller or buyer');
    d.shipping = x.shipping as Draft['shipping'];
  }
  if (x.department !== undefined) {
    need(DEPARTMENTS.includes(x.department as (typeof DEPARTMENTS)[number]), 'its department is not Women, Men, Kids or Unisex');
    d.department = x.department as Draft['department'];
  }
  if (x.unsure !== undefined) {
    need(isStrArr(x.unsure) && x.unsure.every((f) => (UNSURE_FIELDS as readonly string[]).includes(f)), 'its unsure fields are not department or colour');
    d.unsure = [...x.unsure] as UnsureField[];
  }
  if (x.moderationDismissed !== undefined) {
    need(isStrArr(x.moderationDismissed), 'its dismissed warnings are not a list');
    d.moderationDismissed = [...x.moderationDismissed];
  }
  return d;
}

/** Checks and copies draft number i (0-based) of a file; throws DraftFileError naming the draft and the problem. */
export function readDraft(x: unknown, i: number, bytes: (p: Obj, j: number) => Blob): Draft {
  const title = isObj(x) && isStr(x.title) && x.title ? ` (“${x.title.slice(0, 40)}”)` : '';
  try {
    need(isObj(x), 'it is not a draft');
    return fields(x, bytes);
  } catch (e) {
    if (e instanceof DraftFieldError) {
      throw new DraftFileError(`Draft ${i + 1}${title} in this file is damaged: ${e.message}. Nothing was imported.`);
    }
    throw e;
  }
}
