using RareEarthApi.Countries;
using RareEarthApi.Datasets;

namespace RareEarthApi.Production;

/// <summary>Describes an observation dataset's current version for the catalog.</summary>
internal sealed class ObservationDatasetDescriber(ObservationDataset dataset, ObservationDatasets datasets, CountryCatalog countries) : IDatasetDescriber
{
    private readonly SnapshotDescriber<Observation> _describer = new(
        new DatasetText(dataset.Name, dataset.Title, dataset.Description, dataset.Citation, dataset.License),
        ct => datasets.GetAsync(dataset, ct), countries, DatasetCoverage.CountedCountries, r => r.Year, r => r.Country, r => r.Edition);

    public Task<DatasetInfo> DescribeAsync(CancellationToken cancellationToken) => _describer.DescribeAsync(cancellationToken);
}
