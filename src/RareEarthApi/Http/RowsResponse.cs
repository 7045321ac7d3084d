using System.Text.Json.Serialization.Metadata;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;

namespace RareEarthApi.Http;

/// <summary>
/// The last step of a dataset route whose rows are already filtered and ordered: ETag and 304, one page, the
/// next-page cursor, and the JSON envelope or CSV. The meta passed in is completed with total and returned.
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
        var etag = DatasetResponder.ETag(meta.DataVersion, meta.Query, format);
        if (responder.NotModified(request, etag, meta.LastUpdated) is { } notModified)
        {
            return notModified;
        }

        var page = matched.Skip(offset).Take(limit).ToList();
        var nextOffset = offset + page.Count;
        var next = nextOffset < matched.Count
            ? DatasetResponder.UrlWith(request, ("cursor", Cursor.Encode(meta.DataVersion, nextOffset, Cursor.Fingerprint(meta.Query))))
            : null;

        if (format == ResponseFormat.Csv)
        {
            return responder.Csv(meta.Dataset, page, csvColumns, etag, meta.LastUpdated, next);
        }

        var links = new ResponseLinks(DatasetResponder.UrlWith(request), next, DatasetResponder.UrlWith(request, ("format", "csv"), ("cursor", null)));
        return responder.Json(new Envelope<T>(page, meta with { Total = matched.Count, Returned = page.Count }, links), jsonType, etag);
    }
}
