using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using RareEarthApi.Http;

namespace RareEarthApi.Datasets;

/// <summary>A registered dataset's route: GET /api/v1/{name} answered from the served version.</summary>
internal interface IDatasetHandler
{
    string Dataset { get; }

    Task<IActionResult> HandleAsync(HttpRequest request, CancellationToken cancellationToken);
}

/// <summary>
/// What <c>AddDataset</c> serves of one <see cref="DatasetDescriptor{TRow,TWire}"/>: its curated parser (when it
/// has one), its catalog entry and its route, through the one request → response path: the
/// <see cref="ResponseCache"/> for this data version, then parse, ETag and 304, run, one page, JSON or CSV.
/// </summary>
internal sealed class RegisteredDataset<TRow, TWire>(
    DatasetDescriptor<TRow, TWire> descriptor, SnapshotCache cache, DatasetServices services, DatasetResponder responder, ResponseCache responses)
    : IDatasetDescriber, ICuratedDataset, IDatasetHandler
{
    private readonly SnapshotDescriber<TRow> _describer = new(
        descriptor.Text, ct => cache.GetAsync(descriptor.Name, descriptor.Codec, ct), services.Countries,
        descriptor.Coverage);

    public string Dataset => descriptor.Name;

    public Task<DatasetInfo> DescribeAsync(CancellationToken cancellationToken) => _describer.DescribeAsync(cancellationToken);

    public ParsedDataset Parse(Stream content, string fileName) => descriptor.ParseCurated(content, fileName, services);

    public async Task<IActionResult> HandleAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        var snapshot = await cache.GetAsync(descriptor.Name, descriptor.Codec, cancellationToken);
        return responses.GetOrBuild(request, descriptor.Name, snapshot.Version, () => Build(request, snapshot));
    }

    private IActionResult Build(HttpRequest request, DatasetSnapshot<TRow> snapshot)
    {
        var (query, errors) = DatasetQueries.Parse(descriptor, request, snapshot, services);
        if (query is null)
        {
            return ProblemResult.InvalidParameters(errors);
        }

        var normalised = query.Normalised;
        var etag = DatasetResponder.ETag(request, snapshot.Version, normalised, query.Format);
        if (responder.NotModified(request, etag, snapshot.PublishedAt) is { } notModified)
        {
            return notModified;
        }

        // A client that has gone gets no more work done for it.
        request.HttpContext.RequestAborted.ThrowIfCancellationRequested();
        var (matched, warnings) = DatasetQueries.Run(descriptor, query);
        request.HttpContext.RequestAborted.ThrowIfCancellationRequested();
        if (RowsResponse.PastTheEnd(normalised, query.Offset, matched.Count) is { } pastTheEnd)
        {
            return pastTheEnd;
        }

        var page = matched.Skip(query.Offset).Take(query.Limit).Select(descriptor.Wire(query)).ToList();
        var meta = new ResponseMeta(descriptor.Name, 0, 0, normalised, snapshot.Version, snapshot.PublishedAt, descriptor.Text.Citation, warnings);
        return RowsResponse.Page(responder, request, meta, page, query.Offset, matched.Count, query.Format, etag, descriptor.CsvColumns, descriptor.JsonType);
    }
}
