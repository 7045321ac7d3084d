using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using RareEarthApi.Datasets;

namespace RareEarthApi.Http;

/// <summary>What a dataset's [Function] shell calls: the route of the dataset registered under that name.</summary>
internal sealed class DatasetEndpoint(IEnumerable<IDatasetHandler> handlers)
{
    private readonly Dictionary<string, IDatasetHandler> _handlers = handlers.ToDictionary(h => h.Dataset, StringComparer.Ordinal);

    public Task<IActionResult> RespondAsync(HttpRequest request, string dataset, CancellationToken cancellationToken) =>
        _handlers.TryGetValue(dataset, out var handler)
            ? handler.HandleAsync(request, cancellationToken)
            : throw new InvalidOperationException($"No dataset '{dataset}' is registered (services.AddDataset).");
}
