using Microsoft.Extensions.DependencyInjection;
using RareEarthApi.Commodities;
using RareEarthApi.Datasets;
using RareEarthApi.Refresh.Comtrade;
using RareEarthApi.Refining;
using RareEarthApi.Restrictions;

namespace RareEarthApi.Trade;

/// <summary>Refining, trade, restrictions, commodities and the supply indicators, registered together.</summary>
public static class SupplyChainServiceCollectionExtensions
{
    public static IServiceCollection AddSupplyChain(this IServiceCollection services)
    {
        services.AddSingleton(sp => CommodityCatalog.Load(System.IO.Path.GetDirectoryName(SeedFiles.Path("elements.csv"))!));

        services.AddSingleton<RefiningDataset>();
        services.AddSingleton<RefiningEndpoint>();
        services.AddSingleton<ICuratedDataset>(sp => sp.GetRequiredService<RefiningDataset>());
        services.AddSingleton<IDatasetSeed>(sp => sp.GetRequiredService<RefiningDataset>());
        services.AddSingleton(sp => sp.GetRequiredService<RefiningDataset>().Describer());

        services.AddSingleton<TradeDataset>();
        services.AddSingleton<TradeEndpoint>();
        services.AddSingleton<IDatasetSeed>(sp => sp.GetRequiredService<TradeDataset>());
        services.AddSingleton(sp => sp.GetRequiredService<TradeDataset>().Describer());
        services.AddSingleton<ITradePublisher, ComtradeTradePublisher>();

        services.AddSingleton<RestrictionsDataset>();
        services.AddSingleton<ICuratedDataset>(sp => sp.GetRequiredService<RestrictionsDataset>());
        services.AddSingleton<IDatasetSeed>(sp => sp.GetRequiredService<RestrictionsDataset>());
        services.AddSingleton(sp => sp.GetRequiredService<RestrictionsDataset>().Describer());
        return services;
    }
}
