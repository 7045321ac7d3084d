using RareEarthApi.Commodities;
using RareEarthApi.Countries;
using RareEarthApi.Datasets;

namespace RareEarthApi.Tests.Support;

/// <summary>The bundled crosswalks, loaded once for the unit tests that check codes against them.</summary>
internal static class SeedCatalogs
{
    public static CountryCatalog Countries { get; } = CountryCatalog.Load(SeedFiles.Path("countries.csv"));

    public static CommodityCatalog Commodities { get; } = CommodityCatalog.Load(Path.GetDirectoryName(SeedFiles.Path("elements.csv"))!);

    /// <summary>What a dataset's filters and parsers are given, on the real clock.</summary>
    public static DatasetServices Services { get; } = new(Countries, Commodities, TimeProvider.System);
}
