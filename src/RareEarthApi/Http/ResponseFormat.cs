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

    /// <summary>
    /// bom=true starts a CSV with a UTF-8 byte order mark: Excel on Windows reads a CSV without one in the system's
    /// code page and garbles "Türkiye" or "15–25%". Off by default, since most CSV readers take the mark for part of
    /// the first header.
    /// </summary>
    public static readonly ParameterSpec Bom = new(
        "bom", ParameterKind.Boolean, "CSV only: true starts the file with a UTF-8 byte order mark, so Excel on Windows opens it as UTF-8.", Default: "false", Values: ["true", "false"]);

    /// <summary>format= wins; otherwise an Accept header that asks for text/csv; otherwise JSON. Checks bom= too.</summary>
    public static ResponseFormat Read(QueryReader query, HttpRequest request)
    {
        query.Choice(Bom.Name);
        return query.Choice(Parameter.Name) switch
        {
            "csv" => ResponseFormat.Csv,
            "json" => ResponseFormat.Json,
            _ => FromAccept(request),
        };
    }

    /// <summary>Whether the request asks for the byte order mark (bom=true; Read has checked the value).</summary>
    public static bool WantsBom(HttpRequest request) =>
        string.Equals(request.Query[Bom.Name].ToString(), "true", StringComparison.OrdinalIgnoreCase);

    /// <summary>The format the Accept header asks for (text/csv anywhere in it → CSV), when format= is not given.</summary>
    public static ResponseFormat FromAccept(HttpRequest request) =>
        request.Headers.Accept.ToString().Contains("text/csv", StringComparison.OrdinalIgnoreCase) ? ResponseFormat.Csv : ResponseFormat.Json;
}
