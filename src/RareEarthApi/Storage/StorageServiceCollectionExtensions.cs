using Azure.Core;
using Azure.Data.Tables;
using Azure.Identity;
using Azure.Storage.Blobs;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace RareEarthApi.Storage;

internal static class StorageServiceCollectionExtensions
{
    /// <summary>
    /// One TableServiceClient and one BlobServiceClient for the process. The connection string wins when present
    /// (Azurite locally); otherwise the service URIs with a managed identity (Azure), chosen by configuration.
    /// </summary>
    public static IServiceCollection AddStorage(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<StorageOptions>().BindConfiguration(StorageOptions.Section)
            .ValidateDataAnnotations()
            .Validate(o => !string.IsNullOrWhiteSpace(o.ConnectionString) || o.TableServiceUri is not null,
                "Set Storage:ConnectionString (local) or Storage:TableServiceUri (managed identity).")
            .ValidateOnStart();

        services.AddSingleton(sp =>
        {
            var o = sp.GetRequiredService<IOptions<StorageOptions>>().Value;
            var clientOptions = new TableClientOptions();
            Configure(clientOptions.Retry, o);
            return string.IsNullOrWhiteSpace(o.ConnectionString)
                ? new TableServiceClient(o.TableServiceUri!, Credential(o), clientOptions)
                : new TableServiceClient(o.ConnectionString, clientOptions);
        });
        services.AddSingleton(sp =>
        {
            var o = sp.GetRequiredService<IOptions<StorageOptions>>().Value;
            var clientOptions = new BlobClientOptions();
            Configure(clientOptions.Retry, o);
            if (!string.IsNullOrWhiteSpace(o.ConnectionString))
            {
                return new BlobServiceClient(o.ConnectionString, clientOptions);
            }

            var blobUri = o.BlobServiceUri
                ?? throw new InvalidOperationException("Set Storage:BlobServiceUri when Storage:ConnectionString is not set.");
            return new BlobServiceClient(blobUri, Credential(o), clientOptions);
        });
        return services;
    }

    private static void Configure(RetryOptions retry, StorageOptions o)
    {
        retry.MaxRetries = o.MaxRetries;
        retry.NetworkTimeout = TimeSpan.FromSeconds(o.NetworkTimeoutSeconds);
        retry.Delay = TimeSpan.FromMilliseconds(200);
        retry.MaxDelay = TimeSpan.FromSeconds(2);
    }

    private static TokenCredential Credential(StorageOptions o) =>
        string.IsNullOrWhiteSpace(o.ClientId)
            ? new DefaultAzureCredential()
            : new ManagedIdentityCredential(ManagedIdentityId.FromUserAssignedClientId(o.ClientId));
}
