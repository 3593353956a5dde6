/**
 * onnxruntime-web for the ONNX photo engine in the browser (the inference worker): its glue .mjs/.wasm as the files
 * Vite emitted (see OrtEnvOptions.wasmPaths), the realm's thread count. Imported only when that engine loads, with
 * the classifier and its ONNX protobuf reader. Our own models run ORT in the listing worker, configured there.
 */
import ortGlue from 'onnxruntime-web/ort-wasm-simd-threaded.mjs?url';
import ortWasm from 'onnxruntime-web/ort-wasm-simd-threaded.wasm?url';
import ortGpuGlue from 'onnxruntime-web/ort-wasm-simd-threaded.asyncify.mjs?url';
import ortGpuWasm from 'onnxruntime-web/ort-wasm-simd-threaded.asyncify.wasm?url';
import { configureOrt } from './ort-runtime.ts';
import { useThreads } from './realm-threads.ts';

configureOrt({ threads: useThreads(), wasmPaths: { mjs: ortGlue, wasm: ortWasm }, webgpuWasmPaths: { mjs: ortGpuGlue, wasm: ortGpuWasm } });

export { loadOrtClassifier } from './ort-classifier.ts';
