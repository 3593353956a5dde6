/** Writing model files (atomically: temp file, then rename), golden rows and model cards. */
import { mkdirSync, renameSync, writeFileSync, rmSync } from 'node:fs';
import { dirname } from 'node:path';

export interface PendingFile {
  path: string;
  data: Uint8Array | string;
}

/**
 * Writes every file to `<path>.tmp-<pid>` first and renames only when all temp files are written,
 * so a failure (disk full, crash) never leaves a half model next to a new sidecar.
 */
export function writeAllAtomically(files: PendingFile[]): void {
  const tmps: string[] = [];
  try {
    for (const f of files) {
      mkdirSync(dirname(f.path), { recursive: true });
      const tmp = `${f.path}.tmp-${process.pid}`;
      writeFileSync(tmp, f.data);
      tmps.push(tmp);
    }
  } catch (e) {
    for (const t of tmps) rmSync(t, { force: true });
    throw e;
  }
  files.forEach((f, i) => renameSync(tmps[i], f.path));
}

export interface CardSection {
  title: string;
  lines: string[];
}

export function modelCard(title: string, sections: CardSection[]): string {
  return [`# ${title}`, '', ...sections.flatMap((s) => [`## ${s.title}`, '', ...s.lines, ''])].join('\n');
}

/** A small text progress bar on stderr (a line every 10% when stderr is not a terminal). */
export function progressBar(label: string): (f: number) => void {
  let lastTenth = -1;
  return (f) => {
    const pct = Math.min(100, Math.max(0, Math.round(f * 100)));
    if (process.stderr.isTTY) {
      const n = Math.round(pct / 4);
      process.stderr.write(`\r${label} [${'#'.repeat(n)}${'.'.repeat(25 - n)}] ${pct}%${pct === 100 ? '\n' : ''}`);
    } else if (Math.floor(pct / 10) > lastTenth) {
      lastTenth = Math.floor(pct / 10);
      process.stderr.write(`${label} ${lastTenth * 10}%\n`);
    }
  };
}
