using System.Text.Json.Nodes;
using RareEarthApi.Tests.Support;

namespace RareEarthApi.Tests.OpenApi;

/// <summary>
/// The docs page's "Try it out" fills every parameter with its example (else its default) and Execute sends them all: for each
/// anonymous operation of the served document, that request (built here from the document, as swagger-ui builds
/// it) answers 2xx. The admin routes need a key and change data, so they are left out.
/// </summary>
[Collection(ApiCollection.Name)]
public sealed class TryItOutDefaultsTests(ApiFixture api)
{
    [Fact]
    public async Task EveryOperation_AnswersTwoHundred_WithItsPrefilledExamples()
    {
        var document = JsonNode.Parse(await api.Client.GetStringAsync("api/openapi/v3.json"))!;
        var failures = new List<string>();
        var tried = 0;
        foreach (var (path, item) in document["paths"]!.AsObject())
        {
            var operation = item!["get"];
            if (operation is null || operation["security"]?.AsArray().Any(r => r!.AsObject().Count > 0) == true)
            {
                continue;
            }

            var url = "api" + path;
            var query = new List<string>();
            foreach (var parameter in operation["parameters"]?.AsArray() ?? [])
            {
                // swagger-ui fills a parameter's example, else its schema's default.
                if ((parameter!["example"] ?? parameter["schema"]?["default"]) is not { } example)
                {
                    continue;
                }

                var text = example is JsonArray list ? string.Join(",", list.Select(v => Text(v!))) : Text(example);
                if (parameter["in"]!.GetValue<string>() == "path")
                {
                    url = url.Replace("{" + parameter["name"]!.GetValue<string>() + "}", Uri.EscapeDataString(text), StringComparison.Ordinal);
                }
                else
                {
                    query.Add($"{parameter["name"]!.GetValue<string>()}={Uri.EscapeDataString(text)}");
                }
            }

            var request = url + (query.Count > 0 ? "?" + string.Join("&", query) : "");
            using var response = await api.Client.GetAsync(request);
            tried++;
            if ((int)response.StatusCode is < 200 or > 299)
            {
                failures.Add($"{operation["operationId"]}: GET {request} answered {(int)response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
            }
        }

        Assert.True(tried > 15, $"only {tried} operations tried");
        Assert.True(failures.Count == 0, string.Join("\n", failures));
    }

    private static string Text(JsonNode value) => value.GetValueKind() switch
    {
        System.Text.Json.JsonValueKind.True => "true",
        System.Text.Json.JsonValueKind.False => "false",
        _ => value.ToString(),
    };
}
