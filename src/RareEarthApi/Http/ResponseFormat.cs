using Microsoft.AspNetCore.Http;

namespace RareEarthApi.Http;

public enum ResponseFormat
{
    Json,
    Csv,
}

public static class ResponseFormats
{
    public static readonly ParameterSpec Parameter = new(
        "format", ParameterKind.String, "Response format; wins over the Accept header.", "csv", "json", ["json", "csv"]);

    /// <summary>format= wins; otherwise an Accept header that asks for text/csv; otherwise JSON.</summary>
    public static ResponseFormat Read(QueryReader query, HttpRequest request) =>
        query.Choice(Parameter.Name) switch
        {
            "csv" => ResponseFormat.Csv,
            "json" => ResponseFormat.Json,
            _ => FromAccept(request),
        };

    /// <summary>The format the Accept header asks for (text/csv anywhere in it → CSV), when format= is not given.</summary>
    public static ResponseFormat FromAccept(HttpRequest request) =>
        request.Headers.Accept.ToString().Contains("text/csv", StringComparison.OrdinalIgnoreCase) ? ResponseFormat.Csv : ResponseFormat.Json;
}
