using System.Net.Http.Headers;
using System.Security.Cryptography;
using Microsoft.Extensions.Options;

namespace RareEarthApi.Refresh;

/// <summary>A source file on local disk, already archived in the raw container.</summary>
internal sealed record ArchivedFile(string Name, string Url, string Path, string Sha256, long Length, string BlobName, string? ETag);

/// <summary>
/// Downloads source files through the resilient "refresh" HttpClient (timeouts, retries with backoff honouring
/// Retry-After, circuit breaker), streaming each body to a temporary file while hashing it, then archives it.
/// A body shorter than its Content-Length is an error, never a file.
/// </summary>
internal sealed class SourceDownloader(IHttpClientFactory httpClients, RawArchive archive, IOptions<RefreshOptions> options, TimeProvider time)
{
    public const string ClientName = "refresh";

    public async Task<ArchivedFile> DownloadAsync(
        string source, Uri url, string name, string directory, IReadOnlyDictionary<string, string>? headers, CancellationToken cancellationToken)
    {
        // The resilience pipeline's total timeout (a TimeoutRejectedException of this limit) ends at the same deadline,
        // but bounds only the calls up to the headers; this one bounds the body too.
        var limit = TimeSpan.FromSeconds(options.Value.DownloadTimeoutSeconds);
        using var deadline = new CancellationTokenSource(limit, time);
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, deadline.Token);
        var client = httpClients.CreateClient(ClientName);
        using var request = new HttpRequestMessage(HttpMethod.Get, url);
        foreach (var (header, value) in headers ?? new Dictionary<string, string>())
        {
            request.Headers.TryAddWithoutValidation(header, value);
        }

        try
        {
            using var response = await client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, timeout.Token);
            if (!response.IsSuccessStatusCode)
            {
                throw new HttpRequestException($"GET {url} answered {(int)response.StatusCode} {response.ReasonPhrase}.", null, response.StatusCode);
            }

            var path = System.IO.Path.Combine(directory, Guid.NewGuid().ToString("N") + System.IO.Path.GetExtension(name));
            using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
            long length = 0;
            await using (var body = await response.Content.ReadAsStreamAsync(timeout.Token))
            await using (var file = File.Create(path))
            {
                var buffer = new byte[81920];
                int read;
                while ((read = await body.ReadAsync(buffer, timeout.Token)) > 0)
                {
                    hash.AppendData(buffer, 0, read);
                    await file.WriteAsync(buffer.AsMemory(0, read), timeout.Token);
                    length += read;
                }
            }

            if (response.Content.Headers.ContentLength is long expected && expected != length)
            {
                throw new SourceFailedException($"GET {url}: the body has {length} bytes where Content-Length said {expected} (truncated).");
            }

            var sha = Convert.ToHexStringLower(hash.GetHashAndReset());
            var etag = response.Headers.ETag?.ToString();
            var blob = await archive.ArchiveAsync(source, path, sha, Extension(name, response.Content.Headers.ContentType), url.ToString(), etag, time.GetUtcNow(), cancellationToken);
            return new ArchivedFile(name, url.ToString(), path, sha, length, blob, etag);
        }
        catch (Exception e) when (!cancellationToken.IsCancellationRequested
                                  && (e is OperationCanceledException && deadline.IsCancellationRequested
                                      || e is Polly.Timeout.TimeoutRejectedException t && t.Timeout == limit))
        {
            throw new SourceFailedException($"GET {url} did not finish within Refresh:DownloadTimeoutSeconds ({options.Value.DownloadTimeoutSeconds} s).", e);
        }
        catch (HttpRequestException e) when (e.StatusCode is null && e.InnerException is IOException)
        {
            throw new SourceFailedException($"GET {url}: the connection closed before the body was complete (truncated).", e);
        }
        catch (IOException e)
        {
            throw new SourceFailedException($"GET {url}: the connection closed before the body was complete (truncated).", e);
        }
    }

    /// <summary>
    /// Archives content that came in a request (an upload) the same way as a download. Content longer than
    /// Refresh:MaxUploadMegabytes is an <see cref="UploadTooLargeException"/>, whether or not a length was declared.
    /// </summary>
    public async Task<ArchivedFile> SaveUploadAsync(string source, Stream content, string name, string directory, CancellationToken cancellationToken)
    {
        var path = System.IO.Path.Combine(directory, Guid.NewGuid().ToString("N") + System.IO.Path.GetExtension(name));
        var max = options.Value.MaxUploadBytes;
        await using (var file = File.Create(path))
        {
            var buffer = new byte[81920];
            long copied = 0;
            int read;
            while ((read = await content.ReadAsync(buffer, cancellationToken)) > 0)
            {
                copied += read;
                if (copied > max)
                {
                    throw new UploadTooLargeException(options.Value.MaxUploadMegabytes);
                }

                await file.WriteAsync(buffer.AsMemory(0, read), cancellationToken);
            }
        }

        string sha;
        long length;
        await using (var file = File.OpenRead(path))
        {
            sha = Convert.ToHexStringLower(await SHA256.HashDataAsync(file, cancellationToken));
            length = file.Length;
        }

        var url = "upload:" + name;
        var blob = await archive.ArchiveAsync(source, path, sha, Extension(name, null), url, null, time.GetUtcNow(), cancellationToken);
        return new ArchivedFile(name, url, path, sha, length, blob, null);
    }

    private static string Extension(string name, MediaTypeHeaderValue? contentType)
    {
        var ext = System.IO.Path.GetExtension(name).TrimStart('.').ToLowerInvariant();
        if (ext.Length is > 0 and <= 8 && ext.All(char.IsAsciiLetterOrDigit))
        {
            return ext;
        }

        return contentType?.MediaType switch
        {
            "application/json" => "json",
            "text/csv" => "csv",
            "application/zip" => "zip",
            _ => "bin",
        };
    }
}

/// <summary>The source could not be downloaded whole (a timeout, a cut connection, a short body); its message is public.</summary>
internal sealed class SourceFailedException(string message, Exception? inner = null) : Exception(message, inner);

/// <summary>An upload longer than Refresh:MaxUploadMegabytes.</summary>
internal sealed class UploadTooLargeException(int maxMegabytes)
    : Exception($"The upload is larger than Refresh:MaxUploadMegabytes ({maxMegabytes} MB); nothing was published.");
