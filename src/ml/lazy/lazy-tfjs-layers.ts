/** tfjs-layers (the explicit-photo check's Keras model): a chunk of its own, fetched only when the check first runs. */
export { loadLayersModel } from '@tensorflow/tfjs-layers';
