using System.Reflection;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Microsoft.Azure.Functions.Worker;
using Microsoft.OpenApi;
using RareEarthApi.Hosting;
using RareEarthApi.Http;

namespace RareEarthApi.OpenApi;

/// <summary>
/// Builds the OpenAPI 3.1 document from the code: one operation per HTTP function in the catalog (route and
/// methods from [HttpTrigger], the rest from [ApiOperation], [ApiResponse] and the ParameterSpec lists), response
/// schemas from the C# types, problem+json for every error status. Plain C#: no host needed.
/// </summary>
public static partial class OpenApiDocumentBuilder
{
    public const string Title = "RareEarthApi";
    public const string Version = "v1";
    public const string ProblemJson = "application/problem+json";
    public const string HeaderKeyScheme = "functionKey";
    public const string QueryKeyScheme = "functionKeyQuery";

    public const string Description =
        "Open data API on rare-earth supply, and on every other mineral the USGS covers: who mines, who refines, who trades what, with the source and edition of every figure. " +
        "Values are JSON numbers in the unit each row's `unit` states, as its source states it, never converted; every row names its source edition.\n\n" +
        "Start with the dataset catalog, `GET /v1/datasets`: what each dataset covers, its editions, row counts, licence and citation.\n\n" +
        "Dataset routes share one query language; each operation below lists the parameters it takes, and a parameter means the same on every route that takes it: " +
        "country-like parameters (`country`, `reporter`, `partner`, `importer`, `supplier`) take ISO3, ISO2 or a name or alias, in comma lists where the route allows several " +
        "(a name with a comma, such as `Korea, Republic of`, is matched whole); `year`, or `start` and `end`, is an inclusive range of years; " +
        "`edition` is `latest` or an edition id; `format` is `json` or `csv`; `limit` and `cursor` page; `sort` is a comma list of fields, `-` for descending. " +
        "Lists may be repeated and merge (`country=CHN&country=USA`); any other parameter given twice, an unknown parameter or a bad value is a 400. " +
        "Every dataset route answers the same envelope: `data`, `meta`, `links`. Errors are RFC 9457 problem details (`application/problem+json`) naming each bad parameter. " +
        "Reads are anonymous; admin routes need a function key.";

