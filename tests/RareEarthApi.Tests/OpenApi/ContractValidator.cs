using System.Collections.Concurrent;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Json.Schema;

namespace RareEarthApi.Tests.OpenApi;

/// <summary>
/// Checks a real response against the OpenAPI document: its status must be documented for the operation, and a JSON
/// body (application/json, application/problem+json) must validate against the documented schema, with JSON Schema
/// 2020-12 (OpenAPI 3.1's dialect) over the document's own components.
/// </summary>
internal sealed class ContractValidator
{
    private readonly JsonObject _document;
    private readonly string _basePath;
    private readonly JsonObject _definitions;
    private readonly List<(Regex Pattern, string Path)> _paths;
    private readonly ConcurrentDictionary<string, JsonSchema> _schemas = new();

    public ContractValidator(string documentJson)
    {
        _document = JsonNode.Parse(documentJson)!.AsObject();
        _basePath = new Uri(_document["servers"]![0]!["url"]!.GetValue<string>()).AbsolutePath.TrimEnd('/');
        _definitions = Rewrite(_document["components"]?["schemas"] ?? new JsonObject()).AsObject();
        _paths = _document["paths"]!.AsObject()
            .Select(p => (new Regex("^" + Regex.Replace(Regex.Escape(p.Key), @"\\\{[^}]+}", "[^/]+") + "$"), p.Key))
            .ToList();
    }

    /// <summary>The documented path template a request path (/api/v1/production) falls under, if any.</summary>
    public string? PathTemplate(string requestPath)
    {
        if (!requestPath.StartsWith(_basePath + "/", StringComparison.Ordinal) && requestPath != _basePath)
        {
            return null;
        }

        // The server URL itself (/api, no slash) is the path "/" (the explorer page).
        var relative = requestPath == _basePath ? "/" : requestPath[_basePath.Length..];
        return _paths.FirstOrDefault(p => p.Pattern.IsMatch(relative)).Path;
    }

    /// <summary>Every way the response departs from the document; empty when it conforms.</summary>
    public IReadOnlyList<string> Check(string method, string requestPath, int status, string? mediaType, string body)
    {
        var where = $"{method} {requestPath} → {status}";
        JsonNode? response;
        var template = PathTemplate(requestPath);
        if (template is null)
        {
            // Outside every documented route: the API's catch-all 404, a problem like the others.
            if (status != 404)
            {
                return [$"{where}: no documented path matches and the status is not 404"];
            }

            response = Resolve(_document["components"]?["responses"]?["NotFound"]);
        }
        else
        {
            var documentedMethod = method.Equals("HEAD", StringComparison.OrdinalIgnoreCase) && _document["paths"]![template]!["head"] is null ? "get" : method.ToLowerInvariant();
            var operation = _document["paths"]![template]![documentedMethod];
            if (operation is null && status == 405)
            {
                // A method the route does not take: the host's 405 with Allow, a problem like the others.
                response = new JsonObject { ["content"] = new JsonObject { ["application/problem+json"] = new JsonObject { ["schema"] = new JsonObject { ["$ref"] = "#/components/schemas/Problem" } } } };
            }
            else if (operation is null)
            {
                return [$"{where}: {documentedMethod.ToUpperInvariant()} is not documented for {template}"];
            }
            else
            {
                response = Resolve(operation["responses"]?[status.ToString(System.Globalization.CultureInfo.InvariantCulture)]);
            }

            if (response is null)
            {
                return [$"{where}: status {status} is not documented for {documentedMethod.ToUpperInvariant()} {template}"];
            }
        }

        if (mediaType is null || body.Length == 0)
        {
            return [];
        }

        var content = response?["content"]?.AsObject();
        if (content is null || !content.ContainsKey(mediaType))
        {
            return [$"{where}: media type {mediaType} is not documented (documented: {string.Join(", ", content?.Select(c => c.Key) ?? [])})"];
        }

        if (!mediaType.EndsWith("json", StringComparison.Ordinal))
        {
            return [];
        }

        var schema = content[mediaType]!["schema"];
        return Validate(schema!, body).Select(e => $"{where} ({mediaType}): {e}").ToList();
    }

    /// <summary>Schema errors of a JSON text against a schema of the document (which may $ref its components).</summary>
    public IReadOnlyList<string> Validate(JsonNode schema, string json)
    {
        var compiled = _schemas.GetOrAdd(schema.ToJsonString(), key =>
        {
            var root = new JsonObject
            {
                ["$schema"] = "https://json-schema.org/draft/2020-12/schema",
                ["$defs"] = _definitions.DeepClone(),
                ["allOf"] = new JsonArray(Rewrite(JsonNode.Parse(key)!)),
            };
            return JsonSchema.FromText(root.ToJsonString(), new BuildOptions { SchemaRegistry = new SchemaRegistry() }, new Uri($"urn:contract:{Guid.NewGuid():N}"));
        });
        using var instance = JsonDocument.Parse(json);
        var results = compiled.Evaluate(instance.RootElement, new EvaluationOptions { OutputFormat = OutputFormat.List, RequireFormatValidation = true });
        if (results.IsValid)
        {
            return [];
        }

        return (results.Details ?? [])
            .Where(d => d.Errors is { Count: > 0 })
            .SelectMany(d => d.Errors!.Select(e => $"{d.InstanceLocation} {e.Key}: {e.Value}"))
            .DefaultIfEmpty("invalid")
            .ToList();
    }

    /// <summary>The schema the document gives a component (for tests that check an example against it).</summary>
    public JsonNode ComponentRef(string name) => new JsonObject { ["$ref"] = "#/components/schemas/" + name };

    private JsonNode? Resolve(JsonNode? node)
    {
        while (node?["$ref"]?.GetValue<string>() is { } reference)
        {
            var parts = reference.TrimStart('#', '/').Split('/');
            node = parts.Aggregate((JsonNode?)_document, (n, part) => n?[part]);
        }

        return node;
    }

    private static JsonNode Rewrite(JsonNode node) =>
        JsonNode.Parse(node.ToJsonString().Replace("\"#/components/schemas/", "\"#/$defs/", StringComparison.Ordinal))!;
}
