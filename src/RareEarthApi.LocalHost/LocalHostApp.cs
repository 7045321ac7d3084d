using System.Diagnostics;
using Microsoft.Extensions.Options;
using System.Security.Cryptography;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.Abstractions;
using Microsoft.AspNetCore.Routing.Template;
using RareEarthApi.Hosting;
using RareEarthApi.Http;

namespace RareEarthApi.LocalHost;

/// <summary>
/// Serves the function app's own function classes over Kestrel, for machines without Azure Functions Core Tools.
/// Routes come from the [HttpTrigger] attributes (via <see cref="FunctionCatalog"/>) under the same /api prefix;
/// timer functions run on demand at POST /admin/functions/{name}, as with Core Tools.
/// </summary>
public static partial class LocalHostApp
{
    public const string RoutePrefix = "api";
    public const string DefaultUrl = "http://localhost:7071";

    public static WebApplication Build(string[] args, Action<WebApplicationBuilder>? configure = null)
    {
        var builder = WebApplication.CreateBuilder(args);
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            // Azurite on its default ports unless configuration says otherwise.
            ["Storage:ConnectionString"] = builder.Configuration["Storage:ConnectionString"] ?? (builder.Configuration["Storage:TableServiceUri"] is null ? "UseDevelopmentStorage=true" : null),
            // The timers' schedules (%UsgsRefreshSchedule% etc.); this host runs timers only on demand, at POST /admin/functions/{name}.
            ["UsgsRefreshSchedule"] = builder.Configuration["UsgsRefreshSchedule"] ?? "0 0 6 * * 1",
            ["ComtradeRefreshSchedule"] = builder.Configuration["ComtradeRefreshSchedule"] ?? "0 30 6 * * 1",
            ["CuratedRefreshSchedule"] = builder.Configuration["CuratedRefreshSchedule"] ?? "0 0 7 * * *",
            // The hosting layer's four lines per request (start, endpoint in and out, finish) give way to the one line
            // of the request log below, which leaves the function key out; warnings and errors still show.
            ["Logging:LogLevel:Microsoft.AspNetCore"] = builder.Configuration["Logging:LogLevel:Microsoft.AspNetCore"] ?? "Warning",
        });
        // The hosting layer's request lines carry the raw query, function key included: never logged, whatever the levels.
        builder.Logging.AddFilter("Microsoft.AspNetCore.Hosting.Diagnostics", LogLevel.Warning);
        builder.WebHost.ConfigureKestrel(kestrel =>
        {
            kestrel.AddServerHeader = false;
            // Long URLs reach the app, which answers them with a problem (LocalHost:MaxUrlBytes), not Kestrel's empty 414.
            kestrel.Limits.MaxRequestLineSize = LocalHostOptions.MaxRequestLineBytes;
        });
        if (string.IsNullOrEmpty(builder.Configuration["urls"]))
        {
            builder.WebHost.UseUrls(DefaultUrl);
        }

        builder.Services.AddRareEarthApi(builder.Configuration);
        builder.Services.AddOptions<LocalHostOptions>().BindConfiguration(LocalHostOptions.Section)
            .PostConfigure(o => o.FunctionKey ??= Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16)));
        builder.Services.AddSingleton<FunctionDispatcher>();
        builder.Services.AddSingleton(FunctionCatalog.OfApp());
        builder.Services.AddCors();
        configure?.Invoke(builder);

        var app = builder.Build();
        var options = app.Services.GetRequiredService<IOptions<LocalHostOptions>>().Value;
        var requests = app.Services.GetRequiredService<ILoggerFactory>().CreateLogger("RareEarthApi.LocalHost.Requests");
        app.Use(async (context, next) =>
        {
            foreach (var (name, value) in SecurityHeaders.Every)
            {
                context.Response.Headers[name] = value;
            }

            var started = Stopwatch.GetTimestamp();
            try
            {
                var length = context.Request.PathBase.ToUriComponent().Length + context.Request.Path.ToUriComponent().Length + (context.Request.QueryString.Value?.Length ?? 0);
                if (length > options.MaxUrlBytes)
                {
                    await ProblemResult.Of(ProblemTypes.UriTooLong,
                            $"The path and query are {length} bytes; this API takes at most {options.MaxUrlBytes}. Ask for fewer values per request (lists take at most {QueryReader.MaxListItems} items) or split the request.")
                        .ExecuteResultAsync(new ActionContext(context, context.GetRouteData(), new ActionDescriptor()));
                    return;
                }

                await next(context);
            }
            finally
            {
                if (options.RequestLog)
                {
                    LogRequest(requests, context.Request.Method, Shorten(QueryReader.PathAndQueryWithoutKey(context.Request)), context.Response.StatusCode,
                        Stopwatch.GetElapsedTime(started).TotalMilliseconds);
                }
            }
        });

        var catalog = app.Services.GetRequiredService<FunctionCatalog>();
        var dispatcher = app.Services.GetRequiredService<FunctionDispatcher>();
        var origins = options.AllowedOrigins.ToArray();
        app.UseCors(cors =>
        {
            cors.WithMethods("GET", "HEAD").AllowAnyHeader().SetPreflightMaxAge(TimeSpan.FromSeconds(SecurityHeaders.PreflightMaxAgeSeconds)).WithExposedHeaders("ETag", "Link", "Last-Modified", "Content-Disposition", "Retry-After");
            if (origins.Contains("*"))
            {
                cors.AllowAnyOrigin();
            }
            else
            {
                cors.WithOrigins(origins);
            }
        });

        foreach (var function in catalog.Http)
        {
            app.MapMethods($"/{RoutePrefix}/{function.Route}", function.Methods, dispatcher.HttpHandler(function))
                .WithName(function.Name)
                .WithMetadata(function);
        }

        app.MapPost("/admin/functions/{name}", async (string name, HttpContext context) =>
        {
            if (dispatcher.CheckKey(context.Request, "Running a timer") is { } refused)
            {
                await refused.ExecuteResultAsync(new ActionContext(context, context.GetRouteData(), new ActionDescriptor()));
                return Results.Empty;
            }

            var timer = catalog.Timers.FirstOrDefault(t => string.Equals(t.Name, name, StringComparison.OrdinalIgnoreCase));
            if (timer is null)
            {
                return Results.NotFound(new { error = $"No timer function '{name}'.", timers = catalog.Timers.Select(t => t.Name) });
            }

            await dispatcher.RunTimerAsync(timer, context.RequestAborted);
            return Results.Accepted();
        });

        // Anything else is a problem+json: 405 with Allow where a route exists for other methods, else 404.
        // TemplateMatcher ignores inline constraints ({root:maxlength(0)?}), so they are checked here too.
        var constraints = app.Services.GetRequiredService<IInlineConstraintResolver>();
        var routes = catalog.Http
            .Select(f => TemplateParser.Parse($"{RoutePrefix}/{f.Route}"))
            .Select((template, i) => (Template: template, Matcher: new TemplateMatcher(template, new RouteValueDictionary()), catalog.Http[i].Methods))
            .ToList();
        bool Matches(HttpContext context, RouteTemplate template, TemplateMatcher matcher)
        {
            var values = new RouteValueDictionary();
            return matcher.TryMatch(context.Request.Path, values) && template.Parameters.All(p => p.InlineConstraints.All(c =>
                constraints.ResolveConstraint(c.Constraint) is not { } constraint
                || values.GetValueOrDefault(p.Name!) is null
                || constraint.Match(context, null, p.Name!, values, RouteDirection.IncomingRequest)));
        }

        app.MapFallback(async context =>
        {
            var allowed = routes.Where(r => Matches(context, r.Template, r.Matcher))
                .SelectMany(r => r.Methods).Distinct(StringComparer.OrdinalIgnoreCase).ToList();
            ProblemResult problem;
            if (allowed.Count > 0)
            {
                context.Response.Headers.Allow = string.Join(", ", allowed);
                problem = ProblemResult.Of(ProblemTypes.MethodNotAllowed,
                    $"{context.Request.Path} does not answer {context.Request.Method}; it answers {string.Join(", ", allowed)}.");
            }
            else
            {
                problem = ProblemResult.Of(ProblemTypes.NotFound, $"No route {context.Request.Method} {context.Request.Path}. See /api/v1/datasets.");
            }

            await problem.ExecuteResultAsync(new ActionContext(context, context.GetRouteData(), new ActionDescriptor()));
        });

        return app;
    }

    /// <summary>At most this much of a path and query goes in a log line.</summary>
    private const int MaxLoggedTarget = 300;

    private static string Shorten(string target) => target.Length <= MaxLoggedTarget ? target : target[..MaxLoggedTarget] + $"… ({target.Length} characters)";

    [LoggerMessage(Level = LogLevel.Information, Message = "{Method} {Target} {Status} {ElapsedMs:0.0} ms")]
    private static partial void LogRequest(ILogger logger, string method, string target, int status, double elapsedMs);
}
