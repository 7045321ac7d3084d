using System.Collections.Concurrent;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace RareEarthApi.Tests.Support;

/// <summary>
/// A loopback HTTP server that plays a public source (ScienceBase, Comtrade, a curated file's host): each path
/// answers with a sequence of handlers (the last one repeats), and counts its hits.
/// </summary>
public sealed class FakeSourceServer : IAsyncDisposable
{
    private readonly ConcurrentDictionary<string, Route> _routes = new(StringComparer.Ordinal);
    private readonly WebApplication _app;

    private FakeSourceServer(WebApplication app)
    {
        _app = app;
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        BaseAddress = address.TrimEnd('/');
    }

    public string BaseAddress { get; }

    public static async Task<FakeSourceServer> StartAsync()
    {
        var builder = WebApplication.CreateBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        var app = builder.Build();
        FakeSourceServer? server = null;
        app.Run(async context =>
        {
            if (server!._routes.TryGetValue(context.Request.Path.Value ?? "", out var route))
            {
                await route.Next()(context);
            }
            else
            {
                context.Response.StatusCode = 404;
            }
        });
        await app.StartAsync();
        server = new FakeSourceServer(app);
        return server;
    }

    public string Url(string path) => BaseAddress + path;

    /// <summary>Answers each request at the path with the next handler; the last one keeps answering.</summary>
    public void Serve(string path, params Func<HttpContext, Task>[] handlers) => _routes[path] = new Route(handlers);

    public void ServeBytes(string path, byte[] body, string contentType = "text/csv") => Serve(path, Bytes(body, contentType));

    public int Hits(string path) => _routes.TryGetValue(path, out var route) ? route.Hits : 0;

    public static Func<HttpContext, Task> Bytes(byte[] body, string contentType = "text/csv") => async context =>
    {
        context.Response.ContentType = contentType;
        context.Response.ContentLength = body.Length;
        await context.Response.Body.WriteAsync(body);
    };

    public static Func<HttpContext, Task> Status(int status, int? retryAfterSeconds = null) => context =>
    {
        context.Response.StatusCode = status;
        if (retryAfterSeconds is int s)
        {
            context.Response.Headers.RetryAfter = s.ToString(System.Globalization.CultureInfo.InvariantCulture);
        }

        return Task.CompletedTask;
    };

    /// <summary>Never answers: holds the request until the client gives up.</summary>
    public static async Task Hang(HttpContext context)
    {
        try
        {
            await Task.Delay(Timeout.Infinite, context.RequestAborted);
        }
        catch (OperationCanceledException)
        {
            // The client gave up, as it should.
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }

    private sealed class Route(Func<HttpContext, Task>[] handlers)
    {
        private int _hits;

        public int Hits => Volatile.Read(ref _hits);

        public Func<HttpContext, Task> Next()
        {
            var n = Interlocked.Increment(ref _hits);
            return handlers[Math.Min(n, handlers.Length) - 1];
        }
    }
}
