using Azure.Data.Tables;

namespace RareEarthApi.Bench;

internal static class BenchStorage
{
    public static string ConnectionString =>
        Environment.GetEnvironmentVariable("Storage__ConnectionString") is { Length: > 0 } s ? s : "UseDevelopmentStorage=true";

    /// <summary>Deletes the tables a benchmark made (every name starting with the prefix).</summary>
    public static async Task<int> DeleteTablesAsync(string prefix)
    {
        var service = new TableServiceClient(ConnectionString);
        await foreach (var table in service.QueryAsync(t => t.Name.CompareTo(prefix) >= 0 && t.Name.CompareTo(prefix + "~") < 0))
        {
            await service.DeleteTableAsync(table.Name);
        }

        return 0;
    }
}
