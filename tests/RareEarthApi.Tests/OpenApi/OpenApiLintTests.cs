using RareEarthApi.Tests.Support;

namespace RareEarthApi.Tests.OpenApi;

/// <summary>The served document passes an independent validator: Redocly CLI's lint (recommended rules), from npm.</summary>
[Collection(ApiCollection.Name)]
public sealed class OpenApiLintTests(ApiFixture api)
{
    [Theory]
    [InlineData("openapi/v3.json", "v3.json")]
    [InlineData("openapi/v3.yaml", "v3.yaml")]
    [InlineData("swagger.json", "swagger.json")]
    public async Task ServedDocument_PassesRedoclyLint(string route, string file)
    {
        var path = Path.Combine(NodeScript.Artifacts("openapi"), file);
        await File.WriteAllTextAsync(path, await api.Client.GetStringAsync("api/" + route));

        var result = await LintAsync(path);

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Contains("valid", result.Stdout + result.Stderr, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task Linter_RejectsABrokenDocument()
    {
        var json = await api.Client.GetStringAsync("api/openapi/v3.json");
        var path = Path.Combine(NodeScript.Artifacts("openapi"), "broken.json");
        await File.WriteAllTextAsync(path, json.Replace("\"#/components/schemas/Problem\"", "\"#/components/schemas/NoSuchSchema\"", StringComparison.Ordinal));

        var result = await LintAsync(path);

        Assert.NotEqual(0, result.ExitCode);
    }

    private static Task<NodeScript.Result> LintAsync(string path) =>
        NodeScript.RunAsync(
            ["node_modules/@redocly/cli/bin/cli.js", "lint", path, "--config", "redocly.yaml", "--format", "stylish"],
            new Dictionary<string, string> { ["REDOCLY_TELEMETRY"] = "off", ["REDOCLY_SUPPRESS_UPDATE_NOTICE"] = "true", ["NO_COLOR"] = "1" });
}
