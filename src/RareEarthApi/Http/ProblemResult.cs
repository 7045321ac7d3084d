using System.Diagnostics;
using System.Text.Json;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;

namespace RareEarthApi.Http;

/// <summary>Writes an RFC 9457 application/problem+json response; the HTTP status always matches the body.</summary>
public sealed class ProblemResult(Problem problem, int? retryAfterSeconds = null) : IActionResult
{
    public Problem Problem { get; } = problem;

    public static ProblemResult InvalidParameters(IReadOnlyList<ParameterError> errors)
    {
        var detail = errors.Count == 1
            ? errors[0].Detail
            : $"{errors.Count} parameters are invalid: " + string.Join(" ", errors.Select(e => e.Detail));
        return Of(ProblemTypes.InvalidParameter, detail, errors);
    }

    public static ProblemResult Of(ProblemTypes.ProblemType type, string detail, IReadOnlyList<ParameterError>? errors = null, int? retryAfterSeconds = null) =>
        new(new Problem(type.Uri, type.Title, type.Status, detail, errors), retryAfterSeconds);

    public async Task ExecuteResultAsync(ActionContext context)
    {
        var http = context.HttpContext;
        var body = Problem with
        {
            TraceId = Problem.TraceId ?? Activity.Current?.Id ?? http.TraceIdentifier,
            Instance = Problem.Instance ?? QueryReader.PathAndQueryWithoutKey(http.Request),
        };
        http.Response.StatusCode = body.Status;
        http.Response.ContentType = "application/problem+json; charset=utf-8";
        http.Response.Headers.CacheControl = "no-store";
        if (retryAfterSeconds is int seconds)
        {
            http.Response.Headers.RetryAfter = seconds.ToString(System.Globalization.CultureInfo.InvariantCulture);
        }

        await JsonSerializer.SerializeAsync(http.Response.Body, body, ProblemJson.Details, http.RequestAborted);
    }
}
