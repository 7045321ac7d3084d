using Azure.Data.Tables;
using RareEarthApi.LocalHost;
using RareEarthApi.Tests.Support;

namespace RareEarthApi.Bench;

/// <summary>
/// The local host, exactly as src/RareEarthApi.LocalHost builds it, but with its TableServiceClient counting
/// transactions; GET /bench/storage-transactions reads the count. Deletes its tables (Storage:TablePrefix) on stop.
/// </summary>
internal static class ServeCommand
{
    public static async Task<int> RunAsync(string[] args)
    {
        var counter = new TransactionCounter();
        var app = LocalHostApp.Build(args, builder =>
        {
            var connection = builder.Configuration["Storage:ConnectionString"] ?? "UseDevelopmentStorage=true";
            builder.Services.AddSingleton<TableServiceClient>(_ => counter.Client(connection));
        });
        app.MapGet("/bench/storage-transactions", () => Results.Text(counter.Count.ToString(System.Globalization.CultureInfo.InvariantCulture)));
        await app.RunAsync();

        if (app.Configuration["Storage:TablePrefix"] is { Length: > 0 } prefix)
        {
            await BenchStorage.DeleteTablesAsync(prefix);
        }

        return 0;
    }
}
