using System.Text.Json.Serialization.Metadata;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using RareEarthApi.Datasets;

namespace RareEarthApi.Http;

/// <summary>
/// What one dataset route brings to <see cref="DatasetEndpoint"/>: its name and citation, how a request becomes its
/// query, how a query runs (every matching row, in order, and the warnings), and how a row goes on the wire.
/// </summary>
internal sealed record DatasetRoute<TRow, TQuery, TWire>(
    string Dataset,
    string Citation,
    Func<HttpRequest, DatasetSnapshot<TRow>, (TQuery? Query, IReadOnlyList<ParameterError> Errors)> Parse,
    Func<TQuery, DatasetSnapshot<TRow>, (IReadOnlyList<TRow> Rows, IReadOnlyList<string> Warnings)> Run,
    Func<TQuery, DatasetSnapshot<TRow>, Func<TRow, TWire>> Wire,
    IReadOnlyList<CsvColumn<TWire>> CsvColumns,
    JsonTypeInfo<Envelope<TWire>> JsonType)
    where TQuery : class, IPagedQuery;

/// <summary>
/// The one request → response path of the dataset routes: the <see cref="ResponseCache"/> for this data version,
/// then parse, ETag (data version + normalised query + format) and 304, run, one page, links, JSON or CSV bytes
/// (stored by the cache). Only the page's rows are put on the wire.
/// </summary>
internal sealed class DatasetEndpoint(DatasetResponder responder, ResponseCache cache)
{
    public IActionResult Respond<TRow, TQuery, TWire>(HttpRequest request, DatasetSnapshot<TRow> snapshot, DatasetRoute<TRow, TQuery, TWire> route)
        where TQuery : class, IPagedQuery =>
        cache.GetOrBuild(request, route.Dataset, snapshot.Version, () => Build(request, snapshot, route));

    private IActionResult Build<TRow, TQuery, TWire>(HttpRequest request, DatasetSnapshot<TRow> snapshot, DatasetRoute<TRow, TQuery, TWire> route)
        where TQuery : class, IPagedQuery
    {
        var (query, errors) = route.Parse(request, snapshot);
        if (query is null)
        {
            return ProblemResult.InvalidParameters(errors);
        }

        var normalised = query.Normalised;
        var etag = DatasetResponder.ETag(snapshot.Version, normalised, query.Format);
        if (responder.NotModified(request, etag, snapshot.PublishedAt) is { } notModified)
        {
            return notModified;
        }

        // A client that has gone gets no more work done for it.
        request.HttpContext.RequestAborted.ThrowIfCancellationRequested();
        var (matched, warnings) = route.Run(query, snapshot);
        request.HttpContext.RequestAborted.ThrowIfCancellationRequested();
        if (RowsResponse.PastTheEnd(normalised, query.Offset, matched.Count) is { } pastTheEnd)
        {
            return pastTheEnd;
        }

        var page = matched.Skip(query.Offset).Take(query.Limit).Select(route.Wire(query, snapshot)).ToList();
        var meta = new ResponseMeta(route.Dataset, 0, 0, normalised, snapshot.Version, snapshot.PublishedAt, route.Citation, warnings);
        return RowsResponse.Page(responder, request, meta, page, query.Offset, matched.Count, query.Format, etag, route.CsvColumns, route.JsonType);
    }
}
