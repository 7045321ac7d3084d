using RareEarthApi.Tests.Support;

namespace RareEarthApi.Tests.Restrictions;

[Collection(ApiCollection.Name)]
public sealed class RestrictionsApiTests(ApiFixture api)
{
    private static string Status(System.Text.Json.JsonElement body, string id) =>
        Assert.Single(body.Data(), e => e.GetProperty("id").GetString() == id).GetProperty("status").GetString()!;

    [Fact]
    public async Task AsOf2026_No18InForce_October2025Suspended_QuotasLifted()
    {
        var body = await api.Client.OkJson("api/v1/restrictions?country=CHN&as_of=2026-01-01");

        Assert.Equal("in-force", Status(body, "cn-2025-medium-heavy-rare-earths"));
        Assert.Equal("suspended", Status(body, "cn-2025-holmium-erbium-items"));
        Assert.Equal("suspended", Status(body, "cn-2024-us-dual-use-ban"));
        Assert.Equal("lifted", Status(body, "cn-re-export-quotas"));
        Assert.Equal("lifted", Status(body, "cn-2010-japan-halt"));
        var no18 = Assert.Single(body.Data(), e => e.GetProperty("id").GetString() == "cn-2025-medium-heavy-rare-earths");
        Assert.Equal("No. 18 [2025]", no18.GetProperty("instrumentNumber").GetString());
        Assert.Equal("2025-04-04", no18.GetProperty("effective").GetString());
        Assert.NotEmpty(no18.GetProperty("sourceUrls").EnumerateArray());
    }

    [Fact]
    public async Task AsOf2010_TheJapanHaltIsInForce_AndTheRange2010To2015_HoldsTheOldMeasuresOnly()
    {
        var body = await api.Client.OkJson("api/v1/restrictions?from=2010-01-01&to=2015-12-31&as_of=2010-10-01");

        Assert.Equal(
            ["cn-re-export-quotas", "cn-2001-technology-catalogue", "cn-2006-graphite-temporary-controls", "cn-re-export-duties", "cn-2010-japan-halt",
             "wto-2012-consultations", "wto-2012-panel-established", "wto-2014-panel-reports", "wto-2014-appeals", "wto-2014-appellate-body-reports", "wto-2015-compliance"],
            body.Data().Select(e => e.GetProperty("id").GetString()));
        Assert.Equal("in-force", Status(body, "cn-re-export-quotas"));
        Assert.Equal("not-yet-announced", Status(body, "wto-2012-consultations"));
        Assert.Equal("in-force", Status(body, "cn-2010-japan-halt"));
        Assert.Equal(["JPN"], Assert.Single(body.Data(), e => e.GetProperty("id").GetString() == "cn-2010-japan-halt").GetProperty("targets").Strings());
    }

    [Fact]
    public async Task AsOf1700_EveryEventIsNotYetAnnounced_NothingUnknown()
    {
        var body = await api.Client.OkJson("api/v1/restrictions?as_of=1700-01-01&limit=100");

        Assert.All(body.Data(), e => Assert.Equal("not-yet-announced", e.GetProperty("status").GetString()));
        Assert.DoesNotContain(body.GetProperty("meta").GetProperty("warnings").Strings(), w => w!.Contains("unknown", StringComparison.Ordinal));
    }

    [Fact]
    public async Task AsOfInsideTheYearTheQuotasAreKnownTo_TheyAreUnknown_WithTheReason()
    {
        var body = await api.Client.OkJson("api/v1/restrictions?as_of=1999-06-01");

        Assert.Equal("unknown", Status(body, "cn-re-export-quotas"));
        Assert.Equal("1999", Assert.Single(body.Data(), e => e.GetProperty("id").GetString() == "cn-re-export-quotas").GetProperty("effective").GetString());
        Assert.Contains(body.GetProperty("meta").GetProperty("warnings").Strings(), w => w!.Contains("cn-re-export-quotas", StringComparison.Ordinal) && w.Contains("only as 1999", StringComparison.Ordinal));
    }

