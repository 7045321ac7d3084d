using RareEarthApi.OpenApi;

[assembly: ApiTag("Admin", "Run a refresh now or upload a curated file; each needs the function key (x-functions-key header or code=).")]
[assembly: ApiTag("Catalog", "What each dataset covers: served version, editions, row counts, licence and citation.")]
[assembly: ApiTag("Documentation", "This document (JSON, YAML) and the interactive docs page.")]
[assembly: ApiTag("Indicators", "Supply-risk indicators computed on request from the served rows: concentration (top shares, HHI) and import dependence, each with its formula and the rows used.")]
[assembly: ApiTag("Operations", "Health and the problem types errors refer to.")]
[assembly: ApiTag("Production", "Production and reserves of rare earths and every other commodity of the USGS releases, by country and year, each figure with its stage, unit and source edition.")]
[assembly: ApiTag("Reference", "Reference lists: the country crosswalk, commodities with their elements and HS codes.")]
[assembly: ApiTag("Refining", "Refining (separation) output shares by country and year, actual and projected, each naming its outlook edition.")]
[assembly: ApiTag("Restrictions", "Export-restriction events with their dates, elements, HS codes, instruments and sources, and each one's status on a date.")]
[assembly: ApiTag("ExportQuotas", "China's rare-earth export quotas by year and batch (2005–2014) and reported exports, in tonnes, each figure with the pages read.")]
[assembly: ApiTag("Trade", "Annual trade flows by reporter, partner, flow and HS code: value in USD and net weight, as reported or mirrored.")]
