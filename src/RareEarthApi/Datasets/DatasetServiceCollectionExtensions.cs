using Microsoft.Extensions.DependencyInjection;

namespace RareEarthApi.Datasets;

public static class DatasetServiceCollectionExtensions
{
    /// <summary>
    /// Registers one dataset from its descriptor: its seed (published when the store has none), its curated parser
    /// (refreshed from Refresh:Curated:&lt;Name&gt;Url, or uploaded), its catalog entry and its route handler, which
    /// the dataset's [Function] shell reaches through <see cref="Http.DatasetEndpoint"/>. Registration order is catalog order.
    /// </summary>
    internal static IServiceCollection AddDataset<TRow, TWire>(this IServiceCollection services, DatasetDescriptor<TRow, TWire> descriptor)
    {
        var key = descriptor.Name;
        services.AddKeyedSingleton(key, (sp, _) => ActivatorUtilities.CreateInstance<RegisteredDataset<TRow, TWire>>(sp, descriptor));
        services.AddSingleton<IDatasetSeed>(sp => new DatasetSeed<TRow, TWire>(descriptor, sp.GetRequiredService<DatasetServices>()));
        services.AddSingleton<IDatasetDescriber>(sp => sp.GetRequiredKeyedService<RegisteredDataset<TRow, TWire>>(key));
        services.AddSingleton<IDatasetHandler>(sp => sp.GetRequiredKeyedService<RegisteredDataset<TRow, TWire>>(key));
        if (descriptor.Curated is not null)
        {
            services.AddSingleton<ICuratedDataset>(sp => sp.GetRequiredKeyedService<RegisteredDataset<TRow, TWire>>(key));
        }

        return services;
    }
}
