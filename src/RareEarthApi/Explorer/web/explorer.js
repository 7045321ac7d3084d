// The explorer page: reads this API's own routes, draws them with Observable Plot (bundled at build time by
// build.mjs, never from a CDN), and keeps its whole state in the page's URL so a link restores the view.
// Parameters the page sends are only those the OpenAPI document lists for the route; every figure comes from a
// response, none is written here.
import * as Plot from '@observablehq/plot';
import { STORIES } from './stories.js';

const root = document.body.dataset.root || '/api';
const $ = id => document.getElementById(id);
const number = new Intl.NumberFormat('en', { maximumFractionDigits: 2 });
const today = () => new Date().toISOString().slice(0, 10);

// Page-level keys of the URL; every other key is a parameter of the route shown.
const PAGE_KEYS = ['show', 'story', 'embed', 'chart', 'measure', 'mark'];

const observationColumns = [
  ['Country', r => r.countryName], ['Year', r => r.year], ['Value', r => r.value, true], ['Unit', r => `${r.unit} ${r.basis}`],
  ['Status', r => r.status], ['Edition', r => r.source?.edition],
];

/** What each dataset looks like on the page: its route, form fields, chart and table. */
export const VIEWS = {
  production: {
    name: 'Mine production', route: 'v1/production', catalog: 'production',
    fields: ['commodity', 'country', 'years', 'edition', 'include_aggregates'],
    defaults: { country: 'CHN,USA,AUS,MMR', start: '1990', chart: 'line' }, charts: ['line', 'bars'],
    x: 'year', y: () => 'value', series: r => r.countryName, label: r => r.countryName,
    unit: rows => rows[0] ? `${rows[0].unit} ${rows[0].basis}` : '', columns: observationColumns,
    editions: r => [r.source?.edition],
  },
  reserves: {
    name: 'Reserves', route: 'v1/reserves', catalog: 'reserves',
    fields: ['commodity', 'country', 'years', 'edition', 'include_aggregates'],
    defaults: { chart: 'bars' }, charts: ['bars', 'line'],
    x: 'year', y: () => 'value', series: r => r.countryName, label: r => r.countryName,
    unit: rows => rows[0] ? `${rows[0].unit} ${rows[0].basis}` : '', columns: observationColumns,
    editions: r => [r.source?.edition],
  },
  refining: {
    name: 'Refining share', route: 'v1/refining', catalog: 'refining',
    fields: ['country', 'years', 'scenario', 'edition', 'include_aggregates'],
    defaults: { chart: 'line' }, charts: ['line', 'bars'],
    x: 'year', y: () => 'value', series: r => r.countryName, label: r => `${r.countryName} ${r.year}${r.isProjection ? ' (projected)' : ''}`,
    dashed: r => r.isProjection, unit: () => '% of refined output',
    columns: [['Country', r => r.countryName], ['Year', r => r.year], ['Share %', r => r.value, true], ['Scenario', r => r.scenario],
      ['Outlook', r => r.outlookYear], ['Edition', r => r.source?.edition]],
    editions: r => [r.source?.edition],
  },
  trade: {
    name: 'Trade', route: 'v1/trade', catalog: 'trade',
    fields: ['reporter', 'partner', 'flow', 'hs', 'years', 'include_aggregates', 'measure'],
    defaults: { reporter: 'CHN', flow: 'import', hs: '2846', chart: 'bars', measure: 'valueUsd' }, charts: ['bars', 'line'],
    measures: { valueUsd: 'Value, USD', netWeightKg: 'Net weight, kg' }, sortBy: { valueUsd: '-value', netWeightKg: '-weight' },
    x: 'year', y: s => s.measure || 'valueUsd', series: r => `${r.reporterName} ${r.flow} from/to ${r.partnerName}`, label: r => r.partnerName,
    unit: (rows, s) => (s.measure === 'netWeightKg' ? 'kg' : 'USD'),
    columns: [['Reporter', r => r.reporterName], ['Partner', r => r.partnerName], ['Flow', r => r.flow], ['HS', r => r.hs], ['Year', r => r.year],
      ['Value USD', r => r.valueUsd, true], ['Net weight kg', r => r.netWeightKg, true], ['Valuation', r => r.valuation], ['Edition', r => r.source?.edition]],
    editions: r => [r.source?.edition],
  },
  concentration: {
    name: 'Concentration (largest producer\'s share, HHI)', route: 'v1/indicators/concentration', catalog: null,
    fields: ['dataset', 'commodity', 'country', 'years', 'scenario', 'measure'],
    defaults: { dataset: 'production', chart: 'line', measure: 'topShare' }, charts: ['line'],
    measures: { topShare: 'Largest country\'s share, %', topThreeShare: 'Top three\'s share, %', hhi: 'Herfindahl–Hirschman index', countryShare: 'Share of each country named, %' },
    // A named country's share (the route's countryShares for country=): one request per country, so each row is one
    // country's year; ySource says where in the API's row the value drawn is.
    fanOut: s => (s.measure === 'countryShare' ? 'country' : null),
    rows: (rows, s) => (s.measure === 'countryShare'
      ? rows.map(r => ({ ...r, countryShare: r.countryShares?.[0]?.share ?? null, shareOf: r.countryShares?.[0]?.countryName ?? null }))
      : rows),
    ySource: s => (s.measure === 'countryShare' ? 'countryShares.0.share' : null),
    x: 'year', y: s => s.measure || 'topShare', series: r => r.shareOf || r.scenario || r.dataset,
    // Dots coloured by the largest producer of each year, unless the chart is of named countries.
    colorBy: s => (s.measure === 'countryShare' ? null : r => r.topCountryName),
    label: r => `${r.year}: ${r.shareOf || r.topCountryName}`, unit: (rows, s) => (s.measure === 'hhi' ? 'HHI (0–10,000)' : '%'),
    columns: s => [['Year', r => r.year],
      ...(s.measure === 'countryShare' ? [['Country', r => r.shareOf], ['Its share %', r => r.countryShare, true]] : []),
      ['Largest', r => r.topCountryName], ['Largest\'s share %', r => r.topShare, true], ['Top three %', r => r.topThreeShare, true],
      ['HHI', r => r.hhi, true], ['Coverage %', r => r.coverage, true], ['Scenario', r => r.scenario], ['Editions', r => (r.editions || []).join(' ')]],
    editions: r => r.editions || [],
  },
  'import-dependence': {
    name: 'Import dependence', route: 'v1/indicators/import-dependence', catalog: 'trade',
    // Reports quote part-year figures (2010-09, 2012-H1) beside whole years: each is drawn where its period starts,
    // on a line of its own.
    rows: rows => rows.map(r => ({ ...r, at: periodStart(r.period, r.year) })),
    fields: ['importer', 'supplier', 'hs', 'years', 'measure'],
    defaults: { importer: 'JPN,USA', supplier: 'CHN', hs: '850511', chart: 'line', measure: 'shareByValue' }, charts: ['line'],
    // The route takes one importer; the page asks once per importer named.
    fanOut: 'importer',
    measures: { shareByValue: 'Share by value, %', shareByWeight: 'Share by weight, %' },
    x: 'at', y: s => s.measure || 'shareByValue', label: r => r.importerName,
    series: r => `${r.importerName} from ${r.supplierName}${/-/.test(r.period || '') ? ' (part-year figures)' : ''}`,
    unit: () => '% of imports',
    columns: [['Importer', r => r.importerName], ['Supplier', r => r.supplierName], ['HS', r => r.hs], ['Year', r => r.year], ['Period', r => r.period],
      ['By value %', r => r.shareByValue, true], ['By weight %', r => r.shareByWeight, true], ['Editions', r => (r.editions || []).join(' ')]],
    editions: r => r.editions || [],
  },
  restrictions: {
    name: 'Export restrictions', route: 'v1/restrictions', catalog: 'restrictions',
    fields: ['country', 'element', 'hs', 'type', 'from', 'to', 'as_of'],
    defaults: { chart: 'timeline' }, charts: ['timeline'],
    columns: [['Event', r => r.title], ['Type', r => r.type], ['Status on date', r => r.status], ['Announced', r => r.announced], ['Effective', r => r.effective],
      ['Ended', r => r.ended], ['Suspended until', r => r.suspendedUntil], ['Instrument', r => r.instrumentNumber || r.instrument]],
    editions: r => [r.source?.edition],
  },
};

