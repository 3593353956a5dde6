/** The one sha256 → hex helper on the Node side (install, manifest sync, Node runtimes, catalog build). */
import { createHash } from 'node:crypto';

export function sha256Hex(bytes: Uint8Array): string {
  return createHash('sha256').update(bytes).digest('hex');
}
