import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chromiumAvailable, launchChromium, pageFailures } from '../support/browser';
import { REPO_ROOT } from '../support/portico-process';
import { findFreePort } from '../support/ports';
import { startTestApp, type TestApp } from '../support/test-app';


describe.skipIf(!chromiumAvailable)('Swagger UI in headless Chromium', () => {
  let subject: TestApp;
  let base: string;

  beforeAll(async () => {
    subject = await startTestApp();
    const port = await findFreePort();
    await subject.app.listen({ port, host: '127.0.0.1' });
    base = `http://127.0.0.1:${port}`;
  });
  afterAll(async () => {
    await subject?.close();
  });

  it('renders /docs with the API title and the documented operations', async () => {
    const browser = await launchChromium();
    try {
      const page = await browser.newPage();
      const failures = pageFailures(page, { console: false });
      await page.goto(`${base}/docs`, { waitUntil: 'networkidle' });
      await page.waitForSelector('.swagger-ui .info .title', { timeout: 15_000 });
      expect(await page.textContent('.swagger-ui .info .title')).toContain('Portico');
      // Swagger UI (5.x) renders only the tags near the viewport: scroll through the page and collect what it shows.
      const seen = new Set<string>();
      for (let step = 0; step < 400 && !(seen.has('/healthz') && seen.has('/readyz')); step++) {
        for (const path of await page.$$eval('.opblock-summary-path', (nodes) => nodes.map((node) => node.textContent?.trim() ?? ''))) seen.add(path);
        await page.mouse.wheel(0, 600);
        await page.waitForTimeout(50);
      }
      const operations = [...seen];
      expect(operations).toEqual(expect.arrayContaining(['/healthz', '/readyz']));
      expect(failures).toEqual([]);
      const out = join(REPO_ROOT, 'test-results');
      mkdirSync(out, { recursive: true });
      await page.screenshot({ path: join(out, 'docs.png'), fullPage: true });
    } finally {
      await browser.close();
    }
  });
});