/** Where a period starts, in years: 2010 → 2010, 2010-09 → 2010.67, 2012-H2 → 2012.5, 2011-Q2 → 2011.25. */
function periodStart(period, year) {
  const m = /^(\d{4})(?:-(?:(\d{2})|H([12])|Q([1-4])))?$/.exec(period || '');
  if (!m) return year;
  const y = Number(m[1]);
  return m[2] ? y + (Number(m[2]) - 1) / 12 : m[3] ? y + (Number(m[3]) - 1) / 2 : m[4] ? y + (Number(m[4]) - 1) / 4 : y;
}

const FIELD_LABELS = {
  commodity: 'Commodity', country: 'Countries', reporter: 'Reporter', partner: 'Partner', importer: 'Importers', supplier: 'Supplier',
  flow: 'Flow', hs: 'HS code', edition: 'Edition', scenario: 'Scenario', include_aggregates: 'World and group rows', dataset: 'Dataset',
  element: 'Element', type: 'Measure type', from: 'From (date)', to: 'To (date)', as_of: 'Status on (date)', measure: 'Measure',
};

let openapi = null;
let catalog = null;
let commodities = null;
let countries = [];
let current = null;
let currentResult = null;

// ---------------------------------------------------------------------------------------------------------------
// State: the page's URL is the state.

function readState() {
  const params = new URLSearchParams(location.search);
  const state = {};
  for (const [k, v] of params) {
    if (v !== '') state[k] = v;
  }
  return state;
}

function pageUrl(state) {
  const params = new URLSearchParams();
  for (const [k, v] of Object.entries(state)) {
    if (v !== undefined && v !== null && v !== '') params.set(k, v);
  }
  const query = params.toString().replace(/%2C/g, ',');
  return `${location.pathname}${query ? '?' + query : ''}`;
}

/** The state a story link or a bare URL stands for: the story's preset, then the view's defaults. */
async function resolveState(state) {
  let resolved = { ...state };
  const story = state.story && STORIES.find(s => s.id === state.story);
  if (story) {
    resolved = { ...(await story.state(api)), ...state };
  }
  resolved.show = VIEWS[resolved.show] ? resolved.show : 'production';
  const view = VIEWS[resolved.show];
  const defaults = typeof view.defaults === 'function' ? view.defaults() : view.defaults;
  const hasOwn = Object.keys(state).some(k => !PAGE_KEYS.includes(k)) || story;
  for (const [k, v] of Object.entries(defaults)) {
    if (resolved[k] === undefined && (PAGE_KEYS.includes(k) || !hasOwn)) resolved[k] = v;
  }
  if (!view.charts.includes(resolved.chart)) resolved.chart = view.charts[0];
  if (resolved.chart === 'bars' && !resolved.year) {
    const cat = catalogEntry(view);
    if (cat?.coverage?.lastYear) resolved.year = String(cat.coverage.lastYear);
  }
  if (resolved.show === 'restrictions' && !resolved.as_of) resolved.as_of = today();
  return { state: resolved, story };
}

