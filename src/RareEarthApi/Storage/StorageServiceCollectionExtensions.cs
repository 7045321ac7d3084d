using Azure.Core;
using Azure.Data.Tables;
using Azure.Identity;
using Azure.Storage.Blobs;
using Microsoft.Extensions.Azure;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace RareEarthApi.Storage;

internal static class StorageServiceCollectionExtensions
{
    /// <summary>
    /// One TableServiceClient and one BlobServiceClient for the process, through the Azure SDK's client factory. The
    /// connection string wins when present (Azurite locally); otherwise the service URIs with a managed identity
    /// (Azure), chosen by configuration.
    /// </summary>
    public static IServiceCollection AddStorage(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<StorageOptions>().BindConfiguration(StorageOptions.Section)
            .ValidateDataAnnotations()
            .Validate(o => !string.IsNullOrWhiteSpace(o.ConnectionString) || o.TableServiceUri is not null,
                "Set Storage:ConnectionString (local) or Storage:TableServiceUri (managed identity).")
            .ValidateOnStart();

        services.AddAzureClients(clients =>
        {
            clients.UseCredential(sp => Credential(Options(sp)));
            clients.ConfigureDefaults((clientOptions, sp) => Configure(clientOptions.Retry, Options(sp)));
            clients.AddClient<TableServiceClient, TableClientOptions>((clientOptions, credential, sp) =>
            {
                var o = Options(sp);
                return string.IsNullOrWhiteSpace(o.ConnectionString)
                    ? new TableServiceClient(o.TableServiceUri!, credential, clientOptions)
                    : new TableServiceClient(o.ConnectionString, clientOptions);
            });
            clients.AddClient<BlobServiceClient, BlobClientOptions>((clientOptions, credential, sp) =>
            {
                var o = Options(sp);
                if (!string.IsNullOrWhiteSpace(o.ConnectionString))
                {
                    return new BlobServiceClient(o.ConnectionString, clientOptions);
                }

                var blobUri = o.BlobServiceUri
                    ?? throw new InvalidOperationException("Set Storage:BlobServiceUri when Storage:ConnectionString is not set.");
                return new BlobServiceClient(blobUri, credential, clientOptions);
            });
        });

        // The factory forwards the SDK's event-source logs (a line per storage call) once a client exists; they stay
        // off, as before, unless Logging:LogLevel names an Azure.* category.
        services.AddLogging(logging => logging.AddFilter("Azure", LogLevel.None));
        return services;
    }

    private static StorageOptions Options(IServiceProvider sp) => sp.GetRequiredService<IOptions<StorageOptions>>().Value;

    private static void Configure(RetryOptions retry, StorageOptions o)
    {
        retry.MaxRetries = o.MaxRetries;
        retry.NetworkTimeout = TimeSpan.FromSeconds(o.NetworkTimeoutSeconds);
        retry.Delay = TimeSpan.FromMilliseconds(200);
        retry.MaxDelay = TimeSpan.FromSeconds(2);
    }

    // The factory asks for a credential before it builds a client; with a connection string none is used, and
    // building DefaultAzureCredential's chain costs start-up about 50 ms for nothing.
    private static TokenCredential Credential(StorageOptions o) =>
        !string.IsNullOrWhiteSpace(o.ConnectionString)
            ? DelegatedTokenCredential.Create((_, _) => throw new InvalidOperationException("Storage:ConnectionString is set: storage takes no token."))
            : string.IsNullOrWhiteSpace(o.ClientId)
                ? new DefaultAzureCredential()
                : new ManagedIdentityCredential(ManagedIdentityId.FromUserAssignedClientId(o.ClientId));
}
