// Opens the explorer page in headless Chromium (Debian's, driven by playwright-core): the landing view and each
// story, as a person would (clicking the story links), then each story's URL in a fresh page. For each view it
// reports the marks drawn, the rows shown, the API URLs and the rows of the CSV links (fetched by the page), and
// keeps a screenshot. Prints one JSON line; exits 1 on failure.
// Usage: node explorer.browser.mjs <base url> <screenshot folder>
import { join } from 'node:path';
import { runInChromium } from '../Support/chromium.mjs';

const [base, shots] = process.argv.slice(2);
const page0 = `${base}/api/`;
// Every wait is on a condition (the page sets body[data-ready] when a view is drawn), never a fixed sleep; each is
// bounded, generously, because the machine may be busy with other suites (the C# side bounds the whole run).
const WAIT = { timeout: 120000 };
const result = { page: page0, foreignRequests: [], consoleErrors: [], views: [], stories: [], restored: [], embed: null, narrow: null, keyboard: null, png: 0, links: {} };

/** What the page shows now: marks, rows, its state, and the rows of each CSV link as the page's own fetch gets them. */
async function snapshot(page) {
  await page.waitForFunction(() => document.body.dataset.ready === 'true', null, WAIT);
  return page.evaluate(async () => {
    const count = text => {
      // RFC 4180 records, quoted newlines kept inside their field; the header is not a row.
      let records = 0, quoted = false, any = false;
      for (let i = 0; i < text.length; i++) {
        const c = text[i];
        if (c === '"') quoted = !quoted;
        else if (c === '\n' && !quoted) { if (any) records++; any = false; continue; }
        if (c !== '\r' && c !== '\ufeff') any = true;
      }
      if (any) records++;
      return Math.max(0, records - 1);
    };
    const csv = [];
    for (const a of document.querySelectorAll('#csv-links a')) {
      const text = await fetch(a.href).then(r => r.text());
      csv.push({ href: a.href.startsWith('blob:') ? 'blob:' : a.href, rows: count(text) });
    }
    const state = window.explorer.state();
    return {
      url: location.href, title: document.getElementById('view-title').textContent,
      marks: Number(document.body.dataset.marks), rows: Number(document.body.dataset.rows),
      tableRows: document.querySelectorAll('#table tbody tr').length,
      yField: document.body.dataset.y || null, ySource: document.body.dataset.ySource || null,
      values: window.explorer.result().rows.map(r => ({ year: r.year, value: document.body.dataset.y ? r[document.body.dataset.y] ?? null : null })),
      apiUrls: window.explorer.result().urls, csv, messages: [...document.querySelectorAll('#messages p')].map(p => p.textContent),
      chartText: document.getElementById('chart-description')?.textContent || null,
      svgLabelled: !!document.querySelector('#chart svg[role="img"][aria-labelledby][aria-describedby]'),
      sources: document.querySelectorAll('#sources li').length,
      embedCode: document.getElementById('embed-code').value,
      apiUrlField: document.getElementById('api-url').value,
    };
  });
}

