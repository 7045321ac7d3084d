using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;

namespace RareEarthApi.Http;

/// <summary>A finished response body with its headers; no MVC formatters involved, so any host can execute it.</summary>
public sealed class BytesResult(int status, string? contentType, ReadOnlyMemory<byte> body, IReadOnlyDictionary<string, string>? headers = null) : IActionResult
{
    public int Status { get; } = status;

    public string? ContentType { get; } = contentType;

    public ReadOnlyMemory<byte> Body { get; } = body;

    public IReadOnlyDictionary<string, string> Headers { get; } = headers ?? new Dictionary<string, string>();

    public async Task ExecuteResultAsync(ActionContext context)
    {
        var response = context.HttpContext.Response;
        response.StatusCode = Status;
        foreach (var (name, value) in Headers)
        {
            response.Headers[name] = value;
        }

        if (ContentType is not null)
        {
            response.ContentType = ContentType;
        }

        if (Body.Length > 0 && !HttpMethods.IsHead(context.HttpContext.Request.Method))
        {
            response.ContentLength = Body.Length;
            await response.Body.WriteAsync(Body, context.HttpContext.RequestAborted);
        }
    }
}
