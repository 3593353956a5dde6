/** The ONNX engine (MobileNetV2-12 int8) in a real Chromium gets its own photo head: department and colour too. */
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { DATA_DIR, dataFile, openApp, waitReady } from './browser.ts';
import { suiteBrowser } from './suite.ts';

describe('photo → listing on the ONNX engine with its photo head', () => {
  const s = suiteBrowser();

  it('a dress photo fills "Women\'s … Dress", Fashion › Women › Dresses, department Women, a colour', async () => {
    const app = await openApp(s.browser);
    const heads: string[] = [];
    app.context.on('request', (r) => {
      if (r.url().includes('/photo-head.onnx')) heads.push(new URL(r.url()).pathname);
    });
    await waitReady(app.page);
    await app.page.getByText('Settings').click();
    await app.page.getByTestId('engine-select').selectOption('onnx');
    await waitReady(app.page);
    await app.page
      .getByTestId('photo-input')
      .setInputFiles(dataFile(join(DATA_DIR, 'photos/clothing-dataset/images/ddfd02ed-5717-4dfa-a7d6-277dbaec7f7d.jpg')));
    await expect.poll(() => app.page.getByTestId('title').inputValue(), { timeout: 90_000 }).not.toBe('');
    expect(await app.page.getByTestId('backend').textContent()).toMatch(/ONNX Runtime/);
    expect(await app.page.getByTestId('title').inputValue()).toMatch(/^Women's .*Dress$/);
    expect(await app.page.getByTestId('category').inputValue()).toBe('Fashion > Women > Dresses');
    expect(await app.page.getByTestId('department').inputValue()).toBe('Women');
    expect(await app.page.getByTestId('colour').inputValue()).not.toBe('');
    expect(heads).toContain('/models/photo-onnx/photo-head.onnx');
    expect(app.errors).toEqual([]);
    await app.context.close();
  });
});
