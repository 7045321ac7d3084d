using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using RareEarthApi.Commodities;
using RareEarthApi.Countries;
using RareEarthApi.Http;

namespace RareEarthApi.Production;

/// <summary>The observation routes (production, reserves): their query, rows and columns on the dataset routes' one path.</summary>
internal sealed class ObservationEndpoint(ObservationDatasets datasets, CountryCatalog countries, UsgsCommodityNames names, DatasetEndpoint endpoint)
{
    private readonly Dictionary<string, DatasetRoute<Observation, ObservationQuery, ObservationJson>> _routes = ObservationDatasets.All.ToDictionary(
        dataset => dataset.Name,
        dataset => new DatasetRoute<Observation, ObservationQuery, ObservationJson>(
            dataset.Name,
            dataset.Citation,
            (request, snapshot) => ObservationQueryParser.Parse(request, snapshot, countries, names),
            (query, snapshot) => ObservationQueryRunner.Match(query, snapshot, countries),
            (_, snapshot) => o => ObservationJson.From(o, snapshot, countries),
            ObservationJson.CsvColumns,
            ApiJson.Web.EnvelopeObservationJson),
        StringComparer.Ordinal);

    public async Task<IActionResult> HandleAsync(HttpRequest request, ObservationDataset dataset, CancellationToken cancellationToken) =>
        endpoint.Respond(request, await datasets.GetAsync(dataset, cancellationToken), _routes[dataset.Name]);
}
