import { existsSync } from 'node:fs';
import { chromium, type Browser, type Page } from 'playwright-core';

/** Debian's chromium (no browser downloads here); CHROMIUM_PATH points elsewhere. */
const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

/** Whether browser specs can run; on CI a missing browser is an error, not a skip. */
export const chromiumAvailable = existsSync(CHROMIUM);
if (!chromiumAvailable && process.env.CI) throw new Error(`${CHROMIUM} is missing; .ci/run installs Debian's chromium package`);

export function launchChromium(): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--no-first-run'],
  });
}

/** Collects the page's uncaught errors and, with `console`, its console errors too (read them at the end of a spec). */
export function pageFailures(page: Page, { console = true } = {}): string[] {
  const failures: string[] = [];
  page.on('pageerror', (error) => failures.push(error.message));
  if (console) {
    page.on('console', (message) => {
      if (message.type() === 'error') failures.push(message.text());
    });
  }
  return failures;
}

/**
 * Presses the portal try-it console's Send until its status shows `expected` (e.g. once an approval has reached
 * the data plane), waiting for each answer before trying again: pressing while a call is in flight restarts it.
 */
export async function sendUntil(page: Page, expected: string, timeoutMs = 10_000): Promise<string> {
  const status = page.locator('#try-status');
  const deadline = Date.now() + timeoutMs;
  let shown = '';
  while (Date.now() < deadline) {
    await page.getByRole('button', { name: 'Send' }).click();
    do {
      await page.waitForTimeout(50);
      shown = (await status.textContent()) ?? '';
    } while (shown.startsWith('Calling') && Date.now() < deadline);
    if (shown.includes(expected)) return shown;
    await page.waitForTimeout(100);
  }
  return shown;
}
