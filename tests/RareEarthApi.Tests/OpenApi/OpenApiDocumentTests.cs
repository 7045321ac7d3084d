using System.Reflection;
using System.Text;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;
using Microsoft.OpenApi;
using Microsoft.OpenApi.Reader;
using Microsoft.OpenApi.YamlReader;
using RareEarthApi.Hosting;
using RareEarthApi.Http;
using RareEarthApi.OpenApi;
using RareEarthApi.Production;
using RareEarthApi.Tests.Hosting;

namespace RareEarthApi.Tests.OpenApi;

/// <summary>The generated document, without a host: coverage of the catalog, validity, schemas, examples.</summary>
public sealed class OpenApiDocumentTests
{
    private const string Server = "https://rareearth.example/api";

    private static readonly FunctionCatalog Catalog = FunctionCatalog.OfApp();

    private static string Json(OpenApiDocument document) => document.SerializeAsJsonAsync(OpenApiSpecVersion.OpenApi3_1).GetAwaiter().GetResult();

    private static JsonObject Node(OpenApiDocument document) => JsonNode.Parse(Json(document))!.AsObject();

    private static JsonObject AppDocument() => Node(OpenApiDocumentBuilder.Build(Catalog.Http, Server));

    /// <summary>(operationId, METHOD, /path) for every operation of a document.</summary>
    private static List<string> Operations(JsonObject document) =>
        document["paths"]!.AsObject()
            .SelectMany(p => p.Value!.AsObject()
                .Where(o => o.Key is "get" or "put" or "post" or "delete" or "patch" or "head" or "options")
                .Select(o => $"{o.Value!["operationId"]} {o.Key.ToUpperInvariant()} {p.Key}"))
            .Order(StringComparer.Ordinal)
            .ToList();

    [Fact]
    public void EveryHttpFunction_HasAnOperation_AndEveryOperationAFunction()
    {
        var expected = Catalog.Http
            .SelectMany(f => OpenApiDocumentBuilder.DocumentedMethods(f).Select(m => $"{OpenApiDocumentBuilder.OperationId(f, m)} {m} {OpenApiDocumentBuilder.PathOf(f.Route)}"))
            .Order(StringComparer.Ordinal)
            .ToList();

        var documented = Operations(AppDocument());

        Assert.Contains("GetProduction GET /v1/production", documented);
        Assert.Contains("GetSwaggerUi GET /swagger/ui", documented);
        // HEAD is listed where it is served, as its own operation (no body).
        Assert.Contains("GetProductionHead HEAD /v1/production", documented);
        Assert.Equal(expected, documented);
    }

    [Fact]
    public void EveryFunctionInFunctionsMetadata_IsInTheDocument_UnderItsName()
    {
        var metadata = LocalHostRoutesTests.FromFunctionsMetadata()
            .Select(r => $"{r.Name} {OpenApiDocumentBuilder.PathOf(r.Path["/api".Length..])}")
            .Order(StringComparer.Ordinal);
        var documented = AppDocument()["paths"]!.AsObject()
            .SelectMany(p => p.Value!.AsObject().Where(o => o.Key != "head").Select(o => $"{o.Value!["operationId"]} {p.Key}"))
            .Distinct()
            .Order(StringComparer.Ordinal);

        Assert.Equal(metadata, documented);
    }

    [Fact]
    public void EveryTag_IsDescribed_ByItsFeature()
    {
        var plain = AppDocument()["tags"]!.AsArray()
            .Where(t => t!["description"]!.GetValue<string>().StartsWith("Operations on", StringComparison.Ordinal))
            .Select(t => t!["name"]!.GetValue<string>());

        Assert.Empty(plain);
    }

