/** The app's model manifest (models/manifest.json), typed; one import for every realm that reads it. */
import manifestJson from '../../models/manifest.json';
import type { ModelManifest } from '../core/model-manifest.ts';

export const manifest = manifestJson as ModelManifest;