// ---------------------------------------------------------------------------------------------------------------
// The API.

async function api(path) {
  const url = path.startsWith('http') ? path : `${root}/${path}`;
  const response = await fetch(url, { headers: { Accept: 'application/json' } });
  const body = await response.json().catch(() => null);
  if (!response.ok) {
    const detail = body?.detail || `${response.status} ${response.statusText}`;
    const error = new Error(detail);
    error.status = response.status;
    error.problem = body;
    throw error;
  }
  return body;
}

/** The query parameters the OpenAPI document lists for a route, by name. */
function routeParameters(route) {
  const operation = openapi?.paths?.['/' + route]?.get;
  const map = new Map();
  for (const p of operation?.parameters || []) {
    if (p.in === 'query') map.set(p.name, p);
  }
  return map;
}

function enumOf(parameter) {
  const schema = parameter?.schema || {};
  return schema.enum || schema.items?.enum || null;
}

function catalogEntry(view) {
  return catalog?.data?.find(d => d.name === view.catalog) || null;
}

/** The list parameter a view asks for one item at a time (the route takes one), if any. */
function fanOutOf(view, state) {
  return typeof view.fanOut === 'function' ? view.fanOut(state) : view.fanOut || null;
}

/** The API requests a state stands for: one, or one per item of a fanned-out list. */
export function requestsFor(state) {
  const view = VIEWS[state.show];
  const accepted = routeParameters(view.route);
  const params = {};
  for (const [k, v] of Object.entries(state)) {
    if (PAGE_KEYS.includes(k)) continue;
    if (accepted.size && !accepted.has(k)) continue;
    params[k] = v;
  }
  if (state.chart === 'bars') {
    delete params.start;
    delete params.end;
    if (accepted.has('sort') || !accepted.size) {
      params.sort = view.sortBy?.[state.measure] || '-value';
    }
  } else if (state.chart === 'line') {
    if (params.start || params.end) delete params.year;
  }
  const fanKey = fanOutOf(view, state);
  const fan = fanKey && params[fanKey] ? params[fanKey].split(',').filter(Boolean) : [null];
  return fan.map(item => {
    const p = { ...params };
    if (item) p[fanKey] = item;
    const query = new URLSearchParams(p).toString().replace(/%2C/g, ',');
    return `${location.origin}${root}/${view.route}${query ? '?' + query : ''}`;
  });
}

function csvUrl(url) {
  return url + (url.includes('?') ? '&' : '?') + 'format=csv';
}

// ---------------------------------------------------------------------------------------------------------------
// The form.

function fieldHtml(name, state, view) {
  const accepted = routeParameters(view.route);
  const id = `f-${name}`;
  const label = FIELD_LABELS[name] || name;
  const value = state[name] ?? '';
  const esc = s => String(s).replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;');
  if (name === 'years') {
    const charts = view.charts.filter(c => c !== 'timeline');
    const choices = charts.length > 1 ? `<fieldset class="choices"><legend>Chart</legend>${charts.map(c =>
      `<label><input type="radio" name="chart" value="${c}" ${state.chart === c ? 'checked' : ''}> ${c === 'line' ? 'Over the years (line)' : 'Ranking for one year (bars)'}</label>`).join('')}</fieldset>` : '';
    return `<div class="field">${choices}
      <div class="pair" data-for="line"><div><label for="f-start">From year</label><input id="f-start" name="start" inputmode="numeric" pattern="[0-9]{4}" value="${esc(state.start ?? '')}"></div>
      <div><label for="f-end">To year</label><input id="f-end" name="end" inputmode="numeric" pattern="[0-9]{4}" value="${esc(state.end ?? '')}"></div></div>
      <div data-for="bars"><label for="f-year">Year</label><input id="f-year" name="year" inputmode="numeric" pattern="[0-9]{4}" value="${esc(state.year ?? '')}"></div></div>`;
  }
  if (name === 'measure') {
    if (!view.measures) return '';
    return `<div class="field"><label for="${id}">${label}</label><select id="${id}" name="measure">${Object.entries(view.measures).map(([k, t]) =>
      `<option value="${k}" ${state.measure === k ? 'selected' : ''}>${esc(t)}</option>`).join('')}</select></div>`;
  }
  if (accepted.size && !accepted.has(name)) return '';
  const parameter = accepted.get(name);
  const help = parameter?.description ? `<span class="help" id="${id}-help">${esc(parameter.description.split(/(?<=\.)\s/)[0])}</span>` : '';
  const described = help ? `aria-describedby="${id}-help"` : '';
  if (name === 'commodity' && commodities) {
    return `<div class="field"><label for="${id}">${label}</label><select id="${id}" name="commodity" ${described}>${commodities.data.map(c =>
      `<option value="${esc(c.id)}" ${(value || parameter?.schema?.default || 'rare-earths') === c.id ? 'selected' : ''}>${esc(c.name)}</option>`).join('')}</select>${help}</div>`;
  }
  const values = enumOf(parameter);
  if (name === 'include_aggregates') {
    return `<div class="field"><label><input type="checkbox" name="include_aggregates" value="true" ${value === 'true' ? 'checked' : ''}> Add World and group rows</label></div>`;
  }
  if (values && !['country', 'reporter', 'partner', 'importer', 'supplier', 'element', 'hs'].includes(name)) {
    return `<div class="field"><label for="${id}">${label}</label><select id="${id}" name="${name}" ${described}><option value="">(any)</option>${values.map(v =>
      `<option ${String(value) === String(v) ? 'selected' : ''}>${esc(v)}</option>`).join('')}</select>${help}</div>`;
  }
  const type = ['from', 'to', 'as_of'].includes(name) ? 'date' : 'text';
  const list = ['country', 'reporter', 'partner', 'importer', 'supplier'].includes(name) ? 'list="countries-list"' : '';
  return `<div class="field"><label for="${id}">${label}</label><input id="${id}" name="${name}" type="${type}" ${list} value="${esc(value)}" ${described} autocomplete="off">${help}</div>`;
}

