/** photoHeadEntry: each image engine gets the photo head trained on its own embedding. */
import { describe, expect, it } from 'vitest';
import { photoHeadEntry, type ModelEntry, type ModelManifest } from '../../src/core/model-manifest.ts';

const head = (id: string, dir: string, imageEngine?: 'tfjs' | 'onnx'): ModelEntry => ({
  id,
  name: id,
  engine: 'onnx',
  task: 'photo-head',
  dir,
  entry: 'photo-head.onnx',
  licence: 'our own work',
  files: [],
  ...(imageEngine ? { imageEngine } : {}),
});
const image = { ...head('mobilenet-onnx', 'onnx'), task: 'image-classification' };

describe('photoHeadEntry', () => {
  it('onnx gets the onnx head; tfjs and litert the tfjs head (an entry without imageEngine is the tfjs head)', () => {
    const m: ModelManifest = { version: 'x', models: [image, head('photo-head', 'photo'), head('photo-head-onnx', 'photo-onnx', 'onnx')] };
    expect(photoHeadEntry(m, 'onnx')?.id).toBe('photo-head-onnx');
    expect(photoHeadEntry(m, 'tfjs')?.id).toBe('photo-head');
    expect(photoHeadEntry(m, 'litert')?.id).toBe('photo-head');
    expect(photoHeadEntry(m)?.id).toBe('photo-head');
  });
  it('null for an engine with no head of its own (never another engine’s head)', () => {
    expect(photoHeadEntry({ version: 'x', models: [image, head('photo-head', 'photo', 'tfjs')] }, 'onnx')).toBeNull();
    expect(photoHeadEntry({ version: 'x', models: [image, head('photo-head-onnx', 'photo-onnx', 'onnx')] }, 'tfjs')).toBeNull();
  });
});
