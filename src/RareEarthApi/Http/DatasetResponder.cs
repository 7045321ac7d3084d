using System.Buffers.Text;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using CsvHelper;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Extensions;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Options;
using RareEarthApi.Datasets;

namespace RareEarthApi.Http;

/// <summary>
/// Shapes dataset responses the same way on every route: JSON envelope or RFC 4180 CSV, ETag from the data
/// version and the normalised query, 304 on a matching If-None-Match (or, without one, an If-Modified-Since at or after
/// Last-Modified), Cache-Control and Last-Modified.
/// </summary>
public sealed class DatasetResponder(IOptions<ServingOptions> serving, TimeProvider time)
{
    /// <summary>Strong ETag: same data version, same normalised query, same format → same bytes.</summary>
    public static string ETag(string dataVersion, IReadOnlyDictionary<string, string> normalisedQuery, ResponseFormat format)
    {
        var text = new StringBuilder(dataVersion).Append('|').Append(format);
        foreach (var (key, value) in normalisedQuery.OrderBy(p => p.Key, StringComparer.Ordinal))
        {
            text.Append('|').Append(key).Append('=').Append(value);
        }

        return HashETag(Encoding.UTF8.GetBytes(text.ToString()));
    }

    /// <summary>A strong ETag from the first 16 bytes of the SHA-256 of the bytes, base64url.</summary>
    private static string HashETag(ReadOnlySpan<byte> bytes) => "\"" + Base64Url.EncodeToString(SHA256.HashData(bytes).AsSpan(0, 16)) + "\"";

    /// <summary>A 304 when the client already holds this representation, else null.</summary>
    public IActionResult? NotModified(HttpRequest request, string etag, DateTimeOffset lastModified) =>
        IsNotModified(request, etag, lastModified) ? new BytesResult(StatusCodes.Status304NotModified, null, ReadOnlyMemory<byte>.Empty, CachingHeaders(etag, lastModified)) : null;

    /// <summary>
    /// RFC 9110 §13.2.2: If-None-Match decides when present; otherwise If-Modified-Since at or after Last-Modified (to the
    /// second, as the header carries it) means the client's copy is current.
    /// </summary>
    public static bool IsNotModified(HttpRequest request, string etag, DateTimeOffset? lastModified)
    {
        if (request.Headers.IfNoneMatch.Count > 0)
        {
            return Matches(request, etag);
        }

        return lastModified is { } modified
            && request.Headers.IfModifiedSince.Count == 1
            && DateTimeOffset.TryParseExact(request.Headers.IfModifiedSince.ToString(), "R", CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var since)
            && modified.ToUniversalTime().AddTicks(-(modified.UtcTicks % TimeSpan.TicksPerSecond)) <= since;
    }

    /// <summary>Whether If-None-Match names this ETag (strong or weak) or is "*". Allocation-free: it runs on every request.</summary>
    public static bool Matches(HttpRequest request, string etag)
    {
        var header = request.Headers.IfNoneMatch;
        for (var i = 0; i < header.Count; i++)
        {
            var rest = (header[i] ?? "").AsSpan();
            while (rest.Length > 0)
            {
                var comma = rest.IndexOf(',');
                var tag = (comma < 0 ? rest : rest[..comma]).Trim();
                rest = comma < 0 ? default : rest[(comma + 1)..];
                if (tag.SequenceEqual("*") || tag.SequenceEqual(etag) || (tag.StartsWith("W/") && tag[2..].SequenceEqual(etag)))
                {
                    return true;
                }
            }
        }

        return false;
    }

    /// <summary>The 304 that goes with a finished 200: its validators and caching headers, no body.</summary>
    public static BytesResult NotModifiedFor(BytesResult ok)
    {
        var headers = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var name in (string[])["ETag", "Last-Modified", "Cache-Control", "Vary"])
        {
            if (ok.Headers.TryGetValue(name, out var value))
            {
                headers[name] = value;
            }
        }

