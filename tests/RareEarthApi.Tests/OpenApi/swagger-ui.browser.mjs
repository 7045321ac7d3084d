// Opens the docs page in headless Chromium (Debian's, driven by playwright-core), lists the operations it shows,
// runs one "Try it out" request, and keeps a screenshot. Prints one JSON line with what it saw; exits 1 on failure.
// Usage: node swagger-ui.browser.mjs <base url, e.g. http://127.0.0.1:5000> <screenshot.png> [operationId to try]
import { runInChromium } from '../Support/chromium.mjs';

const [base, screenshot, tryOperation = 'GetDatasets'] = process.argv.slice(2);
const result = { page: `${base}/api/swagger/ui`, operations: [], tried: tryOperation, status: null, requestUrl: null, foreignRequests: [], catalogLink: null };
await runInChromium(result, { width: 1400, height: 1000 }, async browser => {
  const page = await browser.newPage();
  const origin = new URL(base).origin;
  page.on('request', r => { if (!r.url().startsWith(origin) && !r.url().startsWith('data:')) result.foreignRequests.push(r.url()); });

  await page.goto(result.page, { waitUntil: 'load' });
  // Waits on conditions, bounded generously: the machine may be busy with other suites.
  await page.waitForSelector('.opblock-summary-operation-id', { timeout: 120000 });
  result.operations = (await page.locator('.opblock-summary-operation-id').allTextContents()).map(t => t.trim()).sort();
  result.catalogLink = await page.locator('#catalog-link').getAttribute('href');
  // What Execute sends when a field was cleared: the page's own request interceptor drops it.
  result.clearedField = await page.evaluate(() => window.ui.getConfigs().requestInterceptor({ url: '/api/v1/production?country=&year=2024&sort=' }).url);

  const block = page.locator('.opblock', { has: page.locator('.opblock-summary-operation-id', { hasText: new RegExp(`^${tryOperation}$`) }) });
  await block.locator('.opblock-summary').first().click();
  await block.locator('.try-out__btn').click();
  await block.locator('button.execute').click();
  const status = block.locator('.live-responses-table .response .response-col_status').first();
  await status.waitFor({ timeout: 120000 });
  result.status = Number((await status.textContent()).trim().split(/\s+/)[0]);
  result.requestUrl = (await block.locator('.request-url pre').first().textContent())?.trim() ?? null;
  await page.screenshot({ path: screenshot, fullPage: true });
});
