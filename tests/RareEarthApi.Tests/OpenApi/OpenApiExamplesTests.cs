using System.Net.Http.Headers;
using Microsoft.OpenApi;
using System.Text;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using RareEarthApi.Hosting;
using RareEarthApi.OpenApi;
using RareEarthApi.Tests.Support;

namespace RareEarthApi.Tests.OpenApi;

/// <summary>
/// The OpenAPI document's response examples are the API's own answers on the bundled data, for every operation and
/// every media type it answers (JSON, CSV, the pages' text): each operation's "Try it out" request (its parameters'
/// examples) sent to a running host, the answer shortened (two rows, two list items, the start of a text) and kept in
/// src/RareEarthApi/OpenApi/Examples/{operationId}.json, which the build embeds. A new route fails here until its
/// examples are captured (scripts/update-openapi-examples.sh); a GET whose answer has moved from its example fails too.
/// Versions and times (which differ on every publish) are compared by their form only.
/// </summary>
[Collection(ApiCollection.Name)]
public sealed partial class OpenApiExamplesTests(ApiFixture api)
{
    public const string UpdateVariable = "UPDATE_OPENAPI_EXAMPLES";
    private const string Base = "https://rareearth.example";
    private const string Regenerate = "Run scripts/update-openapi-examples.sh (OpenApiExamplesTests with " + UpdateVariable + "=1 writes src/RareEarthApi/OpenApi/Examples/), review the files and commit them.";
    private const int Kept = 2;
    private const int TextLength = 400;

    private static bool Updating => Environment.GetEnvironmentVariable(UpdateVariable) == "1";

    private static string Folder => Path.Combine(RepoPaths.Root, "src", "RareEarthApi", ResponseExamples.Folder);

    [Fact]
    public async Task EveryOperation_HasAnExample_OfEachMediaTypeItAnswers()
    {
        var document = JsonNode.Parse(await OpenApiDocumentBuilder.Build(FunctionCatalog.OfApp().Http, Base + "/api")
            .SerializeAsJsonAsync(OpenApiSpecVersion.OpenApi3_1))!;
        var missing = new List<string>();
        var seen = 0;
        foreach (var (method, path, operation) in Operations(document).Where(o => o.Method != "head"))
        {
            var content = Success(operation)?["content"]?.AsObject();
            if (content is null)
            {
                continue;
            }

            seen++;
            var id = operation["operationId"]!.GetValue<string>();
            // JSON and CSV each need theirs; of a file route's types (script, style, image) the file asked is enough.
            foreach (var (mediaType, media) in content)
            {
                if ((mediaType == "application/json" || mediaType == "text/csv") && media!["example"] is null)
                {
                    missing.Add($"{id} ({method.ToUpperInvariant()} {path}): {mediaType}");
                }
            }

            if (content.All(c => c.Value!["example"] is null))
            {
                missing.Add($"{id} ({method.ToUpperInvariant()} {path}): no example of {string.Join(", ", content.Select(c => c.Key))}");
            }
        }

        Assert.True(seen > 15, $"only {seen} operations with a body");
        Assert.True(missing.Count == 0, "Operations without a response example:\n" + string.Join("\n", missing) + "\n" + Regenerate);
    }

    [Fact]
    public async Task Examples_AreWhatTheApiAnswersToThem()
    {
        var document = JsonNode.Parse(await api.Client.GetStringAsync("api/openapi/v3.json"))!;
        if (Updating)
        {
            await CaptureAsync(document);
        }

        var examples = ResponseExamples.Embedded();
        var failures = new List<string>();
        var compared = 0;
        foreach (var (method, path, operation) in Operations(document).Where(o => o.Method == "get"))
        {
            var id = operation["operationId"]!.GetValue<string>();
            var example = Updating ? ReadFile(id) : examples.For(id);
            if (example is null)
            {
                continue;
            }

            Assert.Equal(RequestOf(path, operation), example.Request.TrimStart('/'));
            // A state the host settles into (the catalog's refresh status is read in the background; a busy store may
            // answer 503 once) is waited for, a few times, before the difference counts.
            List<string> differences = [];
            for (var attempt = 0; attempt < 10; attempt++)
            {
                var answer = await AnswerAsync(api.Client, new HttpRequestMessage(HttpMethod.Get, example.Request.TrimStart('/')), operation);
                differences = Differences(id, example, answer);
                if (differences.Count == 0)
                {
                    break;
                }

                await Task.Delay(500);
            }

            compared += example.Content.Count;
            failures.AddRange(differences);
        }

        Assert.True(compared > 15, $"only {compared} examples compared");
        Assert.True(failures.Count == 0, string.Join("\n", failures) + "\n" + Regenerate);
    }