    [Fact]
    public async Task StatusInForce_On2025_06_01_IsWhatWasInForceThatDay()
    {
        var body = await api.Client.OkJson("api/v1/restrictions?status=in-force&as_of=2025-06-01");

        Assert.Equal(
            ["cn-2001-technology-catalogue", "cn-2023-gallium-germanium", "cn-2023-graphite", "cn-2023-technology-catalogue", "cn-2024-rare-earth-regulations",
             "cn-2024-antimony-superhard", "cn-2024-dual-use-regulations", "cn-2024-us-dual-use-ban", "cn-2025-tungsten-tellurium-bismuth-molybdenum-indium", "cn-2025-medium-heavy-rare-earths"],
            body.Data().Select(e => e.GetProperty("id").GetString()));
        Assert.Equal("in-force", body.GetProperty("meta").GetProperty("query").GetProperty("status").GetString());
    }

    [Fact]
    public async Task StatusSuspended_On2026_01_01_IsTheOctober2025Package_AndTheUsBan()
    {
        var body = await api.Client.OkJson("api/v1/restrictions?status=suspended&as_of=2026-01-01");

        Assert.Equal(
            ["cn-2024-us-dual-use-ban", "cn-2025-holmium-erbium-items", "cn-2025-lithium-battery-graphite-anode", "cn-2025-overseas-rare-earth-items",
             "cn-2025-rare-earth-equipment", "cn-2025-rare-earth-technologies", "cn-2025-superhard-materials"],
            body.Data().Select(e => e.GetProperty("id").GetString()));
    }

    [Fact]
    public async Task Timeline_EachEventCarriesItsDatedStatusChanges_InDateOrder()
    {
        var body = await api.Client.OkJson("api/v1/restrictions?element=Ho");
        var csv = Assert.Single(await api.Client.Csv("api/v1/restrictions?element=Ho&type=licence&format=csv"), r => r["id"] == "cn-2025-holmium-erbium-items");

        var no57 = Assert.Single(body.Data(), e => e.GetProperty("id").GetString() == "cn-2025-holmium-erbium-items");
        Assert.Equal(
            ["2025-10-09 announced", "2025-11-07 suspended", "2025-11-08 in-force", "2026-11-10 suspension-expired"],
            no57.GetProperty("statusChanges").EnumerateArray().Select(c => $"{c.GetProperty("date").GetString()} {c.GetProperty("status").GetString()}"));
        Assert.Equal(["MOFCOM", "GAC"], no57.GetProperty("issuingBodies").Strings());
        Assert.Equal("2025-10-09 announced|2025-11-07 suspended|2025-11-08 in-force|2026-11-10 suspension-expired", csv["statusChanges"]);
        var starts = body.Data().Select(e => e.GetProperty("statusChanges")[0].GetProperty("date").GetString()).ToList();
        Assert.Equal(starts.Order(StringComparer.Ordinal), starts);
    }

    [Fact]
    public async Task WtoDisputeSteps_AreEventsOfTheirOwn()
    {
        var body = await api.Client.OkJson("api/v1/restrictions?type=wto-dispute&as_of=2014-08-07");

        Assert.Equal(
            [("wto-2012-consultations", "2012-03-13", "occurred"), ("wto-2012-panel-established", "2012-07-23", "occurred"), ("wto-2014-panel-reports", "2014-03-26", "occurred"),
             ("wto-2014-appeals", "2014-04-08", "occurred"), ("wto-2014-appellate-body-reports", "2014-08-07", "occurred"), ("wto-2015-compliance", "2015-05-01", "not-yet-announced")],
            body.Data().Select(e => (e.GetProperty("id").GetString(), e.GetProperty("announced").GetString(), e.GetProperty("status").GetString())));
    }