        return new BytesResult(StatusCodes.Status304NotModified, null, ReadOnlyMemory<byte>.Empty, headers);
    }

    public IActionResult Json<T>(Envelope<T> envelope, JsonTypeInfo<Envelope<T>> typeInfo, string etag)
    {
        var body = JsonSerializer.SerializeToUtf8Bytes(envelope, typeInfo);
        var headers = CachingHeaders(etag, envelope.Meta.LastUpdated);
        if (envelope.Links.Next is not null)
        {
            headers["Link"] = $"<{envelope.Links.Next}>; rel=\"next\"";
        }

        return new BytesResult(StatusCodes.Status200OK, "application/json; charset=utf-8", body, headers);
    }

    /// <summary>JSON whose ETag is the hash of its bytes (for answers that change without a data version); 304 when it matches.</summary>
    public IActionResult JsonWithBodyETag<T>(HttpRequest request, Envelope<T> envelope, JsonTypeInfo<Envelope<T>> typeInfo, DateTimeOffset lastModified)
    {
        var body = JsonSerializer.SerializeToUtf8Bytes(envelope, typeInfo);
        var etag = HashETag(body);
        return NotModified(request, etag, lastModified)
            ?? new BytesResult(StatusCodes.Status200OK, "application/json; charset=utf-8", body, CachingHeaders(etag, lastModified));
    }

    public IActionResult Csv<T>(string dataset, IEnumerable<T> rows, IReadOnlyList<CsvColumn<T>> columns, string etag, DateTimeOffset lastModified, string? next, bool bom = false)
    {
        using var buffer = new MemoryStream();
        using (var writer = new StreamWriter(buffer, new UTF8Encoding(bom), leaveOpen: true))
        using (var csv = new CsvWriter(writer, CultureInfo.InvariantCulture))
        {
            foreach (var column in columns)
            {
                csv.WriteField(column.Header);
            }

            csv.NextRecord();
            foreach (var row in rows)
            {
                foreach (var column in columns)
                {
                    csv.WriteField(column.Value(row) ?? "");
                }

                csv.NextRecord();
            }
        }

        // The mark changes the bytes, so it is part of the entity tag.
        var headers = CachingHeaders(bom ? etag.Insert(etag.Length - 1, "-bom") : etag, lastModified);
        var date = time.GetUtcNow().ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        headers["Content-Disposition"] = $"attachment; filename=\"{dataset}-{date}.csv\"";
        if (next is not null)
        {
            headers["Link"] = $"<{next}>; rel=\"next\"";
        }

        return new BytesResult(StatusCodes.Status200OK, "text/csv; charset=utf-8; header=present", buffer.ToArray(), headers);
    }

    /// <summary>
    /// A link to this route with <paramref name="query"/> (the canonical query: links, like the ETag, depend on what was
    /// asked, not on how it was spelled), some parameters replaced (null removes one). Absolute from
    /// <see cref="ServingOptions.PublicBaseUrl"/> when configured, else relative to the host (/api/v1/...): never built
    /// from the request's Host header, which the client chooses.
    /// </summary>
    public string Link(HttpRequest request, IReadOnlyDictionary<string, string> query, params (string Name, string? Value)[] changes)
    {
        var values = new SortedDictionary<string, string?>(query.ToDictionary(p => p.Key, p => (string?)p.Value), StringComparer.Ordinal);
        foreach (var (name, value) in changes)
        {
            values[name] = value;
        }

        var builder = new QueryBuilder(values.Where(p => p.Value is not null).Select(p => new KeyValuePair<string, string>(p.Key, p.Value!)));
        return (serving.Value.PublicBaseUrl?.TrimEnd('/') ?? "") + (request.PathBase + request.Path).ToUriComponent() + builder.ToQueryString().ToUriComponent();
    }

    /// <summary>The ETag of a response whose body holds links to <paramref name="request"/>'s route: the route is covered too.</summary>
    public static string ETag(HttpRequest request, string dataVersion, IReadOnlyDictionary<string, string> normalisedQuery, ResponseFormat format) =>
        ETag(dataVersion + "|" + (request.PathBase + request.Path).Value?.ToLowerInvariant(), normalisedQuery, format);

    private Dictionary<string, string> CachingHeaders(string etag, DateTimeOffset lastModified) => new(StringComparer.Ordinal)
    {
        ["ETag"] = etag,
        ["Last-Modified"] = lastModified.ToString("R", CultureInfo.InvariantCulture),
        ["Cache-Control"] = $"public, max-age={serving.Value.CacheMaxAgeSeconds}",
        ["Vary"] = "Accept",
    };
}
