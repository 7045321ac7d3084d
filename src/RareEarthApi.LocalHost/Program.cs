using RareEarthApi.LocalHost;

var app = LocalHostApp.Build(args);
await app.StartAsync();
foreach (var url in app.Urls)
{
    Console.WriteLine($"RareEarthApi local host: API at {url}/api/v1/production, catalog at {url}/api/v1/datasets, "
        + $"docs at {url}/api/swagger/ui, OpenAPI document at {url}/api/openapi/v3.json, health at {url}/api/health");
}

await app.WaitForShutdownAsync();
