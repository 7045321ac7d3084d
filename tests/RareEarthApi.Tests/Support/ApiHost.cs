using Azure.Data.Tables;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using RareEarthApi.LocalHost;

namespace RareEarthApi.Tests.Support;

/// <summary>
/// The local host on a free loopback port, over a real Azurite, with tables of its own (a unique prefix) that
/// are deleted afterwards. It seeds the bundled data on start, as run-local does.
/// </summary>
public sealed class ApiHost : IAsyncDisposable
{
    private ApiHost(WebApplication app, string tablePrefix, string connectionString)
    {
        App = app;
        TablePrefix = tablePrefix;
        ConnectionString = connectionString;
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        var baseAddress = new Uri(address.TrimEnd('/') + "/");
        Client = new HttpClient(new ContractCheckingHandler(baseAddress)) { BaseAddress = baseAddress };
    }

    public WebApplication App { get; }

    public HttpClient Client { get; }

    public string TablePrefix { get; }

    public string ConnectionString { get; }

    public static async Task<ApiHost> StartAsync(IDictionary<string, string?>? settings = null, Action<WebApplicationBuilder>? configure = null)
    {
        var prefix = TestStorage.NewTablePrefix();
        var config = new Dictionary<string, string?>
        {
            ["Storage:ConnectionString"] = TestStorage.ConnectionString,
            ["Storage:TablePrefix"] = prefix,
            ["Storage:MaxRetries"] = "0",
            ["Storage:NetworkTimeoutSeconds"] = "5",
            // A version check may wait as long as one storage call here: tests share one Azurite on a busy machine.
            ["Serving:VersionCheckTimeoutSeconds"] = "5",
            ["LocalHost:FunctionKey"] = "test-key",
        };
        foreach (var (key, value) in settings ?? new Dictionary<string, string?>())
        {
            config[key] = value;
        }

        var app = LocalHostApp.Build(["--urls", "http://127.0.0.1:0"], builder =>
        {
            builder.Configuration.AddInMemoryCollection(config);
            builder.Logging.ClearProviders();
            configure?.Invoke(builder);
        });
        await app.StartAsync();
        return new ApiHost(app, prefix, config["Storage:ConnectionString"]!);
    }

    public async ValueTask DisposeAsync()
    {
        Client.Dispose();
        await App.StopAsync();
        await App.DisposeAsync();
        await TestStorage.DeleteTablesAsync(TablePrefix);
    }
}

/// <summary>One API host shared by the read-only tests of a run.</summary>
public sealed class ApiFixture : IAsyncLifetime
{
    public ApiHost Host { get; private set; } = null!;

    public HttpClient Client => Host.Client;

    public async Task InitializeAsync() => Host = await ApiHost.StartAsync();

    public async Task DisposeAsync() => await Host.DisposeAsync();
}

[CollectionDefinition(Name)]
public sealed class ApiCollection : ICollectionFixture<ApiFixture>
{
    public const string Name = "api";
}