function renderForm(state) {
  const view = VIEWS[state.show];
  const datasetChoice = `<div class="field"><label for="f-show">Data</label><select id="f-show" name="show">${Object.entries(VIEWS).map(([k, v]) =>
    `<option value="${k}" ${state.show === k ? 'selected' : ''}>${v.name}</option>`).join('')}</select></div>`;
  $('fields').innerHTML = datasetChoice + view.fields.map(f => fieldHtml(f, state, view)).join('')
    + `<datalist id="countries-list">${countries.map(c => `<option value="${c.iso3}">${c.name}</option>`).join('')}</datalist>`;
  syncYearInputs();
}

function syncYearInputs() {
  const chart = $('controls').querySelector('input[name="chart"]:checked')?.value;
  for (const el of $('controls').querySelectorAll('[data-for]')) {
    el.hidden = chart ? el.dataset.for !== chart : el.dataset.for === 'bars' && false;
  }
}

function formState() {
  const form = new FormData($('controls'));
  const state = {};
  for (const [k, v] of form) {
    if (v !== '') state[k] = String(v).trim();
  }
  const view = VIEWS[state.show];
  if (state.chart === 'bars') { delete state.start; delete state.end; } else { delete state.year; }
  if (!view.charts.includes(state.chart)) state.chart = view.charts[0];
  return state;
}

// ---------------------------------------------------------------------------------------------------------------
// Rendering a view.

async function load(state, story) {
  if (story?.load) return story.load(state, { api, requestsFor, routeParameters, commodities: () => commodities });
  const view = VIEWS[state.show];
  const urls = requestsFor(state);
  const bodies = [];
  const messages = [];
  for (const url of urls) {
    try {
      bodies.push({ url, body: await api(url) });
    } catch (e) {
      messages.push({ error: true, text: `${url.replace(location.origin, '')}: ${e.message}` });
    }
  }
  const served = bodies.flatMap(b => b.body.data);
  const rows = view.rows ? view.rows(served, state) : served;
  for (const b of bodies) {
    for (const w of b.body.meta.warnings || []) messages.push({ text: w });
    if (b.body.links?.next) messages.push({ text: `Only the first ${b.body.meta.returned} of ${b.body.meta.total} rows are shown; narrow the query.` });
  }
  return {
    rows, messages, urls, csv: bodies.map(b => b.body.links?.csv || csvUrl(b.url)),
    citation: [...new Set(bodies.map(b => b.body.meta.citation))].join(' '),
    versions: [...new Set(bodies.map(b => b.body.meta.dataVersion))],
  };
}

async function show(replace) {
  // Not ready until this view is drawn (a test, or a person, waits on it).
  document.body.dataset.ready = 'loading';
  const raw = readState();
  let resolved;
  try {
    resolved = await resolveState(raw);
  } catch (e) {
    resolved = { state: { show: 'production', ...VIEWS.production.defaults }, story: null };
  }
  const { state, story } = resolved;
  if (replace) history.replaceState(null, '', pageUrl(state));
  current = state;
  document.body.classList.toggle('embed', state.embed === '1');
  renderForm(state);
  for (const a of $('stories').querySelectorAll('a')) {
    if (a.dataset.story === state.story) a.setAttribute('aria-current', 'page'); else a.removeAttribute('aria-current');
  }
  const view = VIEWS[state.show];
  $('view-title').textContent = story ? story.title : view.name;
  $('view-subtitle').textContent = story ? story.subtitle : Object.entries(state)
    .filter(([k]) => !['show', 'story', 'embed', 'chart'].includes(k))
    .map(([k, v]) => `${FIELD_LABELS[k] || k}: ${k === 'measure' ? view.measures?.[v] || v : v}`).join(' · ');
  $('messages').innerHTML = '';
  $('chart').innerHTML = '<p>Loading…</p>';
  document.body.dataset.ready = 'loading';
  let result;
  try {
    result = await load(state, story);
  } catch (e) {
    result = { rows: [], messages: [{ error: true, text: e.message }], urls: [], csv: [], citation: '', versions: [] };
  }
  currentResult = result;
  const marks = state.chart === 'timeline' && !story?.load ? await timelineChart(result.rows, state) : await chartFor(view, state, result, story);
  for (const m of result.messages) {
    const p = document.createElement('p');
    p.textContent = m.text;
    if (m.error) p.className = 'error';
    $('messages').append(p);
  }
  renderSources(view, result, story);
  renderTable(result.columns || (typeof view.columns === 'function' ? view.columns(state) : view.columns), result.rows);
  renderShare(state, result);
  document.body.dataset.ready = 'true';
  document.body.dataset.marks = String(marks);
  document.body.dataset.rows = String(result.rows.length);
}

