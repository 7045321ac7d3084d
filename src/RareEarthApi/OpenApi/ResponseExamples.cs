using System.Reflection;
using System.Text.Json.Nodes;

namespace RareEarthApi.OpenApi;

/// <summary>
/// One operation's success response as the API answered it on the bundled data: the request sent (the operation's
/// own examples, as "Try it out" sends them) and the body of each media type, shortened (two rows, two list items, the
/// start of a text). Captured by the tests from a running host (OpenApiExamplesTests; scripts/update-openapi-examples.sh
/// writes them), never typed in; a test checks each is still what the API answers.
/// </summary>
public sealed record ResponseExample(string Method, string Request, int Status, IReadOnlyDictionary<string, JsonNode> Content);

/// <summary>The captured examples, one file per operation (OpenApi/Examples/{operationId}.json), embedded in this assembly.</summary>
public sealed class ResponseExamples
{
    public const string Folder = "OpenApi/Examples";
    private const string Prefix = "RareEarthApi.OpenApi.Examples.";

    private readonly IReadOnlyDictionary<string, ResponseExample> _byOperation;

    public ResponseExamples(IReadOnlyDictionary<string, ResponseExample> byOperation) => _byOperation = byOperation;

    public static ResponseExamples None { get; } = new(new Dictionary<string, ResponseExample>());

    /// <summary>The examples embedded at build time.</summary>
    public static ResponseExamples Embedded()
    {
        var assembly = typeof(ResponseExamples).Assembly;
        var examples = new Dictionary<string, ResponseExample>(StringComparer.Ordinal);
        foreach (var name in assembly.GetManifestResourceNames().Where(n => n.StartsWith(Prefix, StringComparison.Ordinal) && n.EndsWith(".json", StringComparison.Ordinal)))
        {
            using var stream = assembly.GetManifestResourceStream(name)!;
            examples[name[Prefix.Length..^".json".Length]] = Parse(JsonNode.Parse(stream)!.AsObject());
        }

        return new ResponseExamples(examples);
    }

    public ResponseExample? For(string operationId) => _byOperation.GetValueOrDefault(operationId);

    /// <summary>The file's form: { method, request, status, content: { "media/type": body } }, text bodies as JSON strings.</summary>
    public static ResponseExample Parse(JsonObject file) =>
        new(file["method"]!.GetValue<string>(), file["request"]!.GetValue<string>(), file["status"]!.GetValue<int>(),
            file["content"]!.AsObject().ToDictionary(c => c.Key, c => c.Value!.DeepClone(), StringComparer.Ordinal));

    public static JsonObject ToJson(ResponseExample example)
    {
        var content = new JsonObject();
        foreach (var (mediaType, body) in example.Content.OrderBy(c => c.Key, StringComparer.Ordinal))
        {
            content[mediaType] = body.DeepClone();
        }

        return new JsonObject { ["method"] = example.Method, ["request"] = example.Request, ["status"] = example.Status, ["content"] = content };
    }
}
