using Microsoft.AspNetCore.Http;
using RareEarthApi.Countries;
using RareEarthApi.Datasets;
using RareEarthApi.Http;
using RareEarthApi.Production;
using static RareEarthApi.Tests.Production.SnapshotBuilder;

namespace RareEarthApi.Tests.Production;

public sealed class ObservationQueryTests
{
    private static readonly CountryCatalog Countries = CountryCatalog.Load(SeedFiles.Path("countries.csv"), TimeProvider.System);

    private static readonly DatasetSnapshot<Observation> Snapshot = Of(
        Row("AUS", 2024, 13000, "usgs-mcs-2025"),
        Row("AUS", 2024, 29000, "usgs-mcs-2026"),
        Row("AUS", 2023, 16000, "usgs-mcs-2025"),
        Row("NGA", 2024, 13000, "usgs-mcs-2025"),
        Row("CHN", 2024, 270000, "usgs-mcs-2026"),
        Row("WLD", 2024, 380000, "usgs-mcs-2026"));

    private static (ObservationQuery? Query, IReadOnlyList<ParameterError> Errors) Parse(string query)
    {
        var context = new DefaultHttpContext();
        context.Request.QueryString = new QueryString("?" + query);
        return ObservationQueryParser.Parse(context.Request, Snapshot, Countries);
    }

    private static ObservationPage Run(string query) => ObservationQueryRunner.Run(Parse(query).Query!, Snapshot, Countries);

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
    public void Cursor_FromAnotherVersionOrQuery_IsRefused()
    {
        var (query, _) = Parse("country=AUS");
        var fingerprint = Cursor.Fingerprint(query!.Normalised());

        Assert.Null(Cursor.Decode(Cursor.Encode("v1", 5, fingerprint), "v1", fingerprint).Error);
        Assert.Equal(5, Cursor.Decode(Cursor.Encode("v1", 5, fingerprint), "v1", fingerprint).Offset);
        Assert.Contains("republished", Cursor.Decode(Cursor.Encode("v0", 5, fingerprint), "v1", fingerprint).Error);
        Assert.Contains("different query", Cursor.Decode(Cursor.Encode("v1", 5, "other"), "v1", fingerprint).Error);
    }
}