function yOf(view, state, row) {
  const field = view.y(state);
  return typeof field === 'function' ? field(row) : row[field];
}

async function chartFor(view, state, result, story) {
  const rows = result.rows;
  const chart = $('chart');
  chart.innerHTML = '';
  const yField = result.y || view.y(state);
  document.body.dataset.y = yField;
  // Where the value drawn is in the API's row, when the page's row is reshaped from it (a test reads both).
  const ySource = !result.y && view.ySource?.(state);
  if (ySource) document.body.dataset.ySource = ySource; else delete document.body.dataset.ySource;
  const plotted = rows.filter(r => r[yField] !== null && r[yField] !== undefined);
  if (plotted.length === 0) {
    chart.innerHTML = `<p class="empty">No figures to draw for this choice${rows.length ? ' (the rows below have no value for this measure)' : ''}. ${story?.empty || 'Try other years or countries; the warnings above say what the data covers.'}</p>`;
    $('actions').hidden = false;
    return 0;
  }
  const width = Math.max(320, Math.min(chart.clientWidth || 800, 960));
  const unit = result.unit || view.unit(rows, state);
  const measureLabel = view.measures?.[state.measure] || unit;
  let plot;
  let description;
  if (state.chart === 'bars' || result.chart === 'bars') {
    const label = result.label || view.label;
    const sorted = [...plotted].sort((a, b) => b[yField] - a[yField]);
    plot = Plot.plot({
      width, height: Math.max(120, sorted.length * 26 + 50), marginLeft: Math.min(180, width * 0.35), marginRight: 70,
      x: { label: measureLabel, grid: true, tickFormat: '~s' }, y: { label: null, domain: sorted.map(label) },
      marks: [
        Plot.barX(sorted, { x: yField, y: label, fill: '#0b5cad', className: 'datum', title: r => `${label(r)}: ${number.format(r[yField])} ${unit}` }),
        Plot.text(sorted, { x: yField, y: label, text: r => number.format(r[yField]), dx: 4, textAnchor: 'start', fontSize: 11 }),
        Plot.ruleX([0]),
      ],
    });
    description = `Bar chart, ${measureLabel}, largest first: ${sorted.slice(0, 5).map(r => `${label(r)} ${number.format(r[yField])}`).join('; ')}${sorted.length > 5 ? `; and ${sorted.length - 5} more in the table below` : ''}.`;
  } else {
    const series = result.series || view.series;
    const spans = state.mark ? await markSpans(state.mark) : [];
    // x: the year, or where in its year a part-year figure's period starts (view.x; 2010-09 is 2010.67).
    const x = view.x || 'year';
    plotted.sort((a, b) => a[x] - b[x]);
    const years = plotted.map(r => r[x]).concat(spans.flatMap(s => [s.x1, s.x2]));
    const marks = [];
    for (const s of spans) {
      marks.push(Plot.rectX([s], { x1: 'x1', x2: 'x2', fill: '#c98a00', fillOpacity: 0.25 }));
      marks.push(Plot.text([s], { x: 'x1', frameAnchor: 'top', text: 'label', textAnchor: 'start', dx: 3, dy: 4, fontSize: 11, fill: '#7a5300', lineWidth: 12 }));
    }
    const dashed = view.dashed || (() => false);
    const colorOf = view.colorBy?.(state);
    const colorBy = colorOf || series;
    // One grey line where the dots' colour says something else (the largest producer of each year).
    const stroke = colorOf ? '#8a94a6' : series;
    marks.push(Plot.lineY(plotted.filter(r => !dashed(r)), { x, y: yField, z: series, stroke, strokeWidth: 2 }));
    // A projection continues its series' line, dashed, from the last actual point.
    const projected = plotted.filter(dashed);
    if (projected.length) {
      const bridged = [];
      for (const key of new Set(projected.map(series))) {
        const actual = plotted.filter(r => series(r) === key && !dashed(r)).sort((a, b) => a.year - b.year).at(-1);
        bridged.push(...(actual ? [actual] : []), ...projected.filter(r => series(r) === key));
      }
      marks.push(Plot.lineY(bridged, { x, y: yField, z: series, stroke, strokeWidth: 2, strokeDasharray: '5,4' }));
    }
    const tip = r => `${series(r)}, ${r.period || r.year}: ${number.format(r[yField])} ${unit}${dashed(r) ? ' (projected)' : ''}`;
    marks.push(Plot.dot(plotted.filter(r => !dashed(r)), { x, y: yField, fill: colorBy, stroke: colorBy, r: 3.5, className: 'datum', title: tip }));
    marks.push(Plot.dot(plotted.filter(dashed), { x, y: yField, fill: 'white', stroke: colorBy, strokeWidth: 2, r: 3.5, className: 'datum', title: tip }));
    marks.push(Plot.text(plotted, Plot.selectLast({ x, y: yField, z: series, text: colorBy, dx: 6, textAnchor: 'start', fontSize: 11, fill: colorBy })));
    if (yField !== 'hhi' && unit.startsWith('%')) marks.push(Plot.ruleY([0]));
    const yearsSpan = Math.max(...years) - Math.min(...years);
    plot = Plot.plot({
      width, height: 380, marginRight: Math.min(150, width * 0.3), marginLeft: 60,
      x: { label: null, tickFormat: 'd', ticks: Math.min(10, Math.max(2, yearsSpan)), domain: [Math.min(...years), Math.max(...years) + (yearsSpan === 0 ? 1 : 0)] },
      y: { label: measureLabel, grid: true, zero: true, tickFormat: unit.startsWith('%') ? d => `${d}%` : '~s' },
      color: { type: 'categorical', scheme: 'tableau10' },
      marks,
    });
    const names = [...new Set(plotted.map(series))];
    description = `Line chart of ${measureLabel} over ${Math.min(...plotted.map(r => r.year))}–${Math.max(...plotted.map(r => r.year))} for ${names.join(', ')}; `
      + names.map(n => { const last = plotted.filter(r => series(r) === n).sort((a, b) => a.year - b.year).at(-1); return `${n}: ${number.format(last[yField])} in ${last.year}`; }).join('; ')
      + (spans.length ? `. Shaded: ${spans.map(s => s.label).join('; ')}` : '') + '. Every value is in the table below.';
  }
  finishChart(plot, description);
  return chart.querySelectorAll('.datum > *').length;
}

