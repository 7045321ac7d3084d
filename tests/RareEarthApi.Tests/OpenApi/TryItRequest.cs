using System.Text.Json.Nodes;

namespace RareEarthApi.Tests.OpenApi;

/// <summary>
/// The request the docs page's "Try it out" sends for an operation of the served document: every parameter filled
/// with its example, else its schema's default (as swagger-ui fills them), path parameters in the path.
/// </summary>
internal static class TryItRequest
{
    /// <summary>The relative URL (api/v1/...?...) for the operation at <paramref name="path"/>.</summary>
    public static string For(string path, JsonNode operation)
    {
        var url = "api" + path;
        var query = new List<string>();
        foreach (var parameter in operation["parameters"]?.AsArray() ?? [])
        {
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

        return url + (query.Count > 0 ? "?" + string.Join("&", query) : "");
    }

    /// <summary>Whether the operation needs a function key (the admin routes).</summary>
    public static bool NeedsKey(JsonNode operation) => operation["security"]?.AsArray().Any(r => r!.AsObject().Count > 0) == true;

    private static string Text(JsonNode value) => value.GetValueKind() switch
    {
        System.Text.Json.JsonValueKind.True => "true",
        System.Text.Json.JsonValueKind.False => "false",
        _ => value.ToString(),
    };
}
