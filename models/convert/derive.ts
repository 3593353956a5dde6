/**
 * Files that the manifest marks `derivedFrom: {file, by}`: produced at install from an official source file
 * (the entry's `sources`, sha256-checked first) by the converter named in `by`. Used by models/install.ts and
 * tests/models/convert.test.ts.
 */
import { sha256Hex } from '../../src/ml/sha256-node.ts';
import type { ModelEntry, ModelFile } from '../../src/core/model-manifest.ts';
import { convertTflite } from './tflite-to-tfjs.ts';
import { EMBEDDING_TFLITE, embeddingTflite } from './tflite-outputs.ts';

/** Converters by their path in this repository, as the manifest names them: source bytes → output files. */
export const CONVERTERS: Record<string, (source: Uint8Array) => Map<string, Uint8Array>> = {
  'models/convert/tflite-to-tfjs.ts': (source) => {
    const { modelJson, weights } = convertTflite(source);
    return new Map([
      ['model.json', new TextEncoder().encode(modelJson)],
      ['group1-shard1of1.bin', weights],
    ]);
  },
  'models/convert/tflite-outputs.ts': (source) => new Map([[EMBEDDING_TFLITE, embeddingTflite(source)]]),
};

export const sha256 = sha256Hex;

/** Throws unless `bytes` has the size and sha256 that the manifest records for `spec`. */
export function verify(bytes: Uint8Array, spec: ModelFile, from: string): Uint8Array {
  if (bytes.length !== spec.bytes) throw new Error(`size ${bytes.length} from ${from}, expected ${spec.bytes}`);
  const got = sha256(bytes);
  if (got !== spec.sha256) throw new Error(`sha256 ${got} from ${from}, expected ${spec.sha256}`);
  return bytes;
}

/**
 * Reads a model's source file (through `read`, which tries a local folder and then the official URL),
 * checks it, and runs the converter the file names. The outputs are checked by the caller against `files`.
 */
export async function deriveFile(
  model: ModelEntry,
  file: ModelFile,
  read: (source: ModelFile) => Promise<{ bytes: Uint8Array; from: string }>,
  memo = new Map<string, Promise<Map<string, Uint8Array>>>(),
): Promise<{ bytes: Uint8Array; from: string }> {
  const d = file.derivedFrom;
  if (!d) throw new Error(`${file.path} is not a derived file`);
  const convert = CONVERTERS[d.by];
  if (!convert) throw new Error(`unknown converter ${d.by}`);
  const source = model.sources?.find((s) => s.path === d.file);
  if (!source) throw new Error(`${model.id}: source ${d.file} is not listed in "sources"`);
  const key = `${model.id}:${d.file}:${d.by}`;
  let outputs = memo.get(key);
  if (!outputs) {
    outputs = read(source).then(({ bytes, from }) => convert(verify(bytes, source, from)));
    memo.set(key, outputs);
  }
  const bytes = (await outputs).get(file.path);
  if (!bytes) throw new Error(`${d.by} does not produce ${file.path}`);
  return { bytes, from: `${d.by} ← ${d.file}` };
}
