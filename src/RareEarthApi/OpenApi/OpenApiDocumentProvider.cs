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
/// The OpenAPI 3.1 document. The model (reflection over every function) is built once, on first use; a build that
/// fails is not kept, so the next request tries again. Per request only <c>servers</c> changes (the request's scheme,
/// host and /api): the model is serialized with it, and the bytes are kept for at most <see cref="MaxCached"/>
/// (server, format) pairs, so made-up Host headers cost a serialization, never a rebuild, and cannot grow memory.
/// </summary>
public sealed class OpenApiDocumentProvider
{
    public const int MaxCached = 16;

    private readonly Func<OpenApiDocument> _build;
    private readonly SemaphoreSlim _gate = new(1, 1);
    private readonly ConcurrentDictionary<(string Server, OpenApiFormat Format), byte[]> _serialized = new();
    private OpenApiDocument? _model;

    public OpenApiDocumentProvider(FunctionCatalog catalog)
        : this(() => OpenApiDocumentBuilder.Build(catalog.Http, "/api"))
    {
    }

    /// <summary>For tests: the model's builder is a seam (to count builds, or to fail one).</summary>
    internal OpenApiDocumentProvider(Func<OpenApiDocument> build) => _build = build;

    public async Task<byte[]> GetAsync(string serverUrl, OpenApiFormat format, CancellationToken cancellationToken)
    {
        if (_serialized.TryGetValue((serverUrl, format), out var cached))
        {
            return cached;
        }

        // One at a time: the shared model's servers are set for this serialization.
        await _gate.WaitAsync(cancellationToken);
        try
        {
            if (_serialized.TryGetValue((serverUrl, format), out cached))
            {
                return cached;
            }

            _model ??= _build();
            _model.Servers = [new OpenApiServer { Url = serverUrl, Description = "This host" }];
            var text = format == OpenApiFormat.Yaml
                ? await _model.SerializeAsYamlAsync(OpenApiSpecVersion.OpenApi3_1, cancellationToken)
                : await _model.SerializeAsJsonAsync(OpenApiSpecVersion.OpenApi3_1, cancellationToken);
            var bytes = Encoding.UTF8.GetBytes(text);
            if (_serialized.Count < MaxCached)
            {
                _serialized.TryAdd((serverUrl, format), bytes);
            }

            return bytes;
        }
        finally
        {
            _gate.Release();
        }
    }
}