    [Fact]
    public async Task AfterNo70sSuspensionEnds_TheOctober2025Measures_AreSuspensionExpired_WithWarnings()
    {
        var body = await api.Client.OkJson("api/v1/restrictions?as_of=2026-11-11");

        foreach (var id in new[] { "cn-2025-rare-earth-equipment", "cn-2025-holmium-erbium-items", "cn-2025-overseas-rare-earth-items", "cn-2025-rare-earth-technologies" })
        {
            Assert.Equal("suspension-expired", Status(body, id));
        }

        Assert.Equal("suspended", Status(body, "cn-2024-us-dual-use-ban"));
        Assert.Equal("in-force", Status(body, "cn-2025-medium-heavy-rare-earths"));
        var warnings = body.GetProperty("meta").GetProperty("warnings").Strings().ToList();
        Assert.Contains(warnings, w => w!.Contains("after 2025-11-09", StringComparison.Ordinal) && w.Contains("what the compilation knew", StringComparison.Ordinal));
        Assert.Contains(warnings, w => w!.Contains("No. 57 [2025]", StringComparison.Ordinal) && w.Contains("say nothing of what followed", StringComparison.Ordinal));
    }

    [Fact]
    public async Task AsOfOnTheCompilationDate_HasNoCompilationWarning()
    {
        var body = await api.Client.OkJson("api/v1/restrictions?as_of=2025-11-09");

        Assert.DoesNotContain(body.GetProperty("meta").GetProperty("warnings").Strings(), w => w!.Contains("compilation knew", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Rows_CarryTheSourceBlock_AndTheProvenanceCsvColumns()
    {
        var body = await api.Client.OkJson("api/v1/restrictions?type=ban&as_of=2026-01-01");
        var csv = Assert.Single(await api.Client.Csv("api/v1/restrictions?type=ban&as_of=2026-01-01&format=csv"));

        var source = Assert.Single(body.Data()).GetProperty("source");
        Assert.Equal("rareearthapi", source.GetProperty("id").GetString());
        Assert.Equal("rareearthapi-restrictions", source.GetProperty("edition").GetString());
        Assert.Equal("2025-11-09", source.GetProperty("published").GetString());
        Assert.Contains("No. 46 [2024]", source.GetProperty("label").GetString(), StringComparison.Ordinal);
        Assert.NotEmpty(Assert.Single(body.Data()).GetProperty("sourceUrls").EnumerateArray());
        Assert.Equal("rareearthapi", csv["sourceId"]);
        Assert.Equal("rareearthapi-restrictions", csv["edition"]);
        Assert.Equal("2025-11-09", csv["published"]);
        Assert.True(csv.ContainsKey("doi"));
    }

    [Fact]
    public async Task ElementAndTypeFilters()
    {
        var terbium = await api.Client.OkJson("api/v1/restrictions?element=Tb&type=licence");
        var gallium = await api.Client.OkJson("api/v1/restrictions?element=gallium");

        Assert.Contains(terbium.Data(), e => e.GetProperty("id").GetString() == "cn-2025-medium-heavy-rare-earths");
        Assert.All(terbium.Data(), e => Assert.Equal("licence", e.GetProperty("type").GetString()));
        Assert.Equal(["cn-2023-gallium-germanium", "cn-2024-us-dual-use-ban", "cn-2025-us-ban-suspended"], gallium.Data().Select(e => e.GetProperty("id").GetString()));
        Assert.Equal("Ga", gallium.GetProperty("meta").GetProperty("query").GetProperty("element").GetString());
    }

    [Fact]
    public async Task Csv_And304()
    {
        var rows = await api.Client.Csv("api/v1/restrictions?type=ban&as_of=2026-01-01&format=csv");

        var ban = Assert.Single(rows);
        Assert.Equal("USA", ban["targets"]);
        Assert.Equal("suspended", ban["status"]);
        await api.Client.AssertNotModifiedOnSecondAsk("api/v1/restrictions?type=ban&as_of=2026-01-01");
    }

    [Theory]
    [InlineData("from=2025-01-01&to=2020-01-01", "from")]
    [InlineData("element=Xy", "element")]
    [InlineData("hs=1234", "hs")]
    [InlineData("type=embargo", "type")]
    [InlineData("status=active", "status")]
    [InlineData("as_of=01/01/2026", "as_of")]
    public async Task BadInput_Is400NamingTheParameter(string query, string parameter)
    {
        var error = await api.Client.ProblemFor("api/v1/restrictions?" + query, parameter);
        if (parameter == "element")
        {
            Assert.Contains("Dy", error.GetProperty("accepted").Strings());
        }
    }
}
