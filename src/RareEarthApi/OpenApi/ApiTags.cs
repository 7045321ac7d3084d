using RareEarthApi.OpenApi;

[assembly: ApiTag("Catalog", "What each dataset covers: served version, editions, row counts, licence and citation.")]
[assembly: ApiTag("Documentation", "This document (JSON, YAML) and the interactive docs page.")]
[assembly: ApiTag("Operations", "Health and the problem types errors refer to.")]
[assembly: ApiTag("Production", "Rare-earth mine production and reserves by country and year, every figure with its source edition.")]
[assembly: ApiTag("Reference", "Reference lists: the country crosswalk.")]
