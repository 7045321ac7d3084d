using RareEarthApi.Countries;

namespace RareEarthApi.Datasets;

/// <summary>What the catalog says of a dataset besides its rows: title, description, citation, licence.</summary>
internal sealed record DatasetText(string Name, string Title, string Description, string Citation, string License);

/// <summary>
/// Describes any dataset's snapshot for the catalog: coverage in years and real countries (aggregates and groups
/// left out; the keys say in which role they are counted), rows and release versions per edition, and who
/// published the served version. Computed once per data version: the catalog is asked far more often than data changes.
/// </summary>
internal sealed class SnapshotDescriber<TRow>(
    DatasetText text,
    Func<CancellationToken, ValueTask<DatasetSnapshot<TRow>>> snapshot,
    CountryCatalog countries,
    DatasetCoverageKeys<TRow> keys) : IDatasetDescriber
{
    private DatasetInfo? _described;

    public async Task<DatasetInfo> DescribeAsync(CancellationToken cancellationToken)
    {
        var s = await snapshot(cancellationToken);
        if (Volatile.Read(ref _described) is { } described && described.DataVersion == s.Version)
        {
            return described;
        }

        var years = s.Rows.Select(keys.Year).OfType<int>().ToList();
        var editions = s.Editions
            .OrderBy(e => e.Published)
            .Select(e =>
            {
                var rows = s.Rows.Where(r => keys.Edition(r) == e.Id).ToList();
                var rowYears = rows.Select(keys.Year).OfType<int>().ToList();
                return new EditionCoverage(e.Id, e.SourceId, e.Title, e.Publisher, e.Published, e.Doi, e.Url,
                    rowYears.Count > 0 ? rowYears.Min() : null, rowYears.Count > 0 ? rowYears.Max() : null, rows.Count)
                {
                    Versions = keys.Version is null
                        ? null
                        : [.. rows.Select(keys.Version).Where(v => v.Length > 0).Distinct(StringComparer.Ordinal).OrderBy(ReleaseVersion.Key)],
                };
            })
            .ToList();
        var realCountries = s.Rows.Select(keys.Country).Distinct(StringComparer.Ordinal)
            .Count(c => countries.ByIso3(c) is { IsAggregate: false });
        var coverage = new DatasetCoverage(years.Count > 0 ? years.Min() : null, years.Count > 0 ? years.Max() : null,
            realCountries, keys.CountriesCounted);
        var info = new DatasetInfo(text.Name, text.Title, text.Description, "/api/v1/" + text.Name, s.Version, s.PublishedAt, s.PublishedBy,
            s.Rows.Count, coverage, editions, text.License, text.Citation);
        Volatile.Write(ref _described, info);
        return info;
    }
}