/**
 * Observable Plot writes a <style> into each chart and legend; the page's Content-Security-Policy allows no inline
 * style, so it is taken out before the chart joins the page (explorer.css holds the same rules, and the SVG export
 * puts them back into its file).
 */
function withoutInlineStyle(node) {
  for (const style of node.querySelectorAll('style')) style.remove();
  return node;
}

/** Plot's chart rules, for an SVG file that leaves the page (explorer.css has them for the page). */
const PLOT_SVG_STYLE = 'svg { display: block; height: auto; max-width: 100%; } text, tspan { white-space: pre; }';

function finishChart(plot, description) {
  const chart = $('chart');
  withoutInlineStyle(plot);
  plot.setAttribute('role', 'img');
  plot.setAttribute('aria-labelledby', 'view-title');
  plot.setAttribute('aria-describedby', 'chart-description');
  const desc = document.createElement('p');
  desc.id = 'chart-description';
  desc.className = 'visually-hidden';
  desc.textContent = description;
  chart.append(plot, desc);
  $('actions').hidden = false;
}

/** Restriction events of a type (the 2010 halt: type=de-facto-halt) as spans in fractional years, from the API. */
async function markSpans(type) {
  try {
    const body = await api(`v1/restrictions?type=${encodeURIComponent(type)}`);
    return body.data.map(r => {
      const start = r.effective || r.announced;
      const end = r.ended || r.suspended || start;
      if (!start) return null;
      const asYear = d => { const t = new Date(d + 'T00:00:00Z'); const y = t.getUTCFullYear(); return y + (t - Date.UTC(y, 0, 1)) / (Date.UTC(y + 1, 0, 1) - Date.UTC(y, 0, 1)); };
      const x1 = asYear(start);
      const x2 = Math.max(asYear(end), x1 + 0.08);
      return { x1, x2, label: `${r.title} (${start} – ${r.ended || '…'})` };
    }).filter(Boolean);
  } catch {
    return [];
  }
}

async function timelineChart(rows, state) {
  const chart = $('chart');
  chart.innerHTML = '';
  delete document.body.dataset.y;
  delete document.body.dataset.ySource;
  if (!rows.length) {
    chart.innerHTML = '<p class="empty">No export-restriction events match this choice.</p>';
    $('actions').hidden = false;
    return 0;
  }
  const asOf = new Date((state.as_of || today()) + 'T00:00:00Z');
  // A start the sources give only as a year (1999) or month (2010-07) is drawn from the first day of that period.
  const date = d => (d ? new Date((d.length === 4 ? d + '-01-01' : d.length === 7 ? d + '-01' : d) + 'T00:00:00Z') : null);
  const items = rows.map(r => {
    const start = date(r.announced) || date(r.effective);
    // A WTO dispute step is a day, not a span.
    const end = r.type === 'wto-dispute' ? start
      : date(r.ended) || (date(r.suspendedUntil) && date(r.suspendedUntil) < asOf ? date(r.suspendedUntil) : null) || asOf;
    return { ...r, start, end: end < start ? start : end, label: `${r.title.length > 48 ? r.title.slice(0, 46) + '…' : r.title}` };
  }).sort((a, b) => (a.start || a.end) - (b.start || b.end));
  const width = Math.max(320, Math.min(chart.clientWidth || 800, 960));
  const narrow = width < 600;
  const statusColors = { 'in-force': '#b3261e', announced: '#e08a00', suspended: '#7b61a8', 'suspension-expired': '#7b61a8', lifted: '#8a94a6', occurred: '#2f6fb0', unknown: '#b0b7c3', 'not-yet-announced': '#d7dbe2' };
  const known = Object.keys(statusColors);
  const plot = Plot.plot({
    width, height: items.length * (narrow ? 40 : 24) + 70, marginLeft: narrow ? 10 : 300, marginRight: 20, marginTop: 30,
    x: { type: 'utc', label: null, grid: true },
    y: { domain: items.map(i => i.label), label: null, axis: narrow ? null : 'left' },
    color: { domain: known, range: known.map(k => statusColors[k]), legend: false },
    marks: [
      Plot.barX(items.filter(i => i.start && i.end > i.start), { x1: 'start', x2: 'end', y: 'label', fill: 'status', className: 'datum', insetTop: narrow ? 14 : 3, insetBottom: 3,
        title: i => `${i.title}: ${i.status} on ${state.as_of}` }),
      // An event of one day (a WTO dispute step) would be a bar of no width: a dot on its day.
      Plot.dot(items.filter(i => i.start && !(i.end > i.start)), { x: 'start', y: 'label', fill: 'status', r: 4, className: 'datum', dy: narrow ? 6 : 0,
        title: i => `${i.title}: ${i.status} on ${state.as_of}` }),
      // An event whose start the sources do not give: a mark at its end only.
      Plot.dot(items.filter(i => !i.start), { x: 'end', y: 'label', fill: 'status', r: 5, symbol: 'diamond', className: 'datum', dy: narrow ? 6 : 0,
        title: i => `${i.title}: start not known; ${i.status} on ${state.as_of}` }),
      ...(narrow ? [Plot.text(items, { x: i => i.start || i.end, y: 'label', text: i => `${i.label} (${i.status})`, textAnchor: 'start', dy: -7, fontSize: 10 })] : []),
      Plot.ruleX([asOf], { stroke: '#1d2433', strokeDasharray: '4,3' }),
      Plot.text([asOf], { x: d => d, frameAnchor: 'top', dy: -16, text: () => `status on ${state.as_of}`, fontSize: 11, textAnchor: 'end' }),
    ],
  });
  const counts = {};
  for (const r of rows) counts[r.status] = (counts[r.status] || 0) + 1;
  const legend = withoutInlineStyle(Plot.legend({ color: { domain: known.filter(k => counts[k]), range: known.filter(k => counts[k]).map(k => statusColors[k]) } }));
  legend.classList.add('legend');
  finishChart(plot, `Timeline of ${rows.length} export-restriction events, each from its first known date to its end (or to ${state.as_of}); status on ${state.as_of}: `
    + Object.entries(counts).map(([k, v]) => `${v} ${k}`).join(', ') + '. Every event is in the table below.');
  chart.prepend(legend);
  return chart.querySelectorAll('.datum > *').length;
}