    private static readonly JsonSerializerOptions ExampleJson = new(JsonSerializerDefaults.Web)
    {
        Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    /// <summary>
    /// The document for every HTTP function of the catalog, with the server at <paramref name="serverUrl"/> (the only
    /// part that depends on the request), and each success response's examples from <paramref name="examples"/>
    /// (default: the captured answers embedded in this assembly).
    /// </summary>
    public static OpenApiDocument Build(IEnumerable<HttpFunction> functions, string serverUrl, ResponseExamples? examples = null)
    {
        var document = new OpenApiDocument
        {
            Info = new OpenApiInfo
            {
                Title = Title,
                Version = Version,
                Description = Description,
                License = new OpenApiLicense { Name = "Figures: public domain (USGS); each dataset states its licence in /v1/datasets", Url = new Uri("https://www.usgs.gov/information-policies-and-instructions/copyrights-and-credits") },
            },
            Servers = [new OpenApiServer { Url = serverUrl, Description = "This host" }],
            Paths = [],
            Components = new OpenApiComponents(),
            Tags = new SortedSet<OpenApiTag>(Comparer<OpenApiTag>.Create((a, b) => string.CompareOrdinal(a.Name, b.Name))),
        };
        var schemas = new SchemaGenerator(document);
        var context = new Context(document, schemas, examples ?? ResponseExamples.Embedded());
        foreach (var function in functions.OrderBy(f => f.Route, StringComparer.Ordinal).ThenBy(f => f.Name, StringComparer.Ordinal))
        {
            AddOperation(context, function);
        }

        return document;
    }

    /// <summary>
    /// The OpenAPI path of a Functions route template: /v1/x/{name}, constraints and defaults dropped. A segment that
    /// can only be empty ({root:maxlength(0)?}, how a function answers at the route prefix itself) is no parameter.
    /// </summary>
    public static string PathOf(string route) =>
        "/" + RouteParameter().Replace(EmptyOnlySegment().Replace(route, "").Trim('/'), m => "{" + m.Groups["name"].Value + "}");

    /// <summary>The {parameters} of a route template, in order.</summary>
    public static IReadOnlyList<string> PathParameterNames(string route) =>
        RouteParameter().Matches(EmptyOnlySegment().Replace(route, "")).Select(m => m.Groups["name"].Value).ToList();

    /// <summary>The methods an operation is documented for: every method the function answers, HEAD too.</summary>
    public static IReadOnlyList<string> DocumentedMethods(HttpFunction function) => function.Methods;

    /// <summary>The operationId of a function's operation for a method: the function's name, with Head for HEAD beside GET.</summary>
    public static string OperationId(HttpFunction function, string method) =>
        method == "HEAD" && function.Methods.Contains("GET") ? function.Name + "Head" : function.Name;

    [GeneratedRegex(@"\{\*{0,2}(?<name>[A-Za-z0-9_]+)(:[^}?=]*)?(=[^}]*)?\??\}")]
    private static partial Regex RouteParameter();

    [GeneratedRegex(@"\{[A-Za-z0-9_]+:maxlength\(0\)\?\}")]
    private static partial Regex EmptyOnlySegment();

    private sealed record Context(OpenApiDocument Document, SchemaGenerator Schemas, ResponseExamples Examples);

    private static void AddOperation(Context context, HttpFunction function)
    {
        var api = function.Method.GetCustomAttribute<ApiOperationAttribute>()
            ?? throw new InvalidOperationException($"HTTP function {function.Name} ({function.Route}) has no [ApiOperation]: declare its tag, summary and response type beside its [HttpTrigger].");
        var document = context.Document;
        if (!document.Tags!.Any(t => t.Name == api.Tag))
        {
            var described = function.Method.DeclaringType!.Assembly.GetCustomAttributes<ApiTagAttribute>().FirstOrDefault(t => t.Name == api.Tag);
            document.Tags!.Add(new OpenApiTag { Name = api.Tag, Description = described?.Description ?? $"Operations on {api.Tag.ToLowerInvariant()}." });
        }

        var operation = new OpenApiOperation
        {
            OperationId = function.Name,
            Summary = api.Summary,
            Description = api.Description,
            Tags = new HashSet<OpenApiTagReference> { new(api.Tag, document) },
            Parameters = Parameters(function, api),
            Responses = Responses(context, function, api),
        };
        if (api.RequestBody is { } bodyTypes)
        {
            operation.RequestBody = new OpenApiRequestBody
            {
                Required = true,
                Description = api.RequestBodyDescription,
                Content = bodyTypes.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries)
                    .ToDictionary(t => t, t => (IOpenApiMediaType)new OpenApiMediaType { Schema = new OpenApiSchema { Type = JsonSchemaType.String, ContentMediaType = t } }, StringComparer.Ordinal),
            };
        }

        if (function.AuthLevel == AuthorizationLevel.Anonymous)
        {
            // Explicitly anonymous: one empty requirement.
            operation.Security = [new OpenApiSecurityRequirement()];
        }
        else
        {
            operation.Security = KeyRequirements(document);
            operation.Description = (operation.Description + " Needs a function key: the x-functions-key header or the code query parameter.").Trim();
        }

        var path = PathOf(function.Route);
        if (!document.Paths.TryGetValue(path, out var item))
        {
            item = new OpenApiPathItem();
            document.Paths[path] = item;
        }

        var pathItem = (OpenApiPathItem)item;
        foreach (var method in DocumentedMethods(function))
        {
            var httpMethod = new HttpMethod(method);
            if (pathItem.Operations?.ContainsKey(httpMethod) == true)
            {
                throw new InvalidOperationException($"Two HTTP functions answer {method} {path}; the second is {function.Name}.");
            }

            pathItem.AddOperation(httpMethod, OperationId(function, method) == function.Name ? operation : HeadOf(document, operation, OperationId(function, method)));
        }
    }

    /// <summary>HEAD beside GET: the same parameters, statuses and headers, no body.</summary>
    private static OpenApiOperation HeadOf(OpenApiDocument document, OpenApiOperation get, string operationId)
    {
        var responses = new OpenApiResponses();
        foreach (var (status, answer) in get.Responses!)
        {
            // A shared problem response (a reference) is described in the components.
            var response = answer is OpenApiResponseReference reference ? document.Components!.Responses![reference.Reference.Id!] : answer;
            responses[status] = new OpenApiResponse
            {
                Description = response.Description,
                Headers = response.Headers is { Count: > 0 } headers ? new Dictionary<string, IOpenApiHeader>(headers, StringComparer.Ordinal) : null,
            };
        }

        return new OpenApiOperation
        {
            OperationId = operationId,
            Summary = get.Summary + " (headers only)",
            Description = "HEAD: the status and headers GET answers (ETag, Last-Modified, Content-Type), without the body.",
            Tags = get.Tags,
            Parameters = get.Parameters,
            Responses = responses,
            Security = get.Security,
        };
    }