    /// <summary>Writes every operation's example from the answers of the fixture's host (GET) and of a host of its own (admin POSTs, which publish).</summary>
    private async Task CaptureAsync(JsonNode document)
    {
        // Every file is written afresh: an operation that is gone leaves none behind.
        Directory.CreateDirectory(Folder);
        foreach (var old in Directory.GetFiles(Folder, "*.json"))
        {
            File.Delete(old);
        }

        await using var admin = await ApiHost.StartAsync();
        foreach (var (method, path, operation) in Operations(document).Where(o => o.Method is not "head"))
        {
            if (Success(operation)?["content"] is null)
            {
                continue;
            }

            var id = operation["operationId"]!.GetValue<string>();
            var url = RequestOf(path, operation);
            var answer = await CaptureOneAsync(admin, method, url, operation);
            // A busy store may answer 503 (health checks it): asked again a few times, as the comparison does.
            for (var attempt = 0; attempt < 10 && answer.Status is < 200 or >= 300; attempt++)
            {
                await Task.Delay(1000);
                answer = await CaptureOneAsync(admin, method, url, operation);
            }

            Assert.True(answer.Status is >= 200 and < 300, $"{id}: {method.ToUpperInvariant()} {url} answered {answer.Status}; an example is a success.");
            var example = new ResponseExample(method.ToUpperInvariant(), "/" + url, answer.Status, answer.Content);
            await File.WriteAllTextAsync(Path.Combine(Folder, id + ".json"), ResponseExamples.ToJson(example).ToJsonString(Indented) + "\n");
        }
    }

    private async Task<Answer> CaptureOneAsync(ApiHost admin, string method, string url, JsonNode operation)
    {
        var request = new HttpRequestMessage(new HttpMethod(method.ToUpperInvariant()), url);
        var client = api.Client;
        if (TryItRequest.NeedsKey(operation))
        {
            client = admin.Client;
            request.Headers.Add("x-functions-key", "test-key");
        }

        if (operation["requestBody"]?["content"]?.AsObject().FirstOrDefault() is { Key: { } bodyType })
        {
            // The bundled seed file the operation's name example names (refining.csv), as an upload sends it.
            var name = System.Web.HttpUtility.ParseQueryString(new Uri(new Uri(Base), url).Query)["name"]!;
            request.Content = new ByteArrayContent(await File.ReadAllBytesAsync(Path.Combine(RepoPaths.Root, "src", "RareEarthApi", "Seed", name)));
            request.Content.Headers.ContentType = new MediaTypeHeaderValue(bodyType);
        }

        return await AnswerAsync(client, request, operation);
    }

    /// <summary>
    /// The operation's "Try it out" request; for a route that answers JSON and CSV, without its format, so the example
    /// request stands for both (the CSV one is the same with format=csv).
    /// </summary>
    private static string RequestOf(string path, JsonNode operation)
    {
        var url = TryItRequest.For(path, operation);
        return Success(operation)?["content"]?["text/csv"] is null ? url : WithFormat(url, null);
    }

    /// <summary>The URL with format=<paramref name="format"/> in place of the format it asks (none for null).</summary>
    private static string WithFormat(string url, string? format)
    {
        var at = url.IndexOf('?', StringComparison.Ordinal);
        var parts = (at < 0 ? "" : url[(at + 1)..]).Split('&', StringSplitOptions.RemoveEmptyEntries)
            .Where(p => !p.StartsWith("format=", StringComparison.Ordinal)).ToList();
        if (format is not null)
        {
            parts.Add("format=" + format);
        }

        return (at < 0 ? url : url[..at]) + (parts.Count > 0 ? "?" + string.Join("&", parts) : "");
    }

