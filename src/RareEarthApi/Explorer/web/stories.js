// One-click stories: each is a state of the explorer (so its URL restores it) drawn from the served data. A story
// names routes and parameters, never a figure; where the data it needs is not served it says so.

const today = () => new Date().toISOString().slice(0, 10);

/** Statuses of a measure that exists on the date and has not been lifted. */
const CONTROLLING = ['in-force', 'announced', 'suspended', 'suspension-expired'];

export const STORIES = [
  {
    id: 'china-mining-share',
    title: 'China\'s share of world rare-earth mining',
    subtitle: 'China\'s mine production as a share of the world\'s, each year from the first year the production data has a figure for China.',
    note: 'Share = China\'s figure ÷ the year\'s World figure of the same table (the concentration route\'s countryShares for country=CHN; meta.formula says how).',
    async state(api) {
      // Start where China's production figures start, as served.
      const first = await api('v1/production?country=CHN&sort=year&limit=1').then(b => b.data[0]?.year, () => null);
      return { show: 'concentration', dataset: 'production', country: 'CHN', measure: 'countryShare', chart: 'line', ...(first ? { start: String(first) } : {}) };
    },
  },
  {
    id: 'refining-share',
    title: 'China\'s share of rare-earth refining, actual and projected',
    subtitle: 'Share of refined (separated) output; projections dashed with hollow dots.',
    async state() {
      return { show: 'refining', country: 'CHN', chart: 'line' };
    },
  },
  {
    id: 'import-dependence',
    title: 'Japan\'s and the United States\' imports from China, with the 2010 halt marked',
    subtitle: 'China\'s share of each country\'s imports of rare-earth compounds (HS 2846) by weight; shaded: the de facto halt of exports to Japan, as the restrictions route dates it.',
    empty: 'No HS 2846 shares are served for these importers yet (see the warnings above). The shares for permanent magnets (HS 850511), by value: <a href="?story=import-dependence&amp;hs=850511&amp;measure=shareByValue">switch to HS 850511</a>.',
    async state() {
      return { show: 'import-dependence', importer: 'JPN,USA', supplier: 'CHN', hs: '2846', measure: 'shareByWeight', mark: 'de-facto-halt', chart: 'line' };
    },
  },
  {
    id: 'controls-on-date',
    title: 'Export controls in force on a date',
    subtitle: 'Every export-restriction event, from its first known date to its end; colour: its status on the date chosen (change "Status on (date)" and press Show).',
    async state() {
      return { show: 'restrictions', as_of: today(), chart: 'timeline' };
    },
  },
  {
    id: 'china-share-by-mineral',
    title: 'China\'s share of each mineral it controls',
    subtitle: 'For each commodity whose elements a Chinese export control names (in force, announced or suspended on the date), China\'s share of world mine production in the latest year served.',
    note: 'China\'s share = China\'s figure ÷ the year\'s World figure, both as the concentration route used them (meta.rowsUsed, meta.formula).',
    async state() {
      return { show: 'restrictions', country: 'CHN', as_of: today(), chart: 'bars' };
    },
    async load(state, { api, requestsFor, routeParameters, commodities }) {
      const messages = [];
      const urls = requestsFor({ ...state, chart: 'timeline' });
      const restrictions = await api(urls[0]);
      const controls = restrictions.data.filter(r => CONTROLLING.includes(r.status));
      const symbols = new Set(controls.flatMap(r => r.elements || []));
      const all = commodities()?.data || [];
      const controlled = all.filter(c => (c.elements || []).some(e => symbols.has(e.symbol)));
      const concentration = routeParameters('v1/indicators/concentration');
      const production = routeParameters('v1/production');
      const defaultCommodity = production.get('commodity')?.schema?.default || 'rare-earths';
      const rows = [];
      const versions = new Set([restrictions.meta.dataVersion]);
      const citations = new Set([restrictions.meta.citation]);
      for (const c of controlled) {
        let url;
        // A commodity the production route serves no figures for (figures: null) is named, not asked for.
        if (concentration.has('commodity') && c.figures) url = `v1/indicators/concentration?dataset=production&commodity=${encodeURIComponent(c.id)}`;
        else if (c.id === defaultCommodity && !concentration.has('commodity')) url = 'v1/indicators/concentration?dataset=production';
        else {
          messages.push({ text: `${c.name}: the concentration route serves no figures for it yet.` });
          continue;
        }
        urls.push(`${location.origin}${document.body.dataset.root}/${url}`);
        let body;
        try {
          body = await api(url);
        } catch (e) {
          messages.push({ text: `${c.name}: ${e.message}` });
          continue;
        }
        versions.add(body.meta.dataVersion);
        citations.add(body.meta.citation);
        const latest = body.data.filter(r => r.denominator).sort((a, b) => b.year - a.year)[0];
        const china = latest && body.meta.rowsUsed.find(u => u.role === 'share' && u.year === latest.year && u.country === 'CHN');
        if (!latest || !china || china.value === null) {
          messages.push({ text: `${c.name}: no figure for China is served${latest ? ` for ${latest.year}` : ''}.` });
          continue;
        }
        rows.push({
          commodity: c.id, commodityName: c.name, year: latest.year, share: Math.round(china.value / latest.denominator * 100 * 100) / 100,
          china: china.value, world: latest.denominator, unit: china.unit, denominatorBasis: latest.denominatorBasis,
          editions: latest.editions, controls: controls.filter(r => (r.elements || []).some(s => (c.elements || []).some(e => e.symbol === s))).map(r => r.title).join('; '),
        });
      }
      if (!controlled.length) messages.push({ text: `No Chinese export control is in force, announced or suspended on ${state.as_of}.` });
      const columns = [['Commodity', r => r.commodityName], ['Year', r => r.year], ['China\'s share %', r => r.share, true], ['China', r => r.china, true],
        ['World', r => r.world, true], ['Unit', r => r.unit], ['Controls', r => r.controls], ['Editions', r => r.editions.join(' ')]];
      const csv = [columns.map(c => c[0]).join(',')].concat(rows.map(r => columns.map(([, f]) => {
        const v = f(r);
        return v === null || v === undefined ? '' : /[",\n]/.test(String(v)) ? `"${String(v).replace(/"/g, '""')}"` : String(v);
      }).join(','))).join('\r\n');
      return {
        rows, messages, urls, columns, chart: 'bars', y: 'share', label: r => `${r.commodityName} (${r.year})`, unit: '% of world mine production',
        editions: r => r.editions, csv: [URL.createObjectURL(new Blob(['\ufeff' + csv + '\r\n'], { type: 'text/csv' }))],
        citation: [...citations].join(' '), versions: [...versions],
      };
    },
  },
];
