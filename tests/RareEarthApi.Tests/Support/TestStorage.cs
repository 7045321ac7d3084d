using Azure.Data.Tables;

namespace RareEarthApi.Tests.Support;

/// <summary>Where the integration tests find Azurite; scripts/test.sh starts it on the default ports.</summary>
internal static class TestStorage
{
    public const string AzuriteAccountKey = "Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==";

    public static string ConnectionString =>
        Environment.GetEnvironmentVariable("RAREEARTH_TEST_STORAGE") is { Length: > 0 } s ? s : "UseDevelopmentStorage=true";

    /// <summary>A connection string whose table endpoint is a given port on loopback (a proxy in front of Azurite).</summary>
    public static string ViaTablePort(int port) =>
        $"DefaultEndpointsProtocol=http;AccountName=devstoreaccount1;AccountKey={AzuriteAccountKey};" +
        $"TableEndpoint=http://127.0.0.1:{port}/devstoreaccount1;BlobEndpoint=http://127.0.0.1:10000/devstoreaccount1;";

    /// <summary>A connection string whose blob endpoint is a given port on loopback (a proxy in front of Azurite).</summary>
    public static string ViaBlobPort(int port) =>
        $"DefaultEndpointsProtocol=http;AccountName=devstoreaccount1;AccountKey={AzuriteAccountKey};" +
        $"TableEndpoint=http://127.0.0.1:10002/devstoreaccount1;BlobEndpoint=http://127.0.0.1:{port}/devstoreaccount1;";

    public static string NewTablePrefix() => "t" + Guid.NewGuid().ToString("N")[..10];

    /// <summary>Deletes the tables a test made under its prefix; best effort, as Azurite is thrown away after the run anyway.</summary>
    public static async Task DeleteTablesAsync(string prefix)
    {
        try
        {
            var service = new TableServiceClient(ConnectionString);
            await foreach (var table in service.QueryAsync(t => t.Name.CompareTo(prefix) >= 0 && t.Name.CompareTo(prefix + "~") < 0))
            {
                await service.DeleteTableAsync(table.Name);
            }
        }
        catch (Azure.RequestFailedException)
        {
        }
    }
}
