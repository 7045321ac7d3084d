using System.Text.Json.Serialization.Metadata;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;

namespace RareEarthApi.Http;

/// <summary>What <see cref="DatasetEndpoint"/> needs of a validated dataset query: its canonical form and the page it asks for.</summary>
public interface IPagedQuery
{
    IReadOnlyDictionary<string, string> Normalised { get; }

    ResponseFormat Format { get; }

    int Limit { get; }

    int Offset { get; }
}

/// <summary>
/// The last step of a route whose rows are already computed (the catalogs, the indicators): ETag and 304, one page,
/// the next-page cursor, and the JSON envelope or CSV. The meta passed in is completed with total and returned.
/// Dataset routes go through <see cref="DatasetEndpoint"/>, which shares the page step.
/// </summary>
public static class RowsResponse
{
    public static IActionResult Send<T>(
        DatasetResponder responder,
        HttpRequest request,
        ResponseMeta meta,
        IReadOnlyList<T> matched,
        int offset,
        int limit,
        ResponseFormat format,
        IReadOnlyList<CsvColumn<T>> csvColumns,
        JsonTypeInfo<Envelope<T>> jsonType)
    {
        if (PastTheEnd(meta.Query, offset, matched.Count) is { } pastTheEnd)
        {
            return pastTheEnd;
        }

        // meta.query of these routes may name what is not a parameter (edition=latest on the indicators), so their links
        // keep the request's own query (the key left out), and the ETag covers it.
        var etag = DatasetResponder.ETag(request, meta.DataVersion + "|" + request.QueryString.Value, meta.Query, format);
        if (responder.NotModified(request, etag, meta.LastUpdated) is { } notModified)
        {
            return notModified;
        }

        return Page(responder, request, meta, matched.Skip(offset).Take(limit).ToList(), offset, matched.Count, format, etag, csvColumns, jsonType, canonicalLinks: false);
    }

    /// <summary>One page of wire rows out of <paramref name="total"/>: the next-page link, and the JSON envelope (meta completed) or CSV.</summary>
    internal static IActionResult Page<T>(
        DatasetResponder responder,
        HttpRequest request,
        ResponseMeta meta,
        IReadOnlyList<T> page,
        int offset,
        int total,
        ResponseFormat format,
        string etag,
        IReadOnlyList<CsvColumn<T>> csvColumns,
        JsonTypeInfo<Envelope<T>> jsonType,
        bool canonicalLinks = true)
    {
        var linkQuery = canonicalLinks ? meta.Query : RequestQuery(request);
        var next = Next(responder, request, meta.Dataset, meta.DataVersion, meta.Query, linkQuery, offset + page.Count, total, format);
        if (format == ResponseFormat.Csv)
        {
            return responder.Csv(meta.Dataset, page, csvColumns, etag, meta.LastUpdated, next, ResponseFormats.WantsBom(request));
        }

        return responder.Json(new Envelope<T>(page, meta with { Total = total, Returned = page.Count }, Links(responder, request, linkQuery, next)), jsonType, etag);
    }

    /// <summary>A 400 on 'cursor' when its offset is past the last row (an edited cursor); else null.</summary>
    internal static IActionResult? PastTheEnd(IReadOnlyDictionary<string, string> normalised, int offset, int total) =>
        offset > 0 && offset >= total
            ? ProblemResult.InvalidParameters([new ParameterError("cursor", normalised.GetValueOrDefault("cursor"),
                $"'cursor' points past the last row (the query matches {total} rows); take the cursor from links.next, or start again without one.")])
            : null;

    /// <summary>The next page's URL (this query with a cursor for <paramref name="nextOffset"/>, CSV kept), or null on the last page.</summary>
    internal static string? Next(DatasetResponder responder, HttpRequest request, string dataset, string dataVersion, IReadOnlyDictionary<string, string> normalised, IReadOnlyDictionary<string, string> linkQuery, int nextOffset, int total, ResponseFormat format) =>
        nextOffset < total
            ? responder.Link(request, linkQuery, ("cursor", Cursor.Encode(dataset, dataVersion, nextOffset, Cursor.Fingerprint(normalised))), ("format", format == ResponseFormat.Csv ? "csv" : null))
            : null;

    /// <summary>The request's own query, the function key left out.</summary>
    private static Dictionary<string, string> RequestQuery(HttpRequest request) =>
        request.Query.Where(p => !p.Key.Equals(QueryReader.FunctionKeyParameter, StringComparison.OrdinalIgnoreCase))
            .ToDictionary(p => p.Key, p => p.Value.ToString(), StringComparer.Ordinal);

    /// <summary>self, next, and the CSV of this very page (the cursor kept), from the canonical query.</summary>
    internal static ResponseLinks Links(DatasetResponder responder, HttpRequest request, IReadOnlyDictionary<string, string> normalised, string? next) =>
        new(responder.Link(request, normalised), next, responder.Link(request, normalised, ("format", "csv")));
}
