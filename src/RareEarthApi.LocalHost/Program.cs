using Microsoft.Extensions.Options;
using RareEarthApi.LocalHost;

var app = LocalHostApp.Build(args);
await app.StartAsync();
foreach (var url in app.Urls)
{
    Console.WriteLine($"RareEarthApi local host: explorer at {url}/api/, API at {url}/api/v1/production, catalog at {url}/api/v1/datasets, "
        + $"docs at {url}/api/swagger/ui, OpenAPI document at {url}/api/openapi/v3.json, health at {url}/api/health");
}

// A key made at start is printed once, here, or nobody could use it; a configured key is never printed.
var key = string.IsNullOrEmpty(app.Configuration["LocalHost:FunctionKey"])
    ? app.Services.GetRequiredService<IOptions<LocalHostOptions>>().Value.FunctionKey
    : "(the key set in LocalHost:FunctionKey)";
Console.WriteLine($"Admin routes (POST /api/v1/admin/..., POST /admin/functions/{{name}}) take the header x-functions-key: {key}");
await app.WaitForShutdownAsync();
