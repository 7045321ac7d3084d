using System.Text.Json;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;
using RareEarthApi.OpenApi;

namespace RareEarthApi.Http;

/// <summary>Documents each problem type at the relative URI that problem bodies name in `type`.</summary>
internal sealed class ProblemsFunction
{
    public static IReadOnlyList<ParameterSpec> PathParameters { get; } =
    [
        new("name", ParameterKind.String, "Problem type name, as the last segment of a problem's type.", ProblemTypes.InvalidParameter.Name,
            Values: ProblemTypes.All.Select(t => t.Name).ToList()),
    ];

    [ApiOperation("Operations", "Documentation of a problem type",
        Description = "Problem bodies name their type as /api/problems/{name}; this describes it.", ResponseType = typeof(ProblemTypes.ProblemType),
        ParametersFrom = typeof(ProblemsFunction), Storage = false)]
    [Function(nameof(GetProblemType))]
    public IActionResult GetProblemType(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", "head", Route = "problems/{name}")] HttpRequest req,
        string name)
    {
        var type = ProblemTypes.All.FirstOrDefault(t => t.Name == name);
        if (type is null)
        {
            return ProblemResult.Of(ProblemTypes.NotFound, $"'{name}' is not a problem type of this API. Known: {string.Join(", ", ProblemTypes.All.Select(t => t.Name))}.");
        }

        return new BytesResult(StatusCodes.Status200OK, "application/json; charset=utf-8",
            JsonSerializer.SerializeToUtf8Bytes(type, ProblemJson.TypePage),
            new Dictionary<string, string> { ["Cache-Control"] = "public, max-age=86400" });
    }
}
