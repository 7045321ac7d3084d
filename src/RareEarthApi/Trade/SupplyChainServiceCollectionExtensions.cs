using Microsoft.Extensions.DependencyInjection;
using RareEarthApi.Countries;
using RareEarthApi.Datasets;
using RareEarthApi.ExportQuotas;
using RareEarthApi.Indicators;
using RareEarthApi.Refresh.Comtrade;
using RareEarthApi.Refining;
using RareEarthApi.Restrictions;

namespace RareEarthApi.Trade;

/// <summary>Refining, trade, restrictions and export quotas, registered in catalog order; the Comtrade refresh publishes into trade.</summary>
public static class SupplyChainServiceCollectionExtensions
{
    public static IServiceCollection AddSupplyChain(this IServiceCollection services)
    {
        services.AddDataset(RefiningDataset.Descriptor);
        services.AddDataset(TradeDataset.Descriptor);
        services.AddSingleton<ITradePublisher, ComtradeTradePublisher>();
        services.AddSingleton(sp => ReportedShares.Load(sp.GetRequiredService<CountryCatalog>()));
        services.AddDataset(RestrictionsDataset.Descriptor);
        services.AddDataset(ExportQuotasDataset.Descriptor);
        return services;
    }
}