    private static List<IOpenApiParameter> Parameters(HttpFunction function, ApiOperationAttribute api)
    {
        var parameters = new List<IOpenApiParameter>();
        var pathSpecs = SpecList(api.ParametersFrom, "PathParameters") ?? [];
        foreach (var name in PathParameterNames(function.Route))
        {
            var spec = pathSpecs.FirstOrDefault(s => s.Name == name);
            var clrType = function.Method.GetParameters().FirstOrDefault(p => p.Name == name)?.ParameterType ?? typeof(string);
            var kind = spec?.Kind ?? (clrType == typeof(int) || clrType == typeof(long) ? ParameterKind.Integer : ParameterKind.String);
            parameters.Add(new OpenApiParameter
            {
                Name = name,
                In = ParameterLocation.Path,
                Required = true,
                Description = spec?.Description ?? $"The {name} segment of the path.",
                Schema = ParameterSchema(spec ?? new ParameterSpec(name, kind, "")),
                Example = spec?.Example is { } example ? ExampleValue(spec, example) : null,
            });
        }

        foreach (var spec in SpecList(api.ParametersFrom, "Parameters") ?? [])
        {
            var parameter = new OpenApiParameter
            {
                Name = spec.Name,
                In = ParameterLocation.Query,
                Required = spec.Required,
                Description = spec.Description,
                Schema = ParameterSchema(spec),
                Example = spec.Example is { } example ? ExampleValue(spec, example) : null,
            };
            if (spec.Kind == ParameterKind.StringList)
            {
                // country=CHN,USA: one parameter holding a comma list.
                parameter.Style = ParameterStyle.Form;
                parameter.Explode = false;
            }

            parameters.Add(parameter);
        }

        return parameters;
    }

    private static IReadOnlyList<ParameterSpec>? SpecList(Type? from, string property)
    {
        if (from is null)
        {
            return null;
        }

        var member = from.GetProperty(property, BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.Static)
            ?? (MemberInfo?)from.GetField(property, BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.Static);
        var value = member switch
        {
            PropertyInfo p => p.GetValue(null),
            FieldInfo f => f.GetValue(null),
            _ => null,
        };
        // A dataset's shell points at its descriptor's class: the parameters are the descriptor's.
        if (value is null && property == "Parameters" && from.GetProperty("Descriptor", BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.Static) is { } descriptor)
        {
            value = ((Datasets.IDatasetDescriptor?)descriptor.GetValue(null))?.Parameters;
        }

        return (IReadOnlyList<ParameterSpec>?)value;
    }

    private static bool ChecksQuery(ApiOperationAttribute api) => SpecList(api.ParametersFrom, "Parameters") is not null;

    private static OpenApiSchema ParameterSchema(ParameterSpec spec)
    {
        var schema = spec.Kind switch
        {
            ParameterKind.Integer => new OpenApiSchema { Type = JsonSchemaType.Integer, Format = "int32" },
            ParameterKind.Boolean => new OpenApiSchema { Type = JsonSchemaType.Boolean },
            ParameterKind.StringList => new OpenApiSchema { Type = JsonSchemaType.Array, Items = new OpenApiSchema { Type = JsonSchemaType.String }, MaxItems = Http.QueryReader.MaxListItems },
            ParameterKind.Date => new OpenApiSchema { Type = JsonSchemaType.String, Format = "date" },
            _ => new OpenApiSchema { Type = JsonSchemaType.String },
        };
        if (spec.Minimum is int min)
        {
            schema.Minimum = min.ToString(System.Globalization.CultureInfo.InvariantCulture);
        }

        if (spec.Maximum is int max)
        {
            schema.Maximum = max.ToString(System.Globalization.CultureInfo.InvariantCulture);
        }

        // A closed set declared in Values: an enum (of the items, for a list). Booleans are closed by their type.
        if (spec.Values is { Count: > 0 } values && spec.Kind is ParameterKind.String or ParameterKind.StringList)
        {
            var target = spec.Kind == ParameterKind.StringList ? (OpenApiSchema)schema.Items! : schema;
            target.Enum = values.Select(v => (JsonNode)JsonValue.Create(v)!).ToList();
        }

        if (spec.Default is { } defaultValue)
        {
            schema.Default = ExampleValue(spec, defaultValue);
        }

        return schema;
    }

