using System.ComponentModel;
using System.Security.Cryptography;
using System.Text;
using System.Reflection;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.Abstractions;
using Microsoft.Azure.Functions.Worker;
using Microsoft.Extensions.Options;
using RareEarthApi.Hosting;
using RareEarthApi.Http;

namespace RareEarthApi.LocalHost;

/// <summary>
/// Calls a function method the way the Functions host would: a new instance from DI, the trigger's request,
/// route values by parameter name, the request's cancellation token; then executes the returned IActionResult.
/// </summary>
internal sealed class FunctionDispatcher(IServiceProvider services, ExceptionProblemMapper problems, IOptions<LocalHostOptions> options)
{
    public RequestDelegate HttpHandler(HttpFunction function)
    {
        var parameters = function.Method.GetParameters();
        foreach (var p in parameters.Where(p => p.ParameterType == typeof(FunctionContext)))
        {
            throw new NotSupportedException($"{function.Name}: the local host cannot supply FunctionContext ({p.Name}); inject services instead.");
        }

        var factory = ActivatorUtilities.CreateFactory(function.Method.DeclaringType!, Type.EmptyTypes);
        return async context =>
        {
            IActionResult result;
            try
            {
                if (function.AuthLevel != AuthorizationLevel.Anonymous && CheckKey(context.Request, function.Name) is { } refused)
                {
                    result = refused;
                }
                else
                {
                    var args = parameters.Select(p => Bind(p, context)).ToArray();
                    var instance = function.Method.IsStatic ? null : factory(context.RequestServices, []);
                    result = await AsActionResult(function.Method.Invoke(instance, args));
                }
            }
            catch (Exception e) when (!context.Response.HasStarted)
            {
                result = problems.Map(e, context.RequestAborted);
            }

            await result.ExecuteResultAsync(new ActionContext(context, context.GetRouteData(), new ActionDescriptor()));
        };
    }

    /// <summary>Runs a timer function now, as Core Tools' POST /admin/functions/{name} does.</summary>
    public async Task RunTimerAsync(TimerFunction function, CancellationToken cancellationToken)
    {
        var factory = ActivatorUtilities.CreateFactory(function.Method.DeclaringType!, Type.EmptyTypes);
        await using var scope = services.CreateAsyncScope();
        var args = function.Method.GetParameters().Select(p =>
            p.ParameterType == typeof(TimerInfo) ? new TimerInfo { IsPastDue = false }
            : p.ParameterType == typeof(CancellationToken) ? (object)cancellationToken
            : throw new NotSupportedException($"{function.Name}: the local host cannot supply {p.ParameterType.Name} {p.Name}.")).ToArray();
        var instance = function.Method.IsStatic ? null : factory(scope.ServiceProvider, []);
        try
        {
            if (function.Method.Invoke(instance, args) is Task task)
            {
                await task;
            }
        }
        catch (TargetInvocationException e) when (e.InnerException is not null)
        {
            throw e.InnerException;
        }
    }

    /// <summary>
    /// Null when the request carries the function key; else the 401 (no key: "Key required"; a wrong one: "Invalid key").
    /// Neither the key nor the guess is ever put in the answer.
    /// </summary>
    public ProblemResult? CheckKey(HttpRequest request, string what)
    {
        var key = request.Headers["x-functions-key"].ToString();
        if (key.Length == 0)
        {
            key = request.Query[QueryReader.FunctionKeyParameter].ToString();
        }

        if (key.Length == 0)
        {
            return ProblemResult.Of(ProblemTypes.Unauthorized,
                $"{what}: a function key is required, in the x-functions-key header (or the code query parameter). The local host prints its key at start, or takes it from LocalHost:FunctionKey.");
        }

        // Constant-time, so the comparison tells nothing about how much of a guess was right.
        return CryptographicOperations.FixedTimeEquals(Encoding.UTF8.GetBytes(key), Encoding.UTF8.GetBytes(options.Value.FunctionKey ?? ""))
            ? null
            : ProblemResult.Of(ProblemTypes.InvalidKey, $"{what}: the function key given is not valid for this app.");
    }

    private static object? Bind(ParameterInfo p, HttpContext context)
    {
        if (p.ParameterType == typeof(HttpRequest))
        {
            return context.Request;
        }

        if (p.ParameterType == typeof(CancellationToken))
        {
            return context.RequestAborted;
        }

        var raw = context.GetRouteValue(p.Name!)?.ToString();
        if (raw is null)
        {
            return p.HasDefaultValue ? p.DefaultValue : null;
        }

        return p.ParameterType == typeof(string) ? raw : TypeDescriptor.GetConverter(p.ParameterType).ConvertFromInvariantString(raw);
    }

    private static async Task<IActionResult> AsActionResult(object? returned) => returned switch
    {
        Task<IActionResult> task => await task,
        IActionResult result => result,
        _ => throw new NotSupportedException("Functions served by the local host return IActionResult or Task<IActionResult>."),
    };
}
