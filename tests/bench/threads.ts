/**
 * npm run bench:threads — does a second wasm thread pay, and does it collapse when another process is busy?
 * tfjs-wasm MobileNet V2 alone (tests/bench/threads-lab: no app around it, built with our tfjs-wasm-threads plugin,
 * served crossOriginIsolated), on the page and in a module worker, at 1, 2 and 4 threads, idle and beside BENCH_LOAD_PROCS
 * (default 1) busy-looping Node children. Medians of 25 runs, BENCH_REPEATS (default 2) page loads each.
 * Writes tests/bench/results/threads.json and threads.md. Run it alone: `flock -x /tmp/cpu.lock npm run bench:threads`.
 */
import { spawn } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { cpus } from 'node:os';
import { chromium } from 'playwright-core';
import { serveLab } from './lab-server.ts';
import { median, round } from './stats.ts';
import { parseCli } from '../../src/cli/args.ts';

parseCli({ usage: 'usage: npm run bench:threads   (BENCH_LOAD_PROCS=<n>, BENCH_REPEATS=<n>, CHROMIUM_PATH)', options: {} });

const LOAD_PROCS = Number(process.env.BENCH_LOAD_PROCS ?? 1);
const REPEATS = Number(process.env.BENCH_REPEATS ?? 2);

const { server, base } = await serveLab('threads-lab', 4189);
const browser = await chromium.launch({ executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium', args: ['--no-sandbox'] });

interface Row {
  load: string;
  where: string;
  asked: number;
  threads: number;
  median: number;
  min: number;
}
const rows: Row[] = [];
for (const load of ['idle', `${LOAD_PROCS} busy core${LOAD_PROCS === 1 ? '' : 's'}`]) {
  const hogs = load === 'idle' ? [] : Array.from({ length: LOAD_PROCS }, () => spawn(process.execPath, ['-e', 'for (;;) {}'], { stdio: 'ignore' }));
  try {
    for (const where of ['page', 'worker']) {
      for (const asked of [1, 2, 4]) {
        const runs: { threads: number; median: number; min: number }[] = [];
        for (let r = 0; r < REPEATS; r++) {
          const page = await browser.newPage();
          await page.goto(`${base}/?threads=${asked}&where=${where}`);
          await page
            .locator('#out')
            .filter({ hasText: /median|error/ })
            .waitFor({ timeout: 120_000 });
          const res = JSON.parse(await page.locator('#out').innerText());
          await page.close();
          if (res.error) throw new Error(`${where} ${asked} threads: ${res.error}`);
          runs.push(res);
        }
        const row = {
          load,
          where,
          asked,
          threads: runs[0].threads,
          median: round(median(runs.map((x) => x.median))),
          min: round(Math.min(...runs.map((x) => x.min))),
        };
        rows.push(row);
        console.log(JSON.stringify(row));
      }
    }
  } finally {
    for (const h of hogs) h.kill('SIGKILL');
  }
}
await browser.close();
server.httpServer.close();

const one = (r: Row) => rows.find((x) => x.load === r.load && x.where === r.where && x.asked === 1)!;
const md = [
  `tfjs-wasm MobileNet V2 alone (tests/bench/threads-lab), ${cpus().length} cores, crossOriginIsolated; ms per inference, median of ${REPEATS} page loads × 25 runs.`,
  '',
  '| CPU load | where | threads asked | threads (getThreadsCount) | median ms | min ms | vs 1 thread |',
  '|---|---|---|---|---|---|---|',
  ...rows.map((r) => `| ${r.load} | ${r.where} | ${r.asked} | ${r.threads} | ${r.median} | ${r.min} | ×${round(r.median / one(r).median, 2)} |`),
];
mkdirSync('tests/bench/results', { recursive: true });
writeFileSync('tests/bench/results/threads.json', JSON.stringify({ date: new Date().toISOString(), cores: cpus().length, rows }, null, 2));
writeFileSync('tests/bench/results/threads.md', md.join('\n') + '\n');
console.log('\n' + md.join('\n'));
process.exit(0);