    private static JsonNode ExampleValue(ParameterSpec spec, string text) => spec.Kind switch
    {
        ParameterKind.Integer when int.TryParse(text, System.Globalization.CultureInfo.InvariantCulture, out var i) => JsonValue.Create(i),
        ParameterKind.Boolean when bool.TryParse(text, out var b) => JsonValue.Create(b),
        ParameterKind.StringList => new JsonArray(text.Split(',').Select(s => (JsonNode)JsonValue.Create(s.Trim())!).ToArray()),
        _ => JsonValue.Create(text)!,
    };

    private static OpenApiResponses Responses(Context context, HttpFunction function, ApiOperationAttribute api)
    {
        var responses = new OpenApiResponses();
        var isEnvelope = api.ResponseType is { IsGenericType: true } t && t.GetGenericTypeDefinition() == typeof(Envelope<>);
        var success = new OpenApiResponse
        {
            Description = api.SuccessStatus == 202 ? "Accepted." : "OK.",
            Content = new Dictionary<string, IOpenApiMediaType>(StringComparer.Ordinal),
        };
        if (api.ResponseType is { } responseType)
        {
            success.Content["application/json"] = new OpenApiMediaType { Schema = context.Schemas.For(responseType) };
        }

        foreach (var mediaType in (api.ContentType ?? "").Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries))
        {
            success.Content[mediaType] = new OpenApiMediaType
            {
                Schema = mediaType.EndsWith("json", StringComparison.Ordinal) ? new OpenApiSchema { Type = JsonSchemaType.Object }
                    : mediaType.StartsWith("image/", StringComparison.Ordinal) ? new OpenApiSchema { Type = JsonSchemaType.String, ContentMediaType = mediaType }
                    : new OpenApiSchema { Type = JsonSchemaType.String },
            };
        }

        if (api.Csv)
        {
            success.Content["text/csv"] = new OpenApiMediaType
            {
                Schema = new OpenApiSchema { Type = JsonSchemaType.String, Description = "RFC 4180, UTF-8, one header row; the JSON fields flattened." },
            };
        }

        if (isEnvelope)
        {
            success.Headers = new Dictionary<string, IOpenApiHeader>(StringComparer.Ordinal)
            {
                ["ETag"] = Header("Data version + normalised query + format; send it back in If-None-Match for a 304."),
                ["Last-Modified"] = Header("When the data version served was published."),
                ["Cache-Control"] = Header("public, max-age=300 (Serving:CacheMaxAgeSeconds)."),
            };
        }

        if (context.Examples.For(function.Name) is { } example)
        {
            // The answer the API gave to the operation's own examples, per media type (captured, not typed in).
            foreach (var (mediaType, body) in example.Content)
            {
                if (success.Content.TryGetValue(mediaType, out var media))
                {
                    ((OpenApiMediaType)media).Example = body.DeepClone();
                }
            }

            success.Description += $" Example: the answer to {example.Method} {example.Request} on the bundled data"
                + (example.Content.ContainsKey("text/csv") ? " (text/csv: the same with format=csv)." : ".");
        }

        if (success.Content.Count == 0)
        {
            success.Content = null;
        }

        responses[api.SuccessStatus.ToString(System.Globalization.CultureInfo.InvariantCulture)] = success;
        if (isEnvelope)
        {
            responses["304"] = new OpenApiResponse { Description = "Not modified: If-None-Match matched the ETag." };
        }

        var problems = new List<(ProblemTypes.ProblemType Type, bool RetryAfter)>();
        if (ChecksQuery(api))
        {
            problems.Add((ProblemTypes.InvalidParameter, false));
        }

        if (function.AuthLevel != AuthorizationLevel.Anonymous)
        {
            problems.Add((ProblemTypes.Unauthorized, false));
            problems.Add((ProblemTypes.Conflict, false));
        }

        problems.Add((ProblemTypes.NotFound, false));
        problems.Add((ProblemTypes.InternalError, false));
        if (api.Storage)
        {
            problems.Add((ProblemTypes.StorageUnavailable, true));
        }

        foreach (var (type, retryAfter) in problems)
        {
            responses[type.Status.ToString(System.Globalization.CultureInfo.InvariantCulture)] = ProblemResponse(context, type, retryAfter);
        }

