using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using RareEarthApi.Commodities;
using RareEarthApi.Countries;
using RareEarthApi.Datasets;
using RareEarthApi.ExportQuotas;
using RareEarthApi.Http;
using RareEarthApi.Indicators;
using RareEarthApi.OpenApi;
using RareEarthApi.Production;
using RareEarthApi.Refining;
using RareEarthApi.Refresh;
using RareEarthApi.Restrictions;
using RareEarthApi.Storage;
using RareEarthApi.Trade;
using RareEarthApi.UsStatistics;

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
        services.AddSingleton(sp => sp.GetRequiredService<CommodityCatalog>().UsgsNames);
        services.AddSingleton<DatasetServices>();
        services.AddSingleton<DatasetVersionStore>();
        services.AddSingleton<SnapshotCache>();
        services.AddSingleton<DatasetResponder>();
        services.AddResponseCache();
        // The datasets, in catalog order: each is its descriptor (README, "Adding a dataset").
        services.AddDataset(ObservationDatasets.Production.Descriptor);
        services.AddDataset(ObservationDatasets.Reserves.Descriptor);
        services.AddDataset(UsStatisticsDataset.Descriptor);
        services.AddDataset(UsImportSourcesDataset.Descriptor);
        services.AddDataset(RefiningDataset.Descriptor);
        services.AddDataset(TradeDataset.Descriptor);
        services.AddDataset(RestrictionsDataset.Descriptor);
        services.AddDataset(ExportQuotasDataset.Descriptor);
        // The Comtrade refresh publishes into trade.
        services.AddSingleton<ITradePublisher, ComtradeTradePublisher>();
        services.AddSingleton(sp => ReportedShares.Load(sp.GetRequiredService<CountryCatalog>()));
        services.AddSingleton<BundledSeedFingerprint>();
        services.AddSingleton<SeedLoader>();
        services.AddHostedService<SeedOnStartup>();
        services.AddSingleton<ExceptionProblemMapper>();
        services.AddOpenApi();
        services.AddRefresh();
        return services;
    }
}
