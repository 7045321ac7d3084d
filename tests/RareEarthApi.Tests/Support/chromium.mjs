// Runs a browser check in Debian's headless Chromium (driven by playwright-core) with a fresh, empty profile, and
// prints one JSON line with what it saw (and the error, if any; the exit code is then 1).
import { chromium } from 'playwright-core';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export async function runInChromium(result, viewport, check) {
  const profile = mkdtempSync(join(tmpdir(), 'browser-test-profile-'));
  let browser;
  try {
    // Playwright takes the profile folder as the persistent context's --user-data-dir.
    browser = await chromium.launchPersistentContext(profile, {
      executablePath: process.env.CHROMIUM_PATH || '/usr/bin/chromium',
      headless: true,
      viewport,
      args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking',
        '--disable-component-update', '--disable-sync'],
    });
    await check(browser);
    console.log(JSON.stringify(result));
  } catch (e) {
    console.log(JSON.stringify({ ...result, error: String(e && e.stack || e) }));
    process.exitCode = 1;
  } finally {
    await browser?.close();
    rmSync(profile, { recursive: true, force: true });
  }
}
