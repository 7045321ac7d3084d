using System.Collections.Concurrent;
using System.Text;
using Microsoft.OpenApi;
using RareEarthApi.Hosting;

namespace RareEarthApi.OpenApi;

public enum OpenApiFormat
{
    Json,
    Yaml,
}

/// <summary>
/// The serialized OpenAPI 3.1 document per server URL and format, built once each. The server URL comes from the
/// request's Host header, so at most <see cref="MaxCached"/> are kept; others are built on each request.
/// </summary>
public sealed class OpenApiDocumentProvider(FunctionCatalog catalog)
{
    public const int MaxCached = 16;

    private readonly ConcurrentDictionary<(string Server, OpenApiFormat Format), Lazy<Task<byte[]>>> _cache = new();

    public Task<byte[]> GetAsync(string serverUrl, OpenApiFormat format, CancellationToken cancellationToken)
    {
        if (_cache.TryGetValue((serverUrl, format), out var cached))
        {
            return cached.Value;
        }

        if (_cache.Count >= MaxCached)
        {
            return SerializeAsync(serverUrl, format, cancellationToken);
        }

        // Not the request's token: the cached task outlives the request that started it.
        return _cache.GetOrAdd((serverUrl, format), key => new Lazy<Task<byte[]>>(() => SerializeAsync(key.Server, key.Format, CancellationToken.None))).Value;
    }

    public OpenApiDocument Build(string serverUrl) => OpenApiDocumentBuilder.Build(catalog.Http, serverUrl);

    private async Task<byte[]> SerializeAsync(string serverUrl, OpenApiFormat format, CancellationToken cancellationToken)
    {
        var document = Build(serverUrl);
        var text = format == OpenApiFormat.Yaml
            ? await document.SerializeAsYamlAsync(OpenApiSpecVersion.OpenApi3_1, cancellationToken)
            : await document.SerializeAsJsonAsync(OpenApiSpecVersion.OpenApi3_1, cancellationToken);
        return Encoding.UTF8.GetBytes(text);
    }
}
