/** onnxruntime-web's WebGPU build: a chunk of its own, fetched only when a session really asks for the WebGPU EP. */
export * from 'onnxruntime-web/webgpu';