function renderSources(view, result, story) {
  const editions = new Map();
  for (const d of catalog?.data || []) for (const e of d.editions || []) editions.set(e.id, e);
  const used = [...new Set(result.rows.flatMap(r => (result.editions || view.editions)(r)).filter(Boolean))];
  const items = used.map(id => {
    const e = editions.get(id);
    return e ? `<li>${escapeHtml(e.title)}, ${escapeHtml(e.publisher)}, ${escapeHtml(e.published)} (<code>${escapeHtml(id)}</code>)${e.url ? ` — <a href="${escapeHtml(e.url)}" rel="noopener">${escapeHtml(e.doi ? 'doi:' + e.doi : 'source')}</a>` : ''}</li>`
      : `<li><code>${escapeHtml(id)}</code></li>`;
  });
  $('sources').innerHTML = `<strong>Sources and editions:</strong>${items.length ? `<ul>${items.join('')}</ul>` : ' none (no rows).'}`
    + (story?.note ? `<p>${escapeHtml(story.note)}</p>` : '')
    + `<p>Data version ${escapeHtml(result.versions.join(', ') || 'n/a')}. Drawn by the RareEarthApi explorer from <code>${result.urls.map(u => escapeHtml(u.replace(location.origin, ''))).join('</code>, <code>')}</code>.</p>`;
}

function renderTable(columns, rows) {
  const table = $('table');
  table.tHead.innerHTML = `<tr>${columns.map(c => `<th scope="col">${escapeHtml(c[0])}</th>`).join('')}</tr>`;
  table.tBodies[0].innerHTML = rows.map(r => `<tr>${columns.map(([, f, num]) => {
    const v = f(r);
    return num ? `<td class="num">${v === null || v === undefined ? '—' : number.format(v)}</td>` : `<td>${escapeHtml(v ?? '—')}</td>`;
  }).join('')}</tr>`).join('');
  $('table-caption').textContent = `The ${rows.length} row${rows.length === 1 ? '' : 's'} of this view`;
}

