using System.Globalization;
using Azure.Storage.Blobs;
using Azure.Storage.Blobs.Models;
using Microsoft.Extensions.Options;
using RareEarthApi.Storage;

namespace RareEarthApi.Refresh;

/// <summary>
/// Every downloaded or uploaded source file, kept as it came, before anything parses it:
/// "{source}/{yyyy}/{MM}/{dd}/{sha256}.{ext}" in the raw container, with the URL, ETag and retrieval time as metadata.
/// </summary>
internal sealed class RawArchive(BlobServiceClient blobs, IOptions<StorageOptions> options)
{
    public BlobContainerClient Container => blobs.GetBlobContainerClient(options.Value.RawContainer);

    public static string BlobName(string source, DateTimeOffset retrievedAt, string sha256, string extension) =>
        string.Create(CultureInfo.InvariantCulture, $"{source}/{retrievedAt.UtcDateTime:yyyy}/{retrievedAt.UtcDateTime:MM}/{retrievedAt.UtcDateTime:dd}/{sha256}.{extension}");

    public async Task<string> ArchiveAsync(
        string source, string path, string sha256, string extension, string url, string? etag, DateTimeOffset retrievedAt, CancellationToken cancellationToken)
    {
        await Container.CreateIfNotExistsAsync(cancellationToken: cancellationToken);
        var name = BlobName(source, retrievedAt, sha256, extension);
        var blob = Container.GetBlobClient(name);
        await using var content = File.OpenRead(path);
        await blob.UploadAsync(content, new BlobUploadOptions
        {
            Metadata = new Dictionary<string, string>
            {
                // Metadata values are ASCII headers: keep the URL as sent on the wire.
                ["url"] = Uri.EscapeDataString(url),
                ["etag"] = Uri.EscapeDataString(etag ?? ""),
                ["retrievedat"] = retrievedAt.UtcDateTime.ToString("O", CultureInfo.InvariantCulture),
                ["sha256"] = sha256,
            },
        }, cancellationToken);
        return name;
    }
}
