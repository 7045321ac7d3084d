using System.Reflection;
using Microsoft.Azure.Functions.Worker;

namespace RareEarthApi.Hosting;

/// <summary>An HTTP function as its attributes declare it.</summary>
public sealed record HttpFunction(string Name, string Route, IReadOnlyList<string> Methods, AuthorizationLevel AuthLevel, MethodInfo Method);

/// <summary>A timer function as its attributes declare it.</summary>
public sealed record TimerFunction(string Name, string Schedule, MethodInfo Method);

/// <summary>
/// The app's functions, read from their [Function], [HttpTrigger] and [TimerTrigger] attributes: the one route
/// table there is. The local host serves it, and the OpenAPI document describes it.
/// </summary>
public sealed class FunctionCatalog
{
    private FunctionCatalog(IReadOnlyList<HttpFunction> http, IReadOnlyList<TimerFunction> timers)
    {
        Http = http;
        Timers = timers;
    }

    public IReadOnlyList<HttpFunction> Http { get; }

    public IReadOnlyList<TimerFunction> Timers { get; }

    public static FunctionCatalog Of(Assembly assembly)
    {
        var http = new List<HttpFunction>();
        var timers = new List<TimerFunction>();
        foreach (var method in assembly.GetTypes().SelectMany(t => t.GetMethods(BindingFlags.Public | BindingFlags.Instance | BindingFlags.Static | BindingFlags.DeclaredOnly)))
        {
            if (method.GetCustomAttribute<FunctionAttribute>() is not { } function)
            {
                continue;
            }

            foreach (var parameter in method.GetParameters())
            {
                if (parameter.GetCustomAttribute<HttpTriggerAttribute>() is { } trigger)
                {
                    var methods = (trigger.Methods ?? ["get", "post"]).Select(m => m.ToUpperInvariant()).ToList();
                    http.Add(new HttpFunction(function.Name, trigger.Route ?? function.Name, methods, trigger.AuthLevel, method));
                }
                else if (parameter.GetCustomAttribute<TimerTriggerAttribute>() is { } timer)
                {
                    timers.Add(new TimerFunction(function.Name, timer.Schedule, method));
                }
            }
        }

        return new FunctionCatalog(
            http.OrderBy(f => f.Route, StringComparer.Ordinal).ToList(),
            timers.OrderBy(f => f.Name, StringComparer.Ordinal).ToList());
    }

    public static FunctionCatalog OfApp() => Of(typeof(FunctionCatalog).Assembly);
}
