using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using RareEarthApi.Countries;
using RareEarthApi.Datasets;
using RareEarthApi.Http;

namespace RareEarthApi.Production;

/// <summary>The request → response path shared by the observation routes (production, reserves).</summary>
internal sealed class ObservationEndpoint(ObservationDatasets datasets, CountryCatalog countries, DatasetResponder responder, ResponseCache cache)
{
    public async Task<IActionResult> HandleAsync(HttpRequest request, ObservationDataset dataset, CancellationToken cancellationToken)
    {
        var snapshot = await datasets.GetAsync(dataset, cancellationToken);
        return cache.GetOrBuild(request, dataset.Name, snapshot.Version, () => Respond(request, dataset, snapshot));
    }

    private IActionResult Respond(HttpRequest request, ObservationDataset dataset, DatasetSnapshot<Observation> snapshot)
    {
        var (query, errors) = ObservationQueryParser.Parse(request, snapshot, countries);
        if (query is null)
        {
            return ProblemResult.InvalidParameters(errors);
        }

        var normalised = query.Normalised();
        var etag = DatasetResponder.ETag(snapshot.Version, normalised, query.Format);
        if (responder.NotModified(request, etag, snapshot.PublishedAt) is { } notModified)
        {
            return notModified;
        }

        var page = ObservationQueryRunner.Run(query, snapshot, countries);
        if (RowsResponse.PastTheEnd(normalised, query.Offset, page.Total) is { } pastTheEnd)
        {
            return pastTheEnd;
        }

        var rows = page.Rows.Select(o => ObservationJson.From(o, snapshot, countries)).ToList();
        var next = RowsResponse.Next(request, dataset.Name, snapshot.Version, normalised, query.Offset + page.Rows.Count, page.Total);
        if (query.Format == ResponseFormat.Csv)
        {
            return responder.Csv(dataset.Name, rows, ObservationJson.CsvColumns, etag, snapshot.PublishedAt, next);
        }

        var meta = new ResponseMeta(dataset.Name, page.Total, rows.Count, normalised, snapshot.Version, snapshot.PublishedAt, dataset.Citation, page.Warnings);
        var links = RowsResponse.Links(request, next);
        return responder.Json(new Envelope<ObservationJson>(rows, meta, links), ApiJson.Web.EnvelopeObservationJson, etag);
    }
}
