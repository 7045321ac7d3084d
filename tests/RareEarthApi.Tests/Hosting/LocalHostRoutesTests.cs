using System.Text.Json;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using RareEarthApi.Hosting;
using RareEarthApi.Tests.Support;

namespace RareEarthApi.Tests.Hosting;

/// <summary>The local host serves exactly the functions the Functions host would, at the same routes and methods.</summary>
[Collection(ApiCollection.Name)]
public sealed class LocalHostRoutesTests(ApiFixture api)
{
    internal sealed record Route(string Name, string Path, string Methods);

    /// <summary>The HTTP functions as the Functions SDK's generated functions.metadata lists them.</summary>
    internal static List<Route> FromFunctionsMetadata()
    {
        var path = Path.Combine(RepoPaths.Root, "src", "RareEarthApi", "bin", RepoPaths.Configuration, "net10.0", "functions.metadata");
        Assert.True(File.Exists(path), $"{path} is missing: the Functions SDK writes it when src/RareEarthApi builds.");
        using var doc = JsonDocument.Parse(File.ReadAllText(path));
        return doc.RootElement.EnumerateArray()
            .SelectMany(f => f.GetProperty("bindings").EnumerateArray()
                .Where(b => b.GetProperty("type").GetString() == "httpTrigger")
                .Select(b => new Route(
                    f.GetProperty("name").GetString()!,
                    "/api/" + b.GetProperty("route").GetString(),
                    string.Join(",", b.GetProperty("methods").EnumerateArray().Select(m => m.GetString()!.ToUpperInvariant()).Order()))))
            .OrderBy(r => r.Name)
            .ToList();
    }

    private List<Route> FromLocalHost() =>
        api.Host.App.Services.GetRequiredService<EndpointDataSource>().Endpoints
            .OfType<RouteEndpoint>()
            .Where(e => e.Metadata.GetMetadata<HttpFunction>() is not null)
            .Select(e => new Route(
                e.Metadata.GetMetadata<HttpFunction>()!.Name,
                "/" + e.RoutePattern.RawText!.TrimStart('/'),
                string.Join(",", e.Metadata.GetMetadata<HttpMethodMetadata>()!.HttpMethods.Order())))
            .OrderBy(r => r.Name)
            .ToList();

    [Fact]
    public void EveryHttpFunctionInFunctionsMetadata_IsServedAtTheSameRouteAndMethods()
    {
        var metadata = FromFunctionsMetadata();

        Assert.NotEmpty(metadata);
        Assert.Contains(metadata, r => r.Path == "/api/v1/production");
        Assert.Equal(metadata, FromLocalHost());
    }

    [Fact]
    public async Task EveryServedGetRoute_AnswersWithoutA500()
    {
        foreach (var route in FromLocalHost().Where(r => r.Methods.Contains("GET")))
        {
            var path = route.Path.Replace("{name}", "invalid-parameter", StringComparison.Ordinal).TrimStart('/');
            using var response = await api.Client.GetAsync(path);
            Assert.True((int)response.StatusCode < 500, $"{route.Name} {path} answered {(int)response.StatusCode}");
        }
    }
}
