using Azure.Data.Tables;
using Azure.Storage.Blobs;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using RareEarthApi.Storage;
using RareEarthApi.Tests.Support;

namespace RareEarthApi.Tests.Storage;

/// <summary>The storage clients the app settings choose: the connection string locally, the service URIs on Azure.</summary>
public sealed class StorageClientsTests
{
    private static ServiceProvider Build(params (string Key, string Value)[] settings)
    {
        var configuration = new ConfigurationBuilder()
            .AddInMemoryCollection(settings.Select(s => new KeyValuePair<string, string?>(s.Key, s.Value)))
            .Build();
        var services = new ServiceCollection();
        services.AddSingleton<IConfiguration>(configuration);
        services.AddStorage(configuration);
        return services.BuildServiceProvider();
    }

    [Fact]
    public void ConnectionString_ReachesBothClients()
    {
        using var sp = Build(("Storage:ConnectionString", TestStorage.ViaTablePort(12345)),
            ("Storage:TableServiceUri", "https://ignored.table.core.windows.net"));

        Assert.Equal(new Uri("http://127.0.0.1:12345/devstoreaccount1"), sp.GetRequiredService<TableServiceClient>().Uri);
        Assert.Equal(new Uri("http://127.0.0.1:10000/devstoreaccount1"), sp.GetRequiredService<BlobServiceClient>().Uri);
        Assert.Same(sp.GetRequiredService<TableServiceClient>(), sp.GetRequiredService<TableServiceClient>());
    }

    [Fact]
    public void ServiceUris_WithAManagedIdentity_AreTheClientsAddresses()
    {
        using var sp = Build(("Storage:TableServiceUri", "https://rareearth.table.core.windows.net"),
            ("Storage:BlobServiceUri", "https://rareearth.blob.core.windows.net"),
            ("Storage:ClientId", "00000000-0000-0000-0000-000000000001"));

        Assert.Equal(new Uri("https://rareearth.table.core.windows.net"), sp.GetRequiredService<TableServiceClient>().Uri);
        Assert.Equal(new Uri("https://rareearth.blob.core.windows.net"), sp.GetRequiredService<BlobServiceClient>().Uri);
    }

    [Fact]
    public void ServiceUris_WithoutABlobUri_SayWhichSettingIsMissing()
    {
        using var sp = Build(("Storage:TableServiceUri", "https://rareearth.table.core.windows.net"));

        var failure = Assert.Throws<InvalidOperationException>(() => sp.GetRequiredService<BlobServiceClient>());
        Assert.Contains("Storage:BlobServiceUri", failure.Message);
    }
}
