using System.Collections.Concurrent;
using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Options;

namespace RareEarthApi.Http;

public sealed class ResponseCacheOptions
{
    public const string Section = "ResponseCache";

    /// <summary>Memory for finished dataset responses per instance; 0 turns the cache off.</summary>
    [Range(0, 4096)]
    public int MaxMegabytes { get; set; } = 32;
}

/// <summary>
/// Finished 200 responses of the dataset routes (body bytes and headers, ready to write) and their 304s, held in
/// memory per dataset for the one data version being served. A warm request with the same URL and the same format
/// negotiated from Accept is answered without parsing, querying or serialising; a 304 compares one ETag. The host is
/// part of the key (links.self is absolute) in lower case, and a generation keeps entries for at most
/// <see cref="MaxHosts"/> hosts: requests with made-up Host headers are answered but never stored, so they can neither
/// split nor flush the cache.
/// <para>
/// Never bytes of another version: entries live in a generation tied to one (dataset, data version, UTC day);
/// a request for any other version misses, and storing for a new version drops the old generation whole. The day
/// is there because CSV's Content-Disposition names today's date. Bounded: when a generation would pass
/// <see cref="ResponseCacheOptions.MaxMegabytes"/> it is replaced by an empty one (a simple, cheap bound; hot
/// entries come back on their next request).
/// </para>
/// </summary>
public sealed class ResponseCache(IOptions<ResponseCacheOptions> options, TimeProvider time)
{
    /// <summary>Distinct hosts a generation stores entries for; other hosts' answers are built each time.</summary>
    public const int MaxHosts = 4;

    /// <summary>Longer Host headers are never stored (DNS names are at most 253 characters, plus a port).</summary>
    private const int MaxHostLength = 260;

    private readonly ConcurrentDictionary<string, Generation> _generations = new(StringComparer.Ordinal);

    /// <summary>Bytes held across datasets (bodies plus an estimate of keys and headers).</summary>
    public long HeldBytes => _generations.Values.Sum(g => Interlocked.Read(ref g.Bytes));

    /// <summary>
    /// The cached answer to this request for this data version, or <paramref name="build"/>'s (which is stored when it
    /// is a 200 or a 304 with an ETag). Anything else (400s, 503s) passes through uncached.
    /// </summary>
    public IActionResult GetOrBuild(HttpRequest request, string dataset, string dataVersion, Func<IActionResult> build)
    {
        var budget = (long)options.Value.MaxMegabytes * 1024 * 1024;
        if (budget == 0)
        {
            return build();
        }

        var day = time.GetUtcNow().UtcDateTime.Date;
        var host = (request.Host.Value ?? "").ToLowerInvariant();
        var key = Key(request, host);
        if (_generations.TryGetValue(dataset, out var generation) && generation.Version == dataVersion && generation.Day == day
            && generation.Entries.TryGetValue(key, out var entry))
        {
            if (DatasetResponder.IsNotModified(request, entry.ETag, entry.LastModified))
            {
                return entry.NotModified;
            }

            if (entry.Ok is not null)
            {
                return entry.Ok;
            }
        }

        var result = build();
        if (result is BytesResult built && built.Headers.TryGetValue("ETag", out var etag))
        {
            if (built.Status == StatusCodes.Status200OK)
            {
                Store(dataset, dataVersion, day, host, key, new Entry(etag, DatasetResponder.NotModifiedFor(built), built), budget);
            }
            else if (built.Status == StatusCodes.Status304NotModified)
            {
                Store(dataset, dataVersion, day, host, key, new Entry(etag, built, null), budget);
            }
        }

        return result;
    }

    private void Store(string dataset, string dataVersion, DateTime day, string host, string key, Entry entry, long budget)
    {
        var size = entry.Size(key);
        if (size > budget || host.Length > MaxHostLength)
        {
            return;
        }

        var generation = _generations.AddOrUpdate(
            dataset,
            _ => new Generation(dataVersion, day),
            (_, held) => held.Version == dataVersion && held.Day == day && Interlocked.Read(ref held.Bytes) + size <= budget
                ? held
                : new Generation(dataVersion, day));
        if (!generation.Hosts.ContainsKey(host) && (generation.Hosts.Count >= MaxHosts || !generation.Hosts.TryAdd(host, 0)))
        {
            return;
        }

        if (generation.Entries.TryGetValue(key, out var previous))
        {
            if (!generation.Entries.TryUpdate(key, entry, previous))
            {
                return;
            }

            Interlocked.Add(ref generation.Bytes, size - previous.Size(key));
        }
        else if (generation.Entries.TryAdd(key, entry))
        {
            Interlocked.Add(ref generation.Bytes, size);
        }
    }

    /// <summary>
    /// What the response depends on besides the data version: the absolute URL (links echo it; the host in lower case)
    /// and the format Accept negotiates (not the Accept text: browsers and clients vary it without changing the answer).
    /// </summary>
    private static string Key(HttpRequest request, string host) => string.Concat(
        request.Scheme, "://", host, request.PathBase.Value, request.Path.Value, request.QueryString.Value,
        ResponseFormats.FromAccept(request) == ResponseFormat.Csv ? "\ncsv" : "\njson");

    private sealed class Generation(string version, DateTime day)
    {
        public long Bytes;

        public string Version { get; } = version;

        public DateTime Day { get; } = day;

        public ConcurrentDictionary<string, Entry> Entries { get; } = new(StringComparer.Ordinal);

        public ConcurrentDictionary<string, byte> Hosts { get; } = new(StringComparer.Ordinal);
    }

    private sealed record Entry(string ETag, BytesResult NotModified, BytesResult? Ok)
    {
        public DateTimeOffset? LastModified { get; } = NotModified.Headers.TryGetValue("Last-Modified", out var text)
            && DateTimeOffset.TryParseExact(text, "R", System.Globalization.CultureInfo.InvariantCulture, System.Globalization.DateTimeStyles.AssumeUniversal, out var at) ? at : null;

        public long Size(string key) => 512 + (key.Length * 2) + (Ok?.Body.Length ?? 0)
            + (Ok?.Headers ?? NotModified.Headers).Sum(h => (h.Key.Length + h.Value.Length) * 2);
    }
}