    private static readonly System.Text.Json.JsonSerializerOptions Indented = new()
    {
        WriteIndented = true,
        Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    private static readonly System.Text.Json.JsonSerializerOptions Relaxed = new() { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    private static ResponseExample? ReadFile(string id)
    {
        var file = Path.Combine(Folder, id + ".json");
        return File.Exists(file) ? ResponseExamples.Parse(JsonNode.Parse(File.ReadAllText(file))!.AsObject()) : null;
    }

    private sealed record Answer(int Status, Dictionary<string, JsonNode> Content);

    /// <summary>The answer, shortened, per media type: JSON as a node, CSV and other text as a string; and, for JSON or CSV routes, the other one too (format=csv).</summary>
    private static async Task<Answer> AnswerAsync(HttpClient client, HttpRequestMessage request, JsonNode operation)
    {
        var content = new Dictionary<string, JsonNode>(StringComparer.Ordinal);
        var documented = Success(operation)!["content"]!.AsObject();
        int status;
        using (request)
        using (var response = await client.SendAsync(request))
        {
            status = (int)response.StatusCode;
            if (await ShortenedAsync(response, documented) is { } body)
            {
                content[response.Content.Headers.ContentType!.MediaType!] = body;
            }
        }

        if (request.Method == HttpMethod.Get && documented.ContainsKey("text/csv") && !content.ContainsKey("text/csv"))
        {
            // The same request as CSV.
            using var csv = await client.GetAsync(WithFormat(request.RequestUri!.OriginalString, "csv"));
            if (await ShortenedAsync(csv, documented) is { } body)
            {
                content["text/csv"] = body;
            }
        }

        return new Answer(status, content);
    }

    private static async Task<JsonNode?> ShortenedAsync(HttpResponseMessage response, JsonObject documented)
    {
        var mediaType = response.Content.Headers.ContentType?.MediaType;
        if (mediaType is null || !documented.ContainsKey(mediaType) || mediaType.StartsWith("image/", StringComparison.Ordinal))
        {
            return null;
        }

        // The host the test runs on is not the host a reader has: links and servers read as the example host.
        var text = (await response.Content.ReadAsStringAsync()).Replace(response.RequestMessage!.RequestUri!.GetLeftPart(UriPartial.Authority), Base, StringComparison.Ordinal);
        if (mediaType.EndsWith("json", StringComparison.Ordinal))
        {
            var schema = documented[mediaType]!["schema"];
            var freeForm = schema?["$ref"] is null && schema?["properties"] is null;
            return freeForm ? Shallow(JsonNode.Parse(text)!) : Rows(JsonNode.Parse(text)!);
        }

        return mediaType == "text/csv" ? CsvHead(text) : TextHead(text);
    }

    /// <summary>A typed body: every field kept, every list cut to its first two items.</summary>
    private static JsonNode Rows(JsonNode node) => node switch
    {
        JsonArray array => new JsonArray(array.Take(Kept).Select(i => i is null ? null : Rows(i)).ToArray()),
        JsonObject obj => new JsonObject(obj.Select(p => KeyValuePair.Create(p.Key, p.Value is null ? null : Rows(p.Value)))),
        _ => node.DeepClone(),
    };

    /// <summary>A free-form body (the OpenAPI document itself): its top-level members, nested ones down to their plain values.</summary>
    private static JsonNode Shallow(JsonNode node) => node is JsonObject obj
        ? new JsonObject(obj.Select(p => KeyValuePair.Create(p.Key, p.Value switch
        {
            JsonObject inner => (JsonNode?)new JsonObject(inner.Where(i => i.Value is JsonValue).Select(i => KeyValuePair.Create(i.Key, (JsonNode?)i.Value!.DeepClone()))),
            JsonArray => new JsonArray(),
            var value => value?.DeepClone(),
        })))
        : node.DeepClone();

    /// <summary>The header and the first two records (RFC 4180: a quoted field may hold a line break).</summary>
    private static JsonNode CsvHead(string text)
    {
        var quoted = false;
        var records = 0;
        for (var i = 0; i < text.Length; i++)
        {
            if (text[i] == '"')
            {
                quoted = !quoted;
            }
            else if (text[i] == '\n' && !quoted && ++records == Kept + 1)
            {
                return JsonValue.Create(text[..(i + 1)]);
            }
        }

        return JsonValue.Create(text);
    }

    /// <summary>The start of a text body, cut at the end of a line where there is one.</summary>
    private static JsonNode TextHead(string text)
    {
        if (text.Length <= TextLength)
        {
            return JsonValue.Create(text);
        }

        var end = text.IndexOf('\n', TextLength);
        return JsonValue.Create(text[..(end is > 0 and < TextLength * 2 ? end + 1 : TextLength)]);
    }

    /// <summary>The body with data versions and times reduced to their form.</summary>
    private static string Masked(JsonNode body) => Times().Replace(Versions().Replace(body.ToJsonString(Relaxed), "{version}"), "{time}");

    private static List<string> Differences(string id, ResponseExample example, Answer answer)
    {
        var differences = new List<string>();
        foreach (var (mediaType, body) in example.Content)
        {
            var now = answer.Content.GetValueOrDefault(mediaType);
            if (now is null || Masked(now) != Masked(body))
            {
                var at = now is null ? 0 : FirstDifference(Masked(body), Masked(now));
                differences.Add($"{id} {mediaType}: the example no longer is the answer to GET {example.Request}:\n  example: {Clip(Masked(body), at)}\n  answer:  {(now is null ? $"(status {answer.Status}, no {mediaType} body)" : Clip(Masked(now), at))}");
            }
        }

        return differences;
    }

    private static int FirstDifference(string a, string b)
    {
        var i = 0;
        while (i < a.Length && i < b.Length && a[i] == b[i])
        {
            i++;
        }

        return i;
    }

    /// <summary>The text around where it differs.</summary>
    private static string Clip(string text, int at)
    {
        var from = Math.Max(0, at - 120);
        return (from > 0 ? "…" : "") + text[from..Math.Min(text.Length, at + 180)] + (at + 180 < text.Length ? "…" : "");
    }

    private static JsonNode? Success(JsonNode operation) =>
        operation["responses"]!.AsObject().FirstOrDefault(r => r.Key.StartsWith('2')).Value;

    private static IEnumerable<(string Method, string Path, JsonNode Operation)> Operations(JsonNode document) =>
        document["paths"]!.AsObject().SelectMany(p => p.Value!.AsObject()
            .Where(o => o.Key is "get" or "post" or "put" or "delete" or "patch" or "head")
            .Select(o => (o.Key, p.Key, o.Value!)));

    [GeneratedRegex(@"\d{8}T\d{9}Z-[0-9a-f]{8}")]
    private static partial Regex Versions();

    [GeneratedRegex(@"\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})")]
    private static partial Regex Times();
}
