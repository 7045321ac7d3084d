using System.Reflection;
using System.Text.Json;
using Microsoft.Azure.Functions.Worker;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using RareEarthApi.Tests.Support;

namespace RareEarthApi.Tests.Hosting;

/// <summary>
/// Program's wiring (<see cref="ServiceCollectionExtensions.AddRareEarthApi"/>, which the Functions host and the local
/// host both call) on the local settings: the options validate, and the worker can make every function class.
/// The other tests go through the local host, so this is what catches a registration only the Functions host would miss.
/// </summary>
public sealed class ProgramWiringTests
{
    /// <summary>The classes the worker makes an instance of: those declaring a non-static [Function] method.</summary>
    internal static IReadOnlyList<Type> FunctionClasses() =>
        typeof(ServiceCollectionExtensions).Assembly.GetTypes()
            .Where(t => t.GetMethods(BindingFlags.Public | BindingFlags.Instance | BindingFlags.DeclaredOnly)
                .Any(m => m.GetCustomAttribute<FunctionAttribute>() is not null))
            .OrderBy(t => t.FullName, StringComparer.Ordinal)
            .ToList();

    /// <summary>A host like the Functions host's (configuration, logging, environment) with the app's services on the local settings.</summary>
    internal static IHost Build(Action<IServiceCollection>? change = null)
    {
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true, EnvironmentName = Environments.Development });
        builder.Configuration.AddInMemoryCollection(LocalSettings());
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Storage:ConnectionString"] = TestStorage.ConnectionString,
            ["Storage:TablePrefix"] = TestStorage.NewTablePrefix(),
        });
        builder.Services.AddLogging();
        // As a host in Development checks: no scoped service taken by a singleton, every registration's constructor satisfiable.
        builder.ConfigureContainer(new DefaultServiceProviderFactory(new ServiceProviderOptions { ValidateScopes = true, ValidateOnBuild = true }));
        builder.Services.AddRareEarthApi(builder.Configuration);
        change?.Invoke(builder.Services);
        return builder.Build();
    }

    /// <summary>src/RareEarthApi/local.settings.sample.json's values, as the Functions host reads them (__ is a section).</summary>
    private static Dictionary<string, string?> LocalSettings()
    {
        using var doc = JsonDocument.Parse(File.ReadAllText(Path.Combine(RepoPaths.Root, "src", "RareEarthApi", "local.settings.sample.json")));
        return doc.RootElement.GetProperty("Values").EnumerateObject()
            .ToDictionary(p => p.Name.Replace("__", ":", StringComparison.Ordinal), p => p.Value.GetString());
    }

    /// <summary>Makes each function class as the worker does, in a scope; the classes it could not make, each with why.</summary>
    internal static List<string> Unmakeable(IServiceProvider services)
    {
        var failures = new List<string>();
        using var scope = services.CreateScope();
        foreach (var type in FunctionClasses())
        {
            try
            {
                Assert.NotNull(ActivatorUtilities.CreateInstance(scope.ServiceProvider, type));
            }
            catch (InvalidOperationException e)
            {
                failures.Add($"{type.FullName}: {e.Message}");
            }
        }

        return failures;
    }

    [Fact]
    public void TheFunctionClasses_AreFound()
    {
        var classes = FunctionClasses().Select(t => t.Name).ToList();

        Assert.Contains("ProductionFunctions", classes);
        Assert.Contains("RefreshTimers", classes);
        Assert.Contains("DatasetsFunction", classes);
        // Every class the route table serves (HTTP and timers) is among them.
        var catalog = RareEarthApi.Hosting.FunctionCatalog.OfApp();
        Assert.Empty(catalog.Http.Select(f => f.Method).Concat(catalog.Timers.Select(f => f.Method))
            .Where(m => !m.IsStatic).Select(m => m.DeclaringType!.Name).Distinct().Except(classes));
    }

    [Fact]
    public void OnTheLocalSettings_TheOptionsValidate_AndEveryFunctionClassCanBeMade()
    {
        using var host = Build();

        // What ValidateOnStart would check when the host starts (every IValidateOptions and data annotation).
        host.Services.GetRequiredService<IStartupValidator>().Validate();
        var failures = Unmakeable(host.Services);

        Assert.True(failures.Count == 0, string.Join(Environment.NewLine, failures));
    }

    [Fact]
    public void AMissingRegistration_FailsNamingTheFunctionClass()
    {
        // Take away a service only the catalog function asks for: the check must name that class.
        using var host = Build(services => services.RemoveAll<RareEarthApi.Http.DatasetResponder>());

        var failures = Unmakeable(host.Services);

        Assert.NotEmpty(failures);
        Assert.All(failures, f => Assert.Contains("DatasetResponder", f, StringComparison.Ordinal));
        Assert.Contains(failures, f => f.StartsWith(typeof(RareEarthApi.Datasets.DatasetsFunction).FullName + ":", StringComparison.Ordinal));
    }

    [Fact]
    public void ABadSetting_FailsTheStartupValidation()
    {
        using var host = Build(services => services.Configure<RareEarthApi.Datasets.ServingOptions>(o => o.VersionCheckTimeoutSeconds = -1));

        Assert.ThrowsAny<OptionsValidationException>(() => host.Services.GetRequiredService<IStartupValidator>().Validate());
    }
}
