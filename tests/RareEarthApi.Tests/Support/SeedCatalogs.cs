using RareEarthApi.Commodities;
using RareEarthApi.Countries;
using RareEarthApi.Datasets;
using RareEarthApi.Production;
using RareEarthApi.Refresh.Usgs;

namespace RareEarthApi.Tests.Support;

/// <summary>The bundled crosswalks, loaded once for the unit tests that check codes against them.</summary>
internal static class SeedCatalogs
{
    public static CountryCatalog Countries { get; } = CountryCatalog.Load(SeedFiles.Path("countries.csv"));

    public static CommodityCatalog Commodities { get; } = CommodityCatalog.Load(Path.GetDirectoryName(SeedFiles.Path("elements.csv"))!);

    public static UsgsCommodityNames CommodityNames => Commodities.UsgsNames;

    /// <summary>What a dataset's filters and parsers are given, on the real clock.</summary>
    public static DatasetServices Services { get; } = new(Countries, Commodities, TimeProvider.System);

    /// <summary>The bundled USGS release files (Seed/raw), parsed by the refresh's own code once, on first use: every edition is seconds of parsing.</summary>
    public static IReadOnlyList<UsgsEditionParse> BundledEditions => Bundled.Value;

    private static readonly Lazy<IReadOnlyList<UsgsEditionParse>> Bundled = new(() => ObservationSeedDataset.BundledFiles(Countries, CommodityNames));
}
