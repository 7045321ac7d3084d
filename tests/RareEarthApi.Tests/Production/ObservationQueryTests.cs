using RareEarthApi.Countries;
using RareEarthApi.Datasets;
using RareEarthApi.Http;
using RareEarthApi.Production;
using RareEarthApi.Tests.Support;
using static RareEarthApi.Tests.Production.SnapshotBuilder;

namespace RareEarthApi.Tests.Production;

public sealed class ObservationQueryTests
{
    private static readonly CountryCatalog Countries = SeedCatalogs.Countries;

    private static readonly DatasetServices Services = SeedCatalogs.Services;

    private static readonly DatasetSnapshot<Observation> Snapshot = Of(
        Row("AUS", 2024, 13000, "usgs-mcs-2025"),
        Row("AUS", 2024, 29000, "usgs-mcs-2026"),
        Row("AUS", 2023, 16000, "usgs-mcs-2025"),
        Row("NGA", 2024, 13000, "usgs-mcs-2025"),
        Row("CHN", 2024, 270000, "usgs-mcs-2026"),
        Row("WLD", 2024, 380000, "usgs-mcs-2026"));

    /// <summary>The production query as these tests read it: the generic query's values by name.</summary>
    private sealed record ObservationQuery(DatasetQuery<Observation> Query)
    {
        public string Commodity => Query.Get<string>("commodity");

        public IReadOnlyList<string> Countries => Query.List("country");

        public string? Edition => Query.Edition;

        public int Limit => Query.Limit;

        public int Offset => Query.Offset;

        public IReadOnlyDictionary<string, string> Normalised() => Query.Normalised;
    }

    private sealed record ObservationPage(IReadOnlyList<Observation> Rows, IReadOnlyList<string> Warnings);

    private static (ObservationQuery? Query, IReadOnlyList<ParameterError> Errors) Parse(string query, DatasetSnapshot<Observation>? snapshot = null)
    {
        var (parsed, errors) = DatasetQueries.Parse(ObservationDatasets.Production.Descriptor, ApiRequest.With(query), snapshot ?? Snapshot, Services);
        return (parsed is null ? null : new ObservationQuery(parsed), errors);
    }

    private static ObservationPage Run(string query, DatasetSnapshot<Observation>? snapshot = null)
    {
        var (rows, warnings) = DatasetQueries.Run(ObservationDatasets.Production.Descriptor, Parse(query, snapshot).Query!.Query);
        return new ObservationPage(rows, warnings);
    }

    [Fact]
    public void Latest_TakesEachFigureFromTheNewestEditionThatHasIt()
    {
        var rows = Run("start=2023").Rows;

        Assert.Equal(29000, Assert.Single(rows, r => r.Country == "AUS" && r.Year == 2024).Value);
        Assert.Equal(16000, Assert.Single(rows, r => r.Country == "AUS" && r.Year == 2023).Value);
        // Nigeria 2024 only in MCS2025: still its newest figure.
        Assert.Equal(13000, Assert.Single(rows, r => r.Country == "NGA").Value);
    }

    [Fact]
    public void NamedEdition_AnswersFromThatEditionAlone()
    {
        var rows = Run("edition=usgs-mcs-2025&year=2024").Rows;

        Assert.All(rows, r => Assert.Equal("usgs-mcs-2025", r.Edition));
        Assert.Equal(13000, Assert.Single(rows, r => r.Country == "AUS").Value);
        Assert.DoesNotContain(rows, r => r.Country == "CHN");
    }

    [Fact]
    public void Defaults_AreCanonicalAndAggregatesLeftOut()
    {
        var (query, errors) = Parse("");

        Assert.Empty(errors);
        Assert.Equal("rare-earths", query!.Commodity);
        Assert.Equal("latest", query.Edition);
        Assert.Equal(1000, query.Limit);
        Assert.DoesNotContain(Run("").Rows, r => r.Country == "WLD");
        Assert.Contains(Run("country=WLD").Rows, r => r.Country == "WLD");
    }

    [Fact]
    public void ManyProblems_AreAllReportedAtOnce()
    {
        var (query, errors) = Parse("country=XXX&start=2025&end=2020&limit=-1&bogus=1");

        Assert.Null(query);
        Assert.Equal(["bogus", "country", "start", "limit"], errors.Select(e => e.Parameter).ToArray());
    }

    [Fact]
    public void EmptyResult_ExplainsTheCoverage()
    {
        var page = Run("country=AUS&start=2000&end=2010");

        Assert.Empty(page.Rows);
        Assert.Contains("2023–2024", Assert.Single(page.Warnings));
    }

    [Fact]
    public void Cursor_FromAnotherDatasetVersionOrQuery_IsRefused()
    {
        var (query, _) = Parse("country=AUS");
        var fingerprint = Cursor.Fingerprint(query!.Normalised());

        Assert.Null(Cursor.Decode(Cursor.Encode("production", "v1", 5, fingerprint), "production", "v1", fingerprint).Error);
        Assert.Equal(5, Cursor.Decode(Cursor.Encode("production", "v1", 5, fingerprint), "production", "v1", fingerprint).Offset);
        Assert.Contains("another dataset (reserves)", Cursor.Decode(Cursor.Encode("reserves", "v1", 5, fingerprint), "production", "v1", fingerprint).Error);
        Assert.Contains("republished", Cursor.Decode(Cursor.Encode("production", "v0", 5, fingerprint), "production", "v1", fingerprint).Error);
        Assert.Contains("different query", Cursor.Decode(Cursor.Encode("production", "v1", 5, "other"), "production", "v1", fingerprint).Error);
    }

