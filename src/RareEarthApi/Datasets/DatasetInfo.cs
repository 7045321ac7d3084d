namespace RareEarthApi.Datasets;

/// <summary>One dataset in the catalog: what it is, which version is served, what it covers and cites.</summary>
public sealed record DatasetInfo(
    string Name,
    string Title,
    string Description,
    string Url,
    string DataVersion,
    DateTimeOffset LastPublished,
    string PublishedBy,
    int RowCount,
    DatasetCoverage Coverage,
    IReadOnlyList<EditionCoverage> Editions,
    string License,
    string Citation);

public sealed record DatasetCoverage(int? FirstYear, int? LastYear, int Countries);

public sealed record EditionCoverage(
    string Id,
    string SourceId,
    string Title,
    string Publisher,
    DateOnly Published,
    string? Doi,
    string? Url,
    int? FirstYear,
    int? LastYear,
    int Rows);

/// <summary>A dataset that can describe its current version for GET /api/v1/datasets.</summary>
internal interface IDatasetDescriber
{
    Task<DatasetInfo> DescribeAsync(CancellationToken cancellationToken);
}