function renderShare(state, result) {
  const full = location.origin + pageUrl(state);
  $('api-url').value = result.urls.join(' ');
  const retrieved = today();
  $('citation').value = `${result.citation} Retrieved ${retrieved} from RareEarthApi, ${result.urls.join(' ')} (data version ${result.versions.join(', ')}).`;
  const embedUrl = location.origin + pageUrl({ ...state, embed: '1' });
  const title = $('view-title').textContent.replace(/"/g, '&quot;');
  $('embed-code').value = `<iframe src="${embedUrl.replace(/&/g, '&amp;')}" title="${title}" width="100%" height="560" style="border:0" loading="lazy"></iframe>`;
  $('open-full').href = full.replace(/([?&])embed=1&?/, '$1').replace(/[?&]$/, '');
  const fan = fanOutOf(VIEWS[state.show], state);
  const csvName = (url, i) => (fan && !url.startsWith('blob:') && new URL(url, location.href).searchParams.get(fan)) || `${i + 1} of ${result.csv.length}`;
  $('csv-links').innerHTML = result.csv.map((url, i) => `<a class="csv" href="${escapeHtml(url)}" download>${result.csv.length > 1 ? `CSV: ${escapeHtml(csvName(url, i))}` : 'Download CSV'}</a>`).join(' ');
}

function escapeHtml(s) {
  return String(s).replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

// ---------------------------------------------------------------------------------------------------------------
// Charts leave the page: SVG and PNG with the title and sources drawn in.

function exportSvg() {
  const svg = $('chart').querySelector('svg[role="img"]');
  if (!svg) return null;
  const width = Number(svg.getAttribute('width'));
  const height = Number(svg.getAttribute('height'));
  const ns = 'http://www.w3.org/2000/svg';
  const out = document.createElementNS(ns, 'svg');
  const sources = [...$('sources').querySelectorAll('li')].map(li => li.textContent.replace(/\s+—\s+\S+$/, ''));
  const footer = [`Sources: ${sources.join('; ') || 'n/a'}`, `RareEarthApi, ${location.origin}${pageUrl(current)}`];
  const footerLines = footer.flatMap(line => wrap(line, Math.floor(width / 6.2)));
  const total = height + 44 + footerLines.length * 14 + 10;
  out.setAttribute('xmlns', ns);
  out.setAttribute('width', width);
  out.setAttribute('height', total);
  out.setAttribute('viewBox', `0 0 ${width} ${total}`);
  out.setAttribute('font-family', 'system-ui, sans-serif');
  const style = document.createElementNS(ns, 'style');
  style.textContent = PLOT_SVG_STYLE;
  out.append(style);
  const bg = document.createElementNS(ns, 'rect');
  bg.setAttribute('width', '100%'); bg.setAttribute('height', '100%'); bg.setAttribute('fill', 'white');
  out.append(bg);
  const title = document.createElementNS(ns, 'text');
  title.setAttribute('x', 4); title.setAttribute('y', 22); title.setAttribute('font-size', 17); title.setAttribute('font-weight', 700);
  title.textContent = $('view-title').textContent;
  out.append(title);
  const chart = svg.cloneNode(true);
  chart.setAttribute('y', 36);
  out.append(chart);
  footerLines.forEach((line, i) => {
    const t = document.createElementNS(ns, 'text');
    t.setAttribute('x', 4); t.setAttribute('y', height + 52 + i * 14); t.setAttribute('font-size', 10); t.setAttribute('fill', '#5a6372');
    t.textContent = line;
    out.append(t);
  });
  return { text: new XMLSerializer().serializeToString(out), width, height: total };
}

function wrap(text, max) {
  const words = text.split(' ');
  const lines = [''];
  for (const w of words) {
    if ((lines.at(-1) + ' ' + w).length > max && lines.at(-1)) lines.push(w); else lines[lines.length - 1] = (lines.at(-1) + ' ' + w).trim();
  }
  return lines;
}

function fileName(ext) {
  return `rareearthapi-${(current.story || current.show)}.${ext}`;
}

function save(blob, name) {
  const a = document.createElement('a');
  a.href = URL.createObjectURL(blob);
  a.download = name;
  document.body.append(a);
  a.click();
  setTimeout(() => { URL.revokeObjectURL(a.href); a.remove(); }, 1000);
}

export async function pngBlob() {
  const svg = exportSvg();
  if (!svg) return null;
  const image = new Image();
  image.src = 'data:image/svg+xml;charset=utf-8,' + encodeURIComponent(svg.text);
  await image.decode();
  const canvas = document.createElement('canvas');
  canvas.width = svg.width * 2;
  canvas.height = svg.height * 2;
  const ctx = canvas.getContext('2d');
  ctx.scale(2, 2);
  ctx.drawImage(image, 0, 0);
  return new Promise(resolve => canvas.toBlob(resolve, 'image/png'));
}

// ---------------------------------------------------------------------------------------------------------------

async function copy(id) {
  const el = $(id);
  try {
    await navigator.clipboard.writeText(el.value);
  } catch {
    el.select();
    document.execCommand('copy');
  }
  const button = document.querySelector(`[data-copy="${id}"]`);
  button.textContent = 'Copied';
  setTimeout(() => { button.textContent = 'Copy'; }, 1500);
}

async function start() {
  $('stories').innerHTML = STORIES.map(s => `<li><a href="${location.pathname}?story=${s.id}" data-story="${s.id}">${escapeHtml(s.title)}</a></li>`).join('');
  const [doc, cat, com, cty] = await Promise.allSettled([api('openapi/v3.json'), api('v1/datasets'), api('v1/commodities'), api('v1/countries')]);
  openapi = doc.value || null;
  catalog = cat.value || null;
  commodities = com.value || null;
  countries = (cty.value?.data || []).filter(c => !c.isAggregate).map(c => ({ iso3: c.iso3, name: c.name }));
  $('controls').addEventListener('change', e => {
    if (e.target.name === 'show') {
      history.pushState(null, '', pageUrl({ show: e.target.value }));
      show(true);
    } else if (e.target.name === 'chart') {
      syncYearInputs();
    }
  });
  $('controls').addEventListener('submit', e => {
    e.preventDefault();
    history.pushState(null, '', pageUrl(formState()));
    show(true);
  });
  $('stories').addEventListener('click', e => {
    const a = e.target.closest('a[data-story]');
    if (!a || e.ctrlKey || e.metaKey || e.shiftKey) return;
    e.preventDefault();
    history.pushState(null, '', pageUrl({ story: a.dataset.story }));
    show(true).then(() => $('view').focus());
  });
  window.addEventListener('popstate', () => show(false));
  $('download-svg').addEventListener('click', () => {
    const svg = exportSvg();
    if (svg) save(new Blob([svg.text], { type: 'image/svg+xml' }), fileName('svg'));
  });
  $('download-png').addEventListener('click', async () => {
    const blob = await pngBlob();
    if (blob) save(blob, fileName('png'));
  });
  for (const b of document.querySelectorAll('[data-copy]')) b.addEventListener('click', () => copy(b.dataset.copy));
  await show(true);
}

window.explorer = { requestsFor, pngBlob, exportSvg, state: () => current, result: () => currentResult };
start();
