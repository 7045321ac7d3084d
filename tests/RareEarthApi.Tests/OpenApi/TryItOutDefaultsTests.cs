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
            if (operation is null || TryItRequest.NeedsKey(operation))
            {
                continue;
            }

            var request = TryItRequest.For(path, operation);
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
}