    [Theory]
    [InlineData("country=Korea, Republic of,CHN", "KOR,CHN")]
    [InlineData("country=CHN,Korea, Republic of", "CHN,KOR")]
    [InlineData("country=Korea,Republic of", "KOR")]
    [InlineData("country=Hong Kong, China,Taiwan, Province of China", "HKG,TWN")]
    [InlineData("country=China, Hong Kong SAR", "HKG")]
    [InlineData("country=Korea,CHN", "KOR,CHN")]
    public void Country_NameWithAComma_IsMatchedWhole(string query, string expected)
    {
        var (parsed, errors) = Parse(query);

        Assert.Empty(errors);
        Assert.Equal(expected, string.Join(",", parsed!.Countries));
    }

    [Fact]
    public void Country_UnknownPieceBesideANameWithAComma_IsTheOneNamed()
    {
        var (_, errors) = Parse("country=Korea, Republic of,Narnia");

        var error = Assert.Single(errors);
        Assert.Equal(("country", "Narnia"), (error.Parameter, error.Value));
    }

    [Theory]
    [InlineData("sort=value,value")]
    [InlineData("sort=value,-value")]
    [InlineData("sort=year&sort=year")]
    public void Sort_FieldGivenTwice_Is400NamingSort(string query)
    {
        var (_, errors) = Parse(query);

        var error = Assert.Single(errors);
        Assert.Equal("sort", error.Parameter);
        Assert.Contains("twice", error.Detail);
    }

    [Fact]
    public void Lists_MayRepeatAndMerge_ScalarsMayNot()
    {
        Assert.Equal(["CHN", "USA"], Parse("country=CHN&country=USA").Query!.Countries);
        Assert.Equal("year", Assert.Single(Parse("year=2024&year=2023").Errors).Parameter);
    }

    [Fact]
    public void Cursor_IsEchoedInTheNormalisedQuery_TheOffsetIsNot()
    {
        var first = Parse("limit=1").Query!;
        var cursor = Cursor.Encode(Snapshot.Dataset, Snapshot.Version, 2, Cursor.Fingerprint(first.Normalised()));

        var (second, errors) = Parse("limit=1&cursor=" + cursor);

        Assert.Empty(errors);
        Assert.Equal(2, second!.Offset);
        Assert.Equal(cursor, second.Normalised()["cursor"]);
        Assert.DoesNotContain("offset", second.Normalised().Keys);
        Assert.NotEqual(DatasetResponder.ETag("v", first.Normalised(), ResponseFormat.Json), DatasetResponder.ETag("v", second.Normalised(), ResponseFormat.Json));
    }

    [Fact]
    public void CountryWhoseFiguresStartAfterStart_IsNamedWithTheYearsCovered()
    {
        var page = Run("country=AUS,NGA&start=2020&end=2024");

        Assert.Contains("Australia (AUS) has figures for 2023–2024 only, not the whole of 2020–2024.", page.Warnings);
        Assert.Contains("Nigeria (NGA) has figures for 2024 only, not the whole of 2020–2024.", page.Warnings);
    }

    [Fact]
    public void CountryWhoseFiguresEndBeforeEnd_IsNamed_AndFullCoverageIsNot()
    {
        var page = Run("country=AUS,CHN&start=2024&end=2025");

        Assert.Equal(["Australia (AUS) has figures for 2023–2024 only, not the whole of 2024–2025.", "China (CHN) has figures for 2024 only, not the whole of 2024–2025."], page.Warnings);
        Assert.Empty(Run("country=AUS&start=2023&end=2024").Warnings);
    }

    [Fact]
    public void BundledData_ChinaAndAustraliaCover2018To2025_TheUnitedStates2010To2025()
    {
        var content = ObservationSeedDataset.Read(Countries);
        var snapshot = new DatasetSnapshot<Observation>("production", "v1", DateTimeOffset.UnixEpoch,
            content.Rows.Where(r => r.Measure == ObservationDatasets.Production.Measure).ToList(), content.Editions);
        var page = Run("country=CHN,USA,AUS&start=2018&end=2025", snapshot);

        Assert.Empty(page.Warnings);
        Assert.All(new[] { "CHN", "USA", "AUS" }, c => Assert.Equal(Enumerable.Range(2018, 8), page.Rows.Where(r => r.Country == c).Select(r => r.Year).Order()));
        Assert.Equal(Enumerable.Range(2010, 16), Run("country=USA&start=2010&end=2025", snapshot).Rows.Select(r => r.Year).Order());
        Assert.Equal(["China (CHN) has figures for 2018–2025 only, not the whole of 2010–2025."], Run("country=CHN&start=2010&end=2025", snapshot).Warnings);
        // Australia 2021: estimated at 22,000 t in MCS 2022, 24,000 t in MCS 2023.
        Assert.Equal(22000, Run("country=AUS&year=2021&edition=usgs-mcs-2022", snapshot).Rows.Single().Value);
        Assert.Equal(24000, Run("country=AUS&year=2021&edition=usgs-mcs-2023", snapshot).Rows.Single().Value);
    }
}
