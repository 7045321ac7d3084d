// Bundles the explorer page (explorer.js with Observable Plot and d3 from node_modules, and its CSS) into one
// folder the function app embeds in its assembly. Run by RareEarthApi.csproj on every build (target
// BuildExplorer), so the page never loads a library from a CDN and no copy of one is committed.
// Usage: node build.mjs <output folder>
import { build } from 'esbuild';
import { copyFileSync, mkdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const out = process.argv[2];
if (!out) {
  console.error('usage: node build.mjs <output folder>');
  process.exit(2);
}

mkdirSync(out, { recursive: true });
await build({
  entryPoints: [join(here, 'explorer.js')],
  bundle: true,
  minify: true,
  format: 'iife',
  target: ['es2020'],
  legalComments: 'eof',
  outfile: join(out, 'explorer.js'),
  logLevel: 'warning',
});
await build({
  entryPoints: [join(here, 'explorer.css')],
  bundle: true,
  minify: true,
  outfile: join(out, 'explorer.css'),
  logLevel: 'warning',
});
copyFileSync(join(here, 'index.html'), join(out, 'index.html'));
