/** The typed request/response protocol of the catalog worker (starter install + title matching). UI imports only these types. */
import type { AppErrorData } from '../core/errors.ts';
import type { CatalogEntry } from '../core/catalog.ts';
import type { MatchCandidate } from '../core/catalog-match.ts';
import type { StarterSource } from '../core/catalog-starter.ts';

export interface StarterInfo {
  /** sha256 of the installed asset (models/manifest.json pins it). */
  sha256: string;
  entries: number;
  sources: StarterSource[];
}

export type CatalogRequest =
  /** Installs the starter catalog into IndexedDB when missing or outdated (force: again, after Clear), then indexes every entry. */
  | { id: number; type: 'init'; force?: boolean }
  /** Re-reads IndexedDB into the matcher (after an import or a clear). */
  | { id: number; type: 'reindex' }
  | { id: number; type: 'match'; query: string; limit?: number };

export type CatalogResponse =
  | { id: number; type: 'ready'; starter: StarterInfo | null; starterError: string; indexed: number; ms: number }
  | { id: number; type: 'matches'; candidates: MatchCandidate[]; ms: number }
  | { id: number; type: 'aborted' }
  | { id: number; type: 'error'; error: AppErrorData };

export const CATALOG_REQUESTS = ['init', 'reindex', 'match'] as const satisfies readonly CatalogRequest['type'][];

export interface CatalogReplies {
  init: 'ready';
  reindex: 'ready';
  match: 'matches';
}

export type { CatalogEntry };
