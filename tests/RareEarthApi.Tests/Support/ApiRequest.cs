using Microsoft.AspNetCore.Http;

namespace RareEarthApi.Tests.Support;

/// <summary>An in-memory GET request, for the tests that call a query parser or the response cache without a host.</summary>
internal static class ApiRequest
{
    /// <summary>GET http://{host}{path}?{query} (a leading '?' is optional), with If-None-Match when given; the response body is kept in memory.</summary>
    public static HttpRequest With(string query, string? ifNoneMatch = null, string host = "localhost:7071", string path = "/api/v1/production", CancellationToken aborted = default)
    {
        var context = new DefaultHttpContext { RequestAborted = aborted };
        context.Response.Body = new MemoryStream();
        context.Request.Method = "GET";
        context.Request.Scheme = "http";
        context.Request.Host = new HostString(host);
        context.Request.Path = path;
        context.Request.QueryString = new QueryString("?" + query.TrimStart('?'));
        if (ifNoneMatch is not null)
        {
            context.Request.Headers.IfNoneMatch = ifNoneMatch;
        }

        return context.Request;
    }
}
