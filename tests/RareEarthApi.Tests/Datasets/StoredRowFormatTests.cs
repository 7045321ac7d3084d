using Azure.Data.Tables;
using RareEarthApi.Datasets;
using RareEarthApi.ExportQuotas;
using RareEarthApi.Production;
using RareEarthApi.Refining;
using RareEarthApi.Restrictions;
using RareEarthApi.Trade;
using RareEarthApi.UsStatistics;

namespace RareEarthApi.Tests.Datasets;

/// <summary>
/// The stored row of each dataset, to the byte: a store published by an earlier build must read the same, and a row
/// stored now must be what an earlier build wrote. Each expected text is the packed row the hand-written codecs stored.
/// </summary>
public sealed class StoredRowFormatTests
{
    private static readonly DateOnly Day = new(2010, 7, 8);

    [Fact]
    public void Observation_IsStoredAsBefore() => AssertStored(
        new ObservationCodec(),
        new Observation("production", "rare-earths", "CHN", "China", 2024, 270000, "reported", "t", "REO", "a note", "usgs-mcs-2026", "mine-production", 1.5, 2.5, "1.3", "Rare earths", true, "(a)"),
        """
        [{"~rk":"rare-earths|mine-production|2024|usgs-mcs-2026|1.3|(a)","Measure":"production","Commodity":"rare-earths","Country":"CHN","SourceLabel":"China","Year:i":2024,"Value:d":270000,"Status":"reported","Unit":"t","Basis":"REO","Note":"a note","Edition":"usgs-mcs-2026","Stage":"mine-production","Low:d":1.5,"High:d":2.5,"Version":"1.3","CommodityName":"Rare earths","Critical:b":true,"CountryQualifier":"(a)"}]
        """);

    [Fact]
    public void Trade_IsStoredAsBefore() => AssertStored(
        new TradeCodec(),
        new TradeFlow("CHN", "China", "JPN", "Japan", "export", "2846", 2024, 1.5, 2.25, true, "FOB", "mirror", "a note", "comtrade-2024"),
        """
        [{"~rk":"JPN|export|2846|2024|mirror|comtrade-2024","Reporter":"CHN","ReporterLabel":"China","Partner":"JPN","PartnerLabel":"Japan","Flow":"export","Hs":"2846","Year:i":2024,"ValueUsd:d":1.5,"NetWeightKg:d":2.25,"NetWeightEstimated:b":true,"Valuation":"FOB","Basis":"mirror","Note":"a note","Edition":"comtrade-2024"}]
        """);

    [Fact]
    public void Refining_IsStoredAsBefore() => AssertStored(
        new RefiningCodec(),
        new RefiningShare("TOP3", "Top three", ["CHN", "MYS", "AUS"], 2030, "base-case", 77.5, "a note", "iea-gcmo-2025"),
        """
        [{"~rk":"2030|base-case|iea-gcmo-2025","Country":"TOP3","SourceLabel":"Top three","Members":"CHN|MYS|AUS","Year:i":2030,"Scenario":"base-case","Value:d":77.5,"Note":"a note","Edition":"iea-gcmo-2025"}]
        """);

    [Fact]
    public void ExportQuota_IsStoredAsBefore() => AssertStored(
        new ExportQuotaCodec(),
        new ExportQuota("cn-2010-first", "CHN", "quota", 2010, "first-batch", "h1", "domestic", 16304, 22, Day, "MOFCOM notice", ["https://a.example/1", "https://b.example/2"], "a note"),
        """
        [{"~rk":"cn-2010-first","Country":"CHN","Measure":"quota","Year:i":2010,"Period":"first-batch","Half":"h1","Segment":"domestic","Tonnes:d":16304,"Exporters:i":22,"Announced":"2010-07-08","Basis":"MOFCOM notice","SourceUrls":"https://a.example/1 https://b.example/2","Note":"a note"}]
        """);

