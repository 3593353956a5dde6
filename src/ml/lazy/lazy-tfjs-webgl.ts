/** tfjs's WebGL backend, registered when imported: a chunk of its own, fetched (and cached by the SW) only when chosen. */
import '@tensorflow/tfjs-backend-webgl';