        foreach (var declared in function.Method.GetCustomAttributes<ApiResponseAttribute>())
        {
            var response = new OpenApiResponse { Description = declared.Description };
            var schema = declared.ResponseType is { } type ? context.Schemas.For(type) : declared.Status >= 400 ? context.Schemas.For(typeof(Problem)) : null;
            if (schema is not null)
            {
                response.Content = new Dictionary<string, IOpenApiMediaType>(StringComparer.Ordinal)
                {
                    [declared.ResponseType is null ? ProblemJson : "application/json"] = new OpenApiMediaType { Schema = schema },
                };
            }

            if (declared.RetryAfter)
            {
                response.Headers = new Dictionary<string, IOpenApiHeader>(StringComparer.Ordinal) { ["Retry-After"] = RetryAfterHeader() };
            }

            responses[declared.Status.ToString(System.Globalization.CultureInfo.InvariantCulture)] = response;
        }

        var ordered = new OpenApiResponses();
        foreach (var (status, response) in responses.OrderBy(r => r.Key, StringComparer.Ordinal))
        {
            ordered[status] = response;
        }

        return ordered;
    }

    private static IOpenApiResponse ProblemResponse(Context context, ProblemTypes.ProblemType type, bool retryAfter)
    {
        var name = string.Concat(type.Name.Split('-').Select(p => char.ToUpperInvariant(p[0]) + p[1..]));
        var components = context.Document.Components!;
        components.Responses ??= new SortedDictionary<string, IOpenApiResponse>(StringComparer.Ordinal);
        if (!components.Responses.ContainsKey(name))
        {
            var example = new Problem(type.Uri, type.Title, type.Status, ExampleDetail(type),
                type == ProblemTypes.InvalidParameter ? [new ParameterError("country", "CHINA", "country 'CHINA' is not a known country code.", Suggestions: ["CHN"])] : null,
                "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01",
                type == ProblemTypes.InvalidParameter ? "/api/v1/production?country=CHINA" : "/api/v1/production");
            var response = new OpenApiResponse
            {
                Description = $"{type.Title}: {type.Description}",
                Content = new Dictionary<string, IOpenApiMediaType>(StringComparer.Ordinal)
                {
                    [ProblemJson] = new OpenApiMediaType
                    {
                        Schema = context.Schemas.For(typeof(Problem)),
                        Example = JsonSerializer.SerializeToNode(example, ExampleJson),
                    },
                },
            };
            if (retryAfter)
            {
                response.Headers = new Dictionary<string, IOpenApiHeader>(StringComparer.Ordinal) { ["Retry-After"] = RetryAfterHeader() };
            }

            components.Responses[name] = response;
        }

        return new OpenApiResponseReference(name, context.Document);
    }

    private static string ExampleDetail(ProblemTypes.ProblemType type) => type.Name switch
    {
        "invalid-parameter" => "country 'CHINA' is not a known country code.",
        "not-found" => "No route GET /api/v1/prodction. See /api/v1/datasets.",
        "storage-unavailable" => "The data store is unavailable. Try again shortly.",
        "internal-error" => "An unexpected error occurred; it has been logged.",
        _ => type.Description,
    };

    private static OpenApiHeader Header(string description) =>
        new() { Description = description, Schema = new OpenApiSchema { Type = JsonSchemaType.String } };

    private static OpenApiHeader RetryAfterHeader() =>
        new() { Description = "Seconds to wait before retrying (Serving:RetryAfterSeconds).", Schema = new OpenApiSchema { Type = JsonSchemaType.Integer, Minimum = "0" } };

    private static List<OpenApiSecurityRequirement> KeyRequirements(OpenApiDocument document)
    {
        var schemes = document.Components!.SecuritySchemes ??= new SortedDictionary<string, IOpenApiSecurityScheme>(StringComparer.Ordinal);
        schemes[HeaderKeyScheme] = new OpenApiSecurityScheme
        {
            Type = SecuritySchemeType.ApiKey,
            In = ParameterLocation.Header,
            Name = "x-functions-key",
            Description = "Function key of the function app (admin routes only).",
        };
        schemes[QueryKeyScheme] = new OpenApiSecurityScheme
        {
            Type = SecuritySchemeType.ApiKey,
            In = ParameterLocation.Query,
            Name = "code",
            Description = "The same function key as a query parameter.",
        };
        return
        [
            new OpenApiSecurityRequirement { [new OpenApiSecuritySchemeReference(HeaderKeyScheme, document)] = [] },
            new OpenApiSecurityRequirement { [new OpenApiSecuritySchemeReference(QueryKeyScheme, document)] = [] },
        ];
    }
}