    [Fact]
    public void Restriction_IsStoredAsBefore() => AssertStored(
        new RestrictionCodec(),
        new RestrictionEvent("cn-2023-ga", "CHN", "licence", "Gallium", Day, Day.AddDays(1), Day.AddDays(2), Day.AddDays(3), Day.AddDays(4),
            ["Ga", "Ge"], ["8112", "2825"], ["all"], "Announcement", "No. 23", ["https://a.example/1", "https://b.example/2"], "a note",
            ["MOFCOM", "GAC"], ["8112921010"], DatePrecision.Month),
        """
        [{"~rk":"cn-2023-ga","Country":"CHN","Type":"licence","Title":"Gallium","Announced":"2010-07-08","Effective":"2010-07-09","StartPrecision":"Month","Ended":"2010-07-10","Suspended":"2010-07-11","SuspendedUntil":"2010-07-12","Elements":"Ga|Ge","HsCodes":"8112|2825","CustomsCodes":"8112921010","Targets":"all","Instrument":"Announcement","IssuingBodies":"MOFCOM|GAC","InstrumentNumber":"No. 23","SourceUrls":"https://a.example/1 https://b.example/2","Note":"a note"}]
        """);

    [Fact]
    public void UsStatistic_IsStoredAsBefore() => AssertStored(
        new UsStatisticCodec(),
        new UsStatistic("rare-earths", "Rare earths", "imports", "Compounds and metals", 2, 2024, 1.5, "estimated", 1.25, 2.75, "metric tons", "1.5", "a note", "usgs-mcs-2026", "1.3", true),
        """
        [{"~rk":"imports|Compounds and metals|2|2024|usgs-mcs-2026|1.3","Commodity":"rare-earths","CommodityName":"Rare earths","Statistic":"imports","Detail":"Compounds and metals","Series:i":2,"Year:i":2024,"Value:d":1.5,"Status":"estimated","Low:d":1.25,"High:d":2.75,"Unit":"metric tons","Printed":"1.5","Note":"a note","Edition":"usgs-mcs-2026","Version":"1.3","Critical:b":true}]
        """);

    [Fact]
    public void UsImportSource_IsStoredAsBefore() => AssertStored(
        new UsImportSourceCodec(),
        new UsImportSource("rare-earths", "Rare earths", "All", "XCR", "China, Germany, and Russia", "(b)", "2021–24", 2021, 2024, 70.5, "reported", 1.25, 2.75, "percent", "70", "a note", "usgs-mcs-2026", "1.3", false),
        """
        [{"~rk":"All|China, Germany, and Russia|usgs-mcs-2026|1.3","Commodity":"rare-earths","CommodityName":"Rare earths","Product":"All","Country":"XCR","SourceLabel":"China, Germany, and Russia","CountryQualifier":"(b)","Period":"2021\u201324","StartYear:i":2021,"EndYear:i":2024,"Share:d":70.5,"Status":"reported","Low:d":1.25,"High:d":2.75,"Unit":"percent","Printed":"70","Note":"a note","Edition":"usgs-mcs-2026","Version":"1.3","Critical:b":false}]
        """);

    [Fact]
    public void NullFields_AreLeftOut_AndReadBackNull() => AssertStored(
        new ObservationCodec(),
        new Observation("reserves", "rare-earths", "CHN", "", 2024, null, "not-available", "t", "", null, "usgs-mcs-2026", "reserves"),
        """
        [{"~rk":"rare-earths|reserves|2024|usgs-mcs-2026||","Measure":"reserves","Commodity":"rare-earths","Country":"CHN","SourceLabel":"","Year:i":2024,"Status":"not-available","Unit":"t","Basis":"","Edition":"usgs-mcs-2026","Stage":"reserves","Version":""}]
        """);

