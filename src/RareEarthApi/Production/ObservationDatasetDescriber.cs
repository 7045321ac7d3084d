using RareEarthApi.Datasets;

namespace RareEarthApi.Production;

/// <summary>Describes an observation dataset's current version for the catalog.</summary>
internal sealed class ObservationDatasetDescriber(ObservationDataset dataset, ObservationDatasets datasets) : IDatasetDescriber
{
    public async Task<DatasetInfo> DescribeAsync(CancellationToken cancellationToken)
    {
        var snapshot = await datasets.GetAsync(dataset, cancellationToken);
        var rows = snapshot.Rows;
        var editions = snapshot.Editions
            .Select(e => (e, rows: rows.Where(r => r.Edition == e.Id).ToList()))
            .OrderBy(x => x.e.Published)
            .Select(x => new EditionCoverage(x.e.Id, x.e.SourceId, x.e.Title, x.e.Publisher, x.e.Published, x.e.Doi, x.e.Url,
                x.rows.Count > 0 ? x.rows.Min(r => r.Year) : null, x.rows.Count > 0 ? x.rows.Max(r => r.Year) : null, x.rows.Count))
            .ToList();
        var coverage = new DatasetCoverage(
            rows.Count > 0 ? rows.Min(r => r.Year) : null,
            rows.Count > 0 ? rows.Max(r => r.Year) : null,
            rows.Select(r => r.Country).Distinct(StringComparer.Ordinal).Count());
        return new DatasetInfo(dataset.Name, dataset.Title, dataset.Description, "/api/v1/" + dataset.Name, snapshot.Version, snapshot.PublishedAt,
            "", rows.Count, coverage, editions, dataset.License, dataset.Citation);
    }
}
