/**
 * A worker's name carries the photo engine it starts for ("inference:litert"), so the worker can start loading what
 * that engine needs before any request reaches it: in Chromium here, the requests the page posted as the inference
 * worker started reached it 0.4–0.65 s later, while its handlers' script was loading.
 */
import { IMAGE_ENGINES, type ImageEngine } from './model-manifest.ts';

export function workerName(role: string, engine: ImageEngine): string {
  return `${role}:${engine}`;
}

/** The engine a worker name carries, or null (a name without one, or an engine this build does not know). */
export function engineInName(name: string | undefined): ImageEngine | null {
  const e = (name ?? '').split(':')[1] as ImageEngine | undefined;
  return e && IMAGE_ENGINES.includes(e) ? e : null;
}