    [Fact]
    public void RowsStoredBeforeAColumnExisted_ReadWithTheDefaultsTheyHadThen()
    {
        var observation = new ObservationCodec().Read(Stored(("Measure", "reserves"), ("Country", "CHN"), ("Year", 2024)));
        var production = new ObservationCodec().Read(Stored(("Measure", "production")));
        var trade = new TradeCodec().Read(Stored(("Reporter", "CHN"), ("Year", 2024)));
        var refining = new RefiningCodec().Read(Stored(("Country", "CHN")));
        var quota = new ExportQuotaCodec().Read(Stored(("Country", "CHN")));
        var restriction = new RestrictionCodec().Read(Stored(("Country", "CHN"), ("StartPrecision", "not-a-precision")));
        var statistic = new UsStatisticCodec().Read(Stored(("Commodity", "rare-earths")));
        var source = new UsImportSourceCodec().Read(Stored(("Commodity", "rare-earths")));

        Assert.Equal((ObservationStage.Reserves, ObservationStage.MineProduction, "", "", "", 2024, (string?)null), (observation.Stage, production.Stage, observation.SourceLabel, observation.Basis, observation.Version, observation.Year, observation.Note));
        Assert.Equal((TradeFlow.AsReported, "", "", "", false, (double?)null), (trade.Basis, trade.ReporterLabel, trade.PartnerLabel, trade.Valuation, trade.NetWeightEstimated, trade.ValueUsd));
        Assert.Equal((RefiningShare.Actual, 0, 0.0, ""), (refining.Scenario, refining.Members.Count, refining.Value, refining.SourceLabel));
        Assert.Equal(("k", 0, 0.0, "", 0, (DateOnly?)null, (int?)null), (quota.Id, quota.Year, quota.Tonnes, quota.Basis, quota.SourceUrls.Count, quota.Announced, quota.Exporters));
        Assert.Equal(("k", DatePrecision.Day, "", "", 0, 0, (DateOnly?)null), (restriction.Id, restriction.StartPrecision, restriction.Title, restriction.Instrument, restriction.Elements.Count, restriction.CustomsCodes.Count, restriction.Announced));
        Assert.Equal((1, 0, "", "", "", "", (bool?)null), (statistic.Series, statistic.Year, statistic.CommodityName, statistic.Detail, statistic.Unit, statistic.Printed, statistic.Critical));
        Assert.Equal((0, 0, "", "", "", (double?)null), (source.StartYear, source.EndYear, source.Product, source.Period, source.Version, source.Share));
    }

    private static TableEntity Stored(params (string Name, object Value)[] properties)
    {
        var entity = new TableEntity("p", "k");
        foreach (var (name, value) in properties)
        {
            entity[name] = value;
        }

        return Assert.Single(RowPacker.Unpack(Assert.Single(RowPacker.Pack("p", [entity], new AsStored()))));
    }

    /// <summary>Packs an entity as it stands, as an earlier build's codec would have written it.</summary>
    private sealed class AsStored : IRowCodec<TableEntity>
    {
        public string Shard(TableEntity row) => row.PartitionKey;

        public string RowKey(TableEntity row) => row.RowKey;

        public void Write(TableEntity row, TableEntity entity)
        {
            foreach (var (name, value) in row.Where(p => p.Key is not ("PartitionKey" or "RowKey")))
            {
                entity[name] = value;
            }
        }

        public TableEntity Read(TableEntity entity) => entity;
    }

    private static void AssertStored<TRow>(IRowCodec<TRow> codec, TRow row, string expected)
    {
        var chunk = Assert.Single(RowPacker.Pack("p", [row], codec));

        Assert.Equal(expected, chunk.GetString("Rows0"));
        Assert.Equal(row, codec.Read(Assert.Single(RowPacker.Unpack(chunk))), new RowComparer<TRow>(codec));
    }

    /// <summary>Rows holding lists compare by what they store.</summary>
    private sealed class RowComparer<TRow>(IRowCodec<TRow> codec) : IEqualityComparer<TRow>
    {
        public bool Equals(TRow? x, TRow? y) => Stored(x!) == Stored(y!);

        public int GetHashCode(TRow obj) => Stored(obj).GetHashCode(StringComparison.Ordinal);

        private string Stored(TRow row) => Assert.Single(RowPacker.Pack("p", [row], codec)).GetString("Rows0");
    }
}