await runInChromium(result, { width: 1280, height: 900 }, async browser => {
  browser.setDefaultTimeout(WAIT.timeout);
  browser.setDefaultNavigationTimeout(WAIT.timeout);
  const origin = new URL(base).origin;
  const watch = page => {
    page.on('request', r => { const u = r.url(); if (!u.startsWith(origin) && !u.startsWith('data:') && !u.startsWith('blob:')) result.foreignRequests.push(u); });
    page.on('console', m => { if (m.type() === 'error') result.consoleErrors.push(`${page.url()}: ${m.text()}`); });
    page.on('pageerror', e => result.consoleErrors.push(`${page.url()}: ${e.message}`));
  };
  const page = await browser.newPage();
  watch(page);
  await page.goto(page0, { waitUntil: 'load' });
  const landing = await snapshot(page);
  result.views.push(landing);
  result.links.docs = await page.locator('#docs-link').getAttribute('href');
  result.links.catalog = await page.locator('#catalog-link').getAttribute('href');
  await page.screenshot({ path: join(shots, 'explorer.png'), fullPage: false });

  // PNG export draws the SVG on a canvas: a non-empty image comes back.
  result.png = await page.evaluate(async () => (await window.explorer.pngBlob())?.size || 0);

  // Each story, one click from the page.
  const ids = await page.locator('#stories a').evaluateAll(as => as.map(a => a.dataset.story));
  for (const id of ids) {
    await page.locator(`#stories a[data-story="${id}"]`).click();
    await page.waitForFunction(s => new URLSearchParams(location.search).get('story') === s && document.body.dataset.ready === 'true', id, WAIT);
    const seen = await snapshot(page);
    result.stories.push({ id, ...seen });
    await page.locator('#view').screenshot({ path: join(shots, `story-${id}.png`) });
  }

  // A story's URL, opened afresh, restores the same view.
  for (const story of result.stories) {
    const fresh = await browser.newPage();
    watch(fresh);
    await fresh.goto(story.url, { waitUntil: 'load' });
    const seen = await snapshot(fresh);
    result.restored.push({ id: story.id, url: seen.url, title: seen.title, marks: seen.marks, rows: seen.rows, apiUrls: seen.apiUrls });
    await fresh.close();
  }

  // The embed snippet's iframe URL: the chart only.
  const embedUrl = landing.embedCode.match(/src="([^"]+)"/)[1].replace(/&amp;/g, '&');
  const embed = await browser.newPage();
  watch(embed);
  await embed.goto(embedUrl, { waitUntil: 'load' });
  const embedSeen = await snapshot(embed);
  result.embed = {
    url: embedUrl, marks: embedSeen.marks,
    controlsVisible: await embed.locator('#controls').isVisible(), tableVisible: await embed.locator('#table').isVisible(),
  };
  await embed.close();

  // Framing, as an article would frame it (here from a page of the same host, which 'self' would also allow): the
  // embed view loads in an iframe; the normal view is refused (frame-ancestors 'none'), so its frame never becomes the page.
  const host = await browser.newPage();
  await host.goto(`${base}/api/v1/datasets`, { waitUntil: 'load' });
  await host.evaluate(([embedUrl, pageUrl]) => {
    for (const [id, src] of [['embed-frame', embedUrl], ['page-frame', pageUrl]]) {
      const f = document.createElement('iframe');
      f.id = id; f.src = src; f.width = 800; f.height = 600;
      f.addEventListener('load', () => { f.dataset.loaded = 'true'; }, { once: true });
      document.body.append(f);
    }
  }, [embedUrl, page0]);
  await host.waitForFunction(() => document.getElementById('embed-frame').contentDocument?.body?.dataset.ready === 'true'
    && document.getElementById('page-frame').dataset.loaded === 'true', null, WAIT);
  result.framing = await host.evaluate(() => ({
    embedReady: document.getElementById('embed-frame').contentDocument.body.dataset.ready === 'true',
    pageLoaded: !!document.getElementById('page-frame').contentDocument?.getElementById('controls'),
  }));
  await host.close();

  // 375 px wide: nothing wider than the screen.
  const narrow = await browser.newPage();
  await narrow.setViewportSize({ width: 375, height: 800 });
  watch(narrow);
  await narrow.goto(page0, { waitUntil: 'load' });
  await snapshot(narrow);
  result.narrow = await narrow.evaluate(() => ({ scrollWidth: document.documentElement.scrollWidth, svgWidth: document.querySelector('#chart svg[role="img"]')?.getBoundingClientRect().width || 0 }));
  await narrow.screenshot({ path: join(shots, 'explorer-375.png'), fullPage: false });

  // Keyboard only: Tab to the first story link and press Enter.
  await narrow.keyboard.press('Tab');
  let focused = '';
  for (let i = 0; i < 15 && !focused.startsWith('story:'); i++) {
    await narrow.keyboard.press('Tab');
    focused = await narrow.evaluate(() => (document.activeElement?.dataset.story ? 'story:' + document.activeElement.dataset.story : document.activeElement?.tagName || ''));
  }
  await narrow.keyboard.press('Enter');
  await narrow.waitForFunction(() => new URLSearchParams(location.search).has('story') && document.body.dataset.ready === 'true', null, WAIT);
  result.keyboard = { focused, url: narrow.url() };
  await narrow.close();
});
