import http from 'node:http';
import { readFileSync } from 'node:fs';
import { chromium } from 'playwright-core';
import bwipjs from 'bwip-js/node';
import sharp from 'sharp';
const types: Record<string, string> = { html: 'text/html', js: 'text/javascript', wasm: 'application/wasm' };
const server = http.createServer((req, res) => {
  const f = req.url === '/' ? '/index.html' : req.url!;
  try { const b = readFileSync('/tmp/bc/site' + f); res.writeHead(200, { 'content-type': types[f.split('.').pop()!] ?? 'application/octet-stream' }); res.end(b); }
  catch { res.writeHead(404); res.end(); }
});
await new Promise<void>((r) => server.listen(8765, '127.0.0.1', r));
const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ['--no-sandbox'] });
const page = await browser.newPage();
page.on('console', (m) => console.log('console:', m.text()));
page.on('requestfailed', (r) => console.log('failed:', r.url()));
const requests: string[] = [];
page.on('request', (r) => requests.push(r.url()));
await page.goto('http://127.0.0.1:8765/');
for (const [bcid, text] of [['ean13', '5901234123457'], ['upce', '04252614'], ['qrcode', '5901234123457']]) {
  const png = await bwipjs.toBuffer({ bcid, text, scale: 3, height: 18, includetext: true, paddingwidth: 16, paddingheight: 12, backgroundcolor: 'FFFFFF' } as any);
  const { data, info } = await sharp(png).resize(640, 480, { fit: 'contain', background: '#fff' }).ensureAlpha().raw().toBuffer({ resolveWithObject: true });
  for (const mode of ['photo', 'live', 'live']) {
    const t0 = Date.now();
    const r = await page.evaluate(([w, h, arr, mode]) => (window as any).decode(w, h, arr, mode), [info.width, info.height, Array.from(data), mode] as const);
    console.log(bcid, mode, JSON.stringify(r), Date.now() - t0, 'ms round trip');
  }
}
// live fps: 30 frames 640x480
const png = await bwipjs.toBuffer({ bcid: 'ean13', text: '4006381333931', scale: 2, height: 12, includetext: true, paddingwidth: 40, paddingheight: 40, backgroundcolor: 'FFFFFF' } as any);
const { data, info } = await sharp(png).resize(640, 480, { fit: 'contain', background: '#fff' }).ensureAlpha().raw().toBuffer({ resolveWithObject: true });
const blank = new Uint8Array(640 * 480 * 4).fill(128);
for (const [name, buf] of [['code', data], ['blank', blank]] as const) {
  const stats = await page.evaluate(async ([arr]) => {
    const src = new Uint8ClampedArray(arr as number[]);
    const t0 = performance.now(); let ms = 0;
    for (let i = 0; i < 30; i++) { const r = await (window as any).send({ type: 'decode', image: { width: 640, height: 480, data: src.slice() }, mode: 'live' }); ms += r.ms; }
    return { fps: 30000 / (performance.now() - t0), decodeMs: ms / 30 };
  }, [Array.from(buf)] as const);
  console.log('live', name, JSON.stringify(stats));
}
console.log('requests', requests.filter((u) => !u.startsWith('http://127.0.0.1')).length, 'external;', requests.join(' '));
console.log('err', await page.evaluate(() => (window as any).__err));
await browser.close(); server.close();