    [Theory]
    [InlineData("RestrictionJson", "ended")]
    [InlineData("RestrictionJson", "suspendedUntil")]
    [InlineData("RestrictionJson", "statusAsOf")]
    [InlineData("SourceJson", "published")]
    public void DatesWrittenAsStrings_AreFormatDate(string schema, string property) =>
        Assert.Equal("date", AppDocument()["components"]!["schemas"]![schema]!["properties"]![property]!["format"]?.GetValue<string>());

    [Fact]
    public void UploadRoute_DocumentsItsRequestBody()
    {
        var body = AppDocument()["paths"]!["/v1/admin/upload/{dataset}"]!["post"]!["requestBody"];

        Assert.NotNull(body);
        Assert.True(body!["required"]!.GetValue<bool>());
        Assert.NotNull(body["content"]!["text/csv"]);
        Assert.Contains("bundled seed", body["description"]!.GetValue<string>());
    }

    [Fact]
    public void EveryHttpFunction_CarriesApiOperation()
    {
        var missing = Catalog.Http.Where(f => f.Method.GetCustomAttribute<ApiOperationAttribute>() is null).Select(f => f.Name).ToList();

        Assert.Empty(missing);
    }

    [Fact]
    public void FunctionWithoutApiOperation_FailsTheBuildOfTheDocument()
    {
        var function = TestFunction(nameof(Undocumented.GetUndocumented), typeof(Undocumented), "v1/undocumented", AuthorizationLevel.Anonymous);

        var error = Assert.Throws<InvalidOperationException>(() => OpenApiDocumentBuilder.Build([function], Server));

        Assert.Contains("GetUndocumented", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("json")]
    [InlineData("yaml")]
    public async Task Document_ReadsBackWithMicrosoftOpenApi_WithoutErrors(string format)
    {
        var document = OpenApiDocumentBuilder.Build(Catalog.Http, Server);
        var text = format == "yaml"
            ? await document.SerializeAsYamlAsync(OpenApiSpecVersion.OpenApi3_1)
            : await document.SerializeAsJsonAsync(OpenApiSpecVersion.OpenApi3_1);
        var settings = new OpenApiReaderSettings();
        settings.AddYamlReader();

        var (read, diagnostic) = OpenApiDocument.Parse(text, format, settings);

        Assert.NotNull(read);
        Assert.Empty(diagnostic!.Errors);
        Assert.Equal(OpenApiSpecVersion.OpenApi3_1, diagnostic.SpecificationVersion);
        Assert.Empty(read.Validate(ValidationRuleSet.GetDefaultRuleSet()) ?? []);
        Assert.Equal(Catalog.Http.Sum(f => f.Methods.Count), read.Paths.Values.SelectMany(p => p.Operations!.Values).Select(o => o.OperationId).Distinct().Count());
    }

    [Fact]
    public void Schemas_FollowTheJson_NullableAsTypeArrays_EnumsAsStrings_DatesWithFormats()
    {
        var schemas = AppDocument()["components"]!["schemas"]!;
        var observation = schemas["ObservationJson"]!;

        Assert.Equal(["null", "number"], observation["properties"]!["value"]!["type"]!.AsArray().Select(t => t!.GetValue<string>()).Order());
        Assert.Equal("integer", observation["properties"]!["year"]!["type"]!.GetValue<string>());
        Assert.Equal(ObservationStatus.All, observation["properties"]!["status"]!["enum"]!.AsArray().Select(v => v!.GetValue<string>()));
        Assert.Contains("countryName", observation["required"]!.AsArray().Select(v => v!.GetValue<string>()));
        Assert.Contains("note", observation["required"]!.AsArray().Select(v => v!.GetValue<string>()));
        Assert.Equal("date", schemas["EditionCoverage"]!["properties"]!["published"]!["format"]!.GetValue<string>());
        Assert.Equal("date-time", schemas["ResponseMeta"]!["properties"]!["lastUpdated"]!["format"]!.GetValue<string>());
        Assert.Equal("object", schemas["ResponseMeta"]!["properties"]!["query"]!["type"]!.GetValue<string>());
        Assert.Equal("#/components/schemas/ObservationJson", schemas["EnvelopeOfObservationJson"]!["properties"]!["data"]!["items"]!["$ref"]!.GetValue<string>());
        Assert.Equal(["null", "string"], schemas["HealthReport"]!["properties"]!["datasets"]!["additionalProperties"]!["type"]!.AsArray().Select(t => t!.GetValue<string>()).Order());
        Assert.Equal(["array", "null"], schemas["Problem"]!["properties"]!["errors"]!["type"]!.AsArray().Select(t => t!.GetValue<string>()).Order());
    }

    [Fact]
    public void ClrEnum_IsAStringEnum_AndNullableRecord_IsAnyOfNull()
    {
        var document = new OpenApiDocument { Components = new OpenApiComponents() };
        var generator = new SchemaGenerator(document, SampleJson.Default);

        generator.For(typeof(Sample));
        var sample = Node(document)["components"]!["schemas"]!["Sample"]!["properties"]!;

        Assert.Equal("string", sample["format"]!["type"]!.GetValue<string>());
        Assert.Equal(["Json", "Csv"], sample["format"]!["enum"]!.AsArray().Select(v => v!.GetValue<string>()));
        Assert.Equal("#/components/schemas/Sample", sample["parent"]!["anyOf"]![0]!["$ref"]!.GetValue<string>());
        Assert.Equal("null", sample["parent"]!["anyOf"]![1]!["type"]!.GetValue<string>());
        Assert.Equal(["integer", "null"], sample["count"]!["type"]!.AsArray().Select(t => t!.GetValue<string>()).Order());
        Assert.Equal("renamed", sample.AsObject().Single(p => p.Key == "renamed").Key);
    }

    [Fact]
    public void ResponseType_InNoJsonContextOfTheApi_IsRefused()
    {
        // The schemas are exported from the API's own contracts: a type the API cannot serialize has none.
        var generator = new SchemaGenerator(new OpenApiDocument { Components = new OpenApiComponents() });

        var error = Assert.Throws<NotSupportedException>(() => generator.For(typeof(Sample)));

        Assert.Contains(nameof(Sample), error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void TwoResponseTypesWithOneName_AreRefused()
    {
        var generator = new SchemaGenerator(new OpenApiDocument { Components = new OpenApiComponents() }, SampleJson.Default);
        generator.For(typeof(Sample));

        var error = Assert.Throws<InvalidOperationException>(() => generator.For(typeof(Other.Sample)));

        Assert.Contains("'Sample'", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void DatasetRoute_DocumentsParameters_Examples_AndEveryProblem()
    {
        var production = AppDocument()["paths"]!["/v1/production"]!["get"]!;
        var parameters = production["parameters"]!.AsArray();
        var responses = production["responses"]!.AsObject();

        Assert.Equal(ObservationDatasets.Descriptor.Parameters.Select(p => p.Name), parameters.Select(p => p!["name"]!.GetValue<string>()));
        Assert.Equal(2024, parameters.Single(p => p!["name"]!.GetValue<string>() == "year")!["example"]!.GetValue<int>());
        Assert.Equal(["json", "csv"], parameters.Single(p => p!["name"]!.GetValue<string>() == "format")!["schema"]!["enum"]!.AsArray().Select(v => v!.GetValue<string>()));
        Assert.Equal(QueryReader.MaxListItems, parameters.Single(p => p!["name"]!.GetValue<string>() == "country")!["schema"]!["maxItems"]!.GetValue<int>());
        Assert.Equal(["200", "304", "400", "404", "500", "503"], responses.Select(r => r.Key));
        Assert.Equal(["application/json", "text/csv"], responses["200"]!["content"]!.AsObject().Select(c => c.Key));
        var example = responses["200"]!["content"]!["application/json"]!["example"]!["data"]![0]!;
        Assert.Equal(("CHN", 2024, 270000d), (example["country"]!.GetValue<string>(), example["year"]!.GetValue<int>(), example["value"]!.GetValue<double>()));
        Assert.Equal("#/components/responses/InvalidParameter", responses["400"]!["$ref"]!.GetValue<string>());
        Assert.Equal([new JsonObject()], production["security"]!.AsArray().Select(s => s!.AsObject()), JsonNode.DeepEquals);
    }

    [Fact]
    public void ProblemResponses_AreProblemJson_And503CarriesRetryAfter()
    {
        var responses = AppDocument()["components"]!["responses"]!;

        foreach (var name in new[] { "InvalidParameter", "NotFound", "InternalError", "StorageUnavailable" })
        {
            Assert.Equal("#/components/schemas/Problem", responses[name]!["content"]!["application/problem+json"]!["schema"]!["$ref"]!.GetValue<string>());
        }

        Assert.NotNull(responses["StorageUnavailable"]!["headers"]!["Retry-After"]);
        Assert.Equal("CHN", responses["InvalidParameter"]!["content"]!["application/problem+json"]!["example"]!["errors"]![0]!["suggestions"]![0]!.GetValue<string>());
    }

    [Fact]
    public void AdminRoute_NeedsTheFunctionKey_AndDocuments401And409()
    {
        var anonymous = Catalog.Http.Single(f => f.Name == "GetHealth");
        var admin = TestFunction(nameof(Admin.RefreshNow), typeof(Admin), "v1/admin/refresh/{dataset}", AuthorizationLevel.Function, "POST");

        var document = Node(OpenApiDocumentBuilder.Build([anonymous, admin], Server));
        var operation = document["paths"]!["/v1/admin/refresh/{dataset}"]!["post"]!;

        Assert.Equal(["functionKey", "functionKeyQuery"], operation["security"]!.AsArray().SelectMany(s => s!.AsObject().Select(p => p.Key)));
        Assert.Equal(["202", "401", "404", "409", "500", "503"], operation["responses"]!.AsObject().Select(r => r.Key));
        var schemes = document["components"]!["securitySchemes"]!;
        Assert.Equal(("apiKey", "header", "x-functions-key"), (schemes["functionKey"]!["type"]!.GetValue<string>(), schemes["functionKey"]!["in"]!.GetValue<string>(), schemes["functionKey"]!["name"]!.GetValue<string>()));
        Assert.Equal(("query", "code"), (schemes["functionKeyQuery"]!["in"]!.GetValue<string>(), schemes["functionKeyQuery"]!["name"]!.GetValue<string>()));
        var dataset = operation["parameters"]![0]!;
        Assert.Equal(("dataset", "path", true), (dataset["name"]!.GetValue<string>(), dataset["in"]!.GetValue<string>(), dataset["required"]!.GetValue<bool>()));
    }

    [Fact]
    public void ResponseExamples_ValidateAgainstTheirSchemas()
    {
        var document = AppDocument();
        var validator = new ContractValidator(document.ToJsonString());
        var examples = document["paths"]!.AsObject()
            .SelectMany(p => p.Value!.AsObject().SelectMany(o => o.Value!["responses"]!.AsObject().Select(r => (Where: $"{o.Value!["operationId"]} {r.Key}", Response: r.Value))))
            .Concat(document["components"]!["responses"]!.AsObject().Select(r => (Where: r.Key, Response: r.Value)))
            .SelectMany(r => r.Response!["content"]?.AsObject().Where(c => c.Value!["example"] is not null).Select(c => (r.Where, Media: c.Value!)) ?? [])
            .ToList();

        Assert.True(examples.Count > 20, $"only {examples.Count} examples");
        foreach (var (where, media) in examples)
        {
            Assert.Empty(validator.Validate(media["schema"]!, media["example"]!.ToJsonString()).Select(e => where + ": " + e));
        }
    }

    [Fact]
    public void Servers_AreTheUrlAsked()
    {
        var document = AppDocument();

        Assert.Equal(Server, document["servers"]![0]!["url"]!.GetValue<string>());
        Assert.StartsWith("3.1.", document["openapi"]!.GetValue<string>(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Provider_CachesEachServersDocument_AndBoundsTheCache()
    {
        var provider = new OpenApiDocumentProvider(Catalog);

        var first = await provider.GetAsync("http://a.example/api", OpenApiFormat.Json, CancellationToken.None);
        var again = await provider.GetAsync("http://a.example/api", OpenApiFormat.Json, CancellationToken.None);
        var other = await provider.GetAsync("http://b.example/api", OpenApiFormat.Json, CancellationToken.None);
        for (var i = 0; i < OpenApiDocumentProvider.MaxCached + 2; i++)
        {
            await provider.GetAsync($"http://h{i}.example/api", OpenApiFormat.Yaml, CancellationToken.None);
        }

        var uncached = await provider.GetAsync("http://h99.example/api", OpenApiFormat.Yaml, CancellationToken.None);
        var uncachedAgain = await provider.GetAsync("http://h99.example/api", OpenApiFormat.Yaml, CancellationToken.None);

        Assert.Same(first, again);
        Assert.Contains("\"url\": \"http://b.example/api\"", Encoding.UTF8.GetString(other), StringComparison.Ordinal);
        Assert.NotSame(uncached, uncachedAgain);
        Assert.Equal(uncached, uncachedAgain);
    }

    private static JsonObject QueryParameter(JsonObject document, string path, string name) =>
        document["paths"]![path]!["get"]!["parameters"]!.AsArray().Select(p => p!.AsObject())
            .Single(p => p["name"]!.GetValue<string>() == name && p["in"]!.GetValue<string>() == "query");

    [Theory]
    [InlineData("/v1/indicators/concentration", "dataset", true)]
    [InlineData("/v1/indicators/import-dependence", "importer", true)]
    [InlineData("/v1/indicators/import-dependence", "supplier", true)]
    [InlineData("/v1/indicators/import-dependence", "hs", true)]
    [InlineData("/v1/indicators/concentration", "year", false)]
    [InlineData("/v1/production", "country", false)]
    [InlineData("/v1/trade", "hs", false)]
    public void ParametersTheApiRequires_AreRequired(string path, string name, bool required) =>
        Assert.Equal(required, QueryParameter(AppDocument(), path, name)["required"]?.GetValue<bool>() ?? false);

    [Theory]
    [InlineData("/v1/trade", "flow", "import,export")]
    [InlineData("/v1/restrictions", "type", "quota,duty,licence,ban,de-facto-halt,suspension,technology-catalogue,regulation,wto-dispute")]
    [InlineData("/v1/restrictions", "status", "not-yet-announced,announced,in-force,suspended,suspension-expired,lifted,occurred,unknown")]
    [InlineData("/v1/indicators/concentration", "dataset", "production,refining,reserves")]
    [InlineData("/v1/production", "format", "json,csv")]
    public void ClosedSets_AreEnums_OfTheItemsForLists(string path, string name, string values)
    {
        var schema = QueryParameter(AppDocument(), path, name)["schema"]!;
        var target = schema["type"]!.GetValue<string>() == "array" ? schema["items"]! : schema;

        Assert.Equal(values.Split(',').Order(), target["enum"]!.AsArray().Select(v => v!.GetValue<string>()).Order());
    }

    [Theory]
    [InlineData("from")]
    [InlineData("to")]
    [InlineData("as_of")]
    public void DateParameters_AreStringsOfFormatDate(string name)
    {
        var schema = QueryParameter(AppDocument(), "/v1/restrictions", name)["schema"]!;

        Assert.Equal(("string", "date"), (schema["type"]!.GetValue<string>(), schema["format"]!.GetValue<string>()));
    }

    [Fact]
    public void InfoDescription_DoesNotClaimOneParameterListForEveryRoute()
    {
        var description = AppDocument()["info"]!["description"]!.GetValue<string>();

        Assert.DoesNotContain("Every dataset route takes the same query parameters", description, StringComparison.Ordinal);
        Assert.Contains("each operation below lists the parameters it takes", description, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Provider_BuildsTheModelOnce_WhateverTheHost_AndSetsEachHostsServer()
    {
        var builds = 0;
        var provider = new OpenApiDocumentProvider(() =>
        {
            builds++;
            return OpenApiDocumentBuilder.Build(Catalog.Http, "/api");
        });

        for (var i = 0; i < OpenApiDocumentProvider.MaxCached * 3; i++)
        {
            var json = JsonNode.Parse(await provider.GetAsync($"http://made-up-{i}.example/api", OpenApiFormat.Json, CancellationToken.None))!;
            Assert.Equal($"http://made-up-{i}.example/api", json["servers"]![0]!["url"]!.GetValue<string>());
        }

        var yaml = Encoding.UTF8.GetString(await provider.GetAsync("http://y.example/api", OpenApiFormat.Yaml, CancellationToken.None));
        Assert.Contains("http://y.example/api", yaml, StringComparison.Ordinal);
        Assert.Equal(1, builds);
    }

    [Fact]
    public async Task Provider_AFailedBuild_IsNotKept()
    {
        var builds = 0;
        var provider = new OpenApiDocumentProvider(() => ++builds == 1 ? throw new InvalidOperationException("first build fails") : OpenApiDocumentBuilder.Build(Catalog.Http, "/api"));

        await Assert.ThrowsAsync<InvalidOperationException>(() => provider.GetAsync("http://a.example/api", OpenApiFormat.Json, CancellationToken.None));
        var body = await provider.GetAsync("http://a.example/api", OpenApiFormat.Json, CancellationToken.None);

        Assert.Equal("http://a.example/api", JsonNode.Parse(body)!["servers"]![0]!["url"]!.GetValue<string>());
        Assert.Equal(2, builds);
    }

    [Theory]
    [InlineData("v1/production", "/v1/production")]
    [InlineData("problems/{name}", "/problems/{name}")]
    [InlineData("v1/items/{id:int}/{part?}", "/v1/items/{id}/{part}")]
    [InlineData("files/{*path}", "/files/{path}")]
    [InlineData("{root:maxlength(0)?}", "/")]
    public void PathOf_DropsRouteConstraints(string route, string path) =>
        Assert.Equal(path, OpenApiDocumentBuilder.PathOf(route));

    private static HttpFunction TestFunction(string name, Type type, string route, AuthorizationLevel level, params string[] methods) =>
        new(name, route, methods.Length > 0 ? methods : ["GET"], level, type.GetMethod(name)!);

    private sealed class Undocumented
    {
        public static IActionResult GetUndocumented(HttpRequest req) => new OkResult();
    }

    private sealed class Admin
    {
        [ApiOperation("Admin", "Refresh a dataset now", SuccessStatus = 202)]
        public static IActionResult RefreshNow(HttpRequest req, string dataset) => new AcceptedResult();
    }

    internal sealed record Sample(
        ResponseFormat Format,
        Sample? Parent,
        int? Count,
        [property: System.Text.Json.Serialization.JsonPropertyName("renamed")] string Name);
}

internal static class Other
{
    internal sealed record Sample(string Id);
}

/// <summary>The samples' contracts, as a feature declares its wire types' (enums as strings, like the API's converters).</summary>
[System.Text.Json.Serialization.JsonSourceGenerationOptions(UseStringEnumConverter = true)]
[System.Text.Json.Serialization.JsonSerializable(typeof(OpenApiDocumentTests.Sample))]
[System.Text.Json.Serialization.JsonSerializable(typeof(Other.Sample), TypeInfoPropertyName = "OtherSample")]
internal sealed partial class SampleJson : System.Text.Json.Serialization.JsonSerializerContext;
