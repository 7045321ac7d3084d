using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using RareEarthApi.Commodities;
using RareEarthApi.Countries;
using RareEarthApi.Datasets;
using RareEarthApi.Http;
using RareEarthApi.OpenApi;
using RareEarthApi.Production;
using RareEarthApi.Refresh;
using RareEarthApi.Storage;
using RareEarthApi.Trade;

namespace RareEarthApi;

/// <summary>
/// Everything the function app needs, registered once; the Functions host and the local host both call this.
/// </summary>
public static class ServiceCollectionExtensions
{
    public static IServiceCollection AddRareEarthApi(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddSingleton(TimeProvider.System);
        services.AddStorage(configuration);
        services.AddOptions<ServingOptions>().BindConfiguration(ServingOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        services.AddOptions<SeedOptions>().BindConfiguration(SeedOptions.Section);
        services.AddSingleton(sp => CountryCatalog.Load(SeedFiles.Path("countries.csv")));
        services.AddSingleton(sp => CommodityCatalog.Load(System.IO.Path.GetDirectoryName(SeedFiles.Path("elements.csv"))!));
        services.AddSingleton<DatasetServices>();
        services.AddSingleton<DatasetVersionStore>();
        services.AddSingleton<SnapshotCache>();
        services.AddSingleton<DatasetResponder>();
        services.AddResponseCache();
        foreach (var dataset in ObservationDatasets.All)
        {
            services.AddDataset(dataset.Descriptor);
        }

        services.AddSupplyChain();
        services.AddSingleton<SeedLoader>();
        services.AddHostedService<SeedOnStartup>();
        services.AddSingleton<ExceptionProblemMapper>();
        services.AddOpenApi();
        services.AddRefresh();
        return services;
    }
}
