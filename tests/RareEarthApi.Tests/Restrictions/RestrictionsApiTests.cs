using RareEarthApi.Http;
using RareEarthApi.Restrictions;
using RareEarthApi.Tests.Support;

namespace RareEarthApi.Tests.Restrictions;

[Collection(ApiCollection.Name)]
public sealed class RestrictionsApiTests(ApiFixture api)
{
    private static RestrictionStatus Status(Envelope<RestrictionJson> body, string id) => Assert.Single(body.Data, e => e.Id == id).Status;

    [Fact]
    public async Task AsOf2026_No18InForce_October2025Suspended_QuotasLifted()
    {
        var body = await api.Client.ReadEnvelope<RestrictionJson>("api/v1/restrictions?country=CHN&as_of=2026-01-01");

        Assert.Equal(RestrictionStatus.InForce, Status(body, "cn-2025-medium-heavy-rare-earths"));
        Assert.Equal(RestrictionStatus.Suspended, Status(body, "cn-2025-holmium-erbium-items"));
        Assert.Equal(RestrictionStatus.Suspended, Status(body, "cn-2024-us-dual-use-ban"));
        Assert.Equal(RestrictionStatus.Lifted, Status(body, "cn-re-export-quotas"));
        Assert.Equal(RestrictionStatus.Lifted, Status(body, "cn-2010-japan-halt"));
        var no18 = Assert.Single(body.Data, e => e.Id == "cn-2025-medium-heavy-rare-earths");
        Assert.Equal("No. 18 [2025]", no18.InstrumentNumber);
        Assert.Equal("2025-04-04", no18.Effective);
        Assert.NotEmpty(no18.SourceUrls);
    }

    [Fact]
    public async Task AsOf2010_TheJapanHaltIsInForce_AndTheRange2010To2015_HoldsTheOldMeasuresOnly()
    {
        var body = await api.Client.ReadEnvelope<RestrictionJson>("api/v1/restrictions?from=2010-01-01&to=2015-12-31&as_of=2010-10-01");

        Assert.Equal(
            ["cn-re-export-quotas", "cn-2001-technology-catalogue", "cn-2006-graphite-temporary-controls", "cn-re-export-duties", "cn-2010-japan-halt",
             "wto-2012-consultations", "wto-2012-panel-established", "wto-2014-panel-reports", "wto-2014-appeals", "wto-2014-appellate-body-reports", "wto-2015-compliance"],
            body.Data.Select(e => e.Id));
        Assert.Equal(RestrictionStatus.InForce, Status(body, "cn-re-export-quotas"));
        Assert.Equal(RestrictionStatus.NotYetAnnounced, Status(body, "wto-2012-consultations"));
        Assert.Equal(RestrictionStatus.InForce, Status(body, "cn-2010-japan-halt"));
        Assert.Equal(["JPN"], Assert.Single(body.Data, e => e.Id == "cn-2010-japan-halt").Targets);
    }

    [Fact]
    public async Task AsOf1700_EveryEventIsNotYetAnnounced_NothingUnknown()
    {
        var body = await api.Client.ReadEnvelope<RestrictionJson>("api/v1/restrictions?as_of=1700-01-01&limit=100");

        Assert.All(body.Data, e => Assert.Equal(RestrictionStatus.NotYetAnnounced, e.Status));
        Assert.DoesNotContain(body.Meta.Warnings, w => w.Contains("unknown", StringComparison.Ordinal));
    }

    [Fact]
    public async Task AsOfInsideTheYearTheQuotasAreKnownTo_TheyAreUnknown_WithTheReason()
    {
        var body = await api.Client.ReadEnvelope<RestrictionJson>("api/v1/restrictions?as_of=1999-06-01");

        Assert.Equal(RestrictionStatus.Unknown, Status(body, "cn-re-export-quotas"));
        Assert.Equal("1999", Assert.Single(body.Data, e => e.Id == "cn-re-export-quotas").Effective);
        Assert.Contains(body.Meta.Warnings, w => w.Contains("cn-re-export-quotas", StringComparison.Ordinal) && w.Contains("only as 1999", StringComparison.Ordinal));
    }

    [Fact]
    public async Task StatusInForce_On2025_06_01_IsWhatWasInForceThatDay()
    {
        var body = await api.Client.ReadEnvelope<RestrictionJson>("api/v1/restrictions?status=in-force&as_of=2025-06-01");

        Assert.Equal(
            ["cn-2001-technology-catalogue", "cn-2023-gallium-germanium", "cn-2023-graphite", "cn-2023-technology-catalogue", "cn-2024-rare-earth-regulations",
             "cn-2024-antimony-superhard", "cn-2024-dual-use-regulations", "cn-2024-us-dual-use-ban", "cn-2025-tungsten-tellurium-bismuth-molybdenum-indium", "cn-2025-medium-heavy-rare-earths"],
            body.Data.Select(e => e.Id));
        Assert.Equal("in-force", body.Meta.Query["status"]);
    }

    [Fact]
    public async Task StatusSuspended_On2026_01_01_IsTheOctober2025Package_AndTheUsBan()
    {
        var body = await api.Client.ReadEnvelope<RestrictionJson>("api/v1/restrictions?status=suspended&as_of=2026-01-01");

        Assert.Equal(
            ["cn-2024-us-dual-use-ban", "cn-2025-holmium-erbium-items", "cn-2025-lithium-battery-graphite-anode", "cn-2025-overseas-rare-earth-items",
             "cn-2025-rare-earth-equipment", "cn-2025-rare-earth-technologies", "cn-2025-superhard-materials"],
            body.Data.Select(e => e.Id));
    }

    [Fact]
    public async Task Timeline_EachEventCarriesItsDatedStatusChanges_InDateOrder()
    {
        var body = await api.Client.ReadEnvelope<RestrictionJson>("api/v1/restrictions?element=Ho");
        var csv = Assert.Single(await api.Client.Csv("api/v1/restrictions?element=Ho&type=licence&format=csv"), r => r["id"] == "cn-2025-holmium-erbium-items");

        var no57 = Assert.Single(body.Data, e => e.Id == "cn-2025-holmium-erbium-items");
        Assert.Equal(
            ["2025-10-09 announced", "2025-11-07 suspended", "2025-11-08 in-force", "2026-11-10 suspension-expired"],
            no57.StatusChanges.Select(c => $"{c.Date} {WireEnum.Text(c.Status)}"));
        Assert.Equal(["MOFCOM", "GAC"], no57.IssuingBodies);
        Assert.Equal("2025-10-09 announced|2025-11-07 suspended|2025-11-08 in-force|2026-11-10 suspension-expired", csv["statusChanges"]);
        var starts = body.Data.Select(e => e.StatusChanges[0].Date).ToList();
        Assert.Equal(starts.Order(StringComparer.Ordinal), starts);
    }

    [Fact]
    public async Task WtoDisputeSteps_AreEventsOfTheirOwn()
    {
        var body = await api.Client.ReadEnvelope<RestrictionJson>("api/v1/restrictions?type=wto-dispute&as_of=2014-08-07");

        Assert.Equal(
            [("wto-2012-consultations", "2012-03-13", RestrictionStatus.Occurred), ("wto-2012-panel-established", "2012-07-23", RestrictionStatus.Occurred), ("wto-2014-panel-reports", "2014-03-26", RestrictionStatus.Occurred),
             ("wto-2014-appeals", "2014-04-08", RestrictionStatus.Occurred), ("wto-2014-appellate-body-reports", "2014-08-07", RestrictionStatus.Occurred), ("wto-2015-compliance", "2015-05-01", RestrictionStatus.NotYetAnnounced)],
            body.Data.Select(e => (e.Id, e.Announced, e.Status)));
    }

    [Fact]
    public async Task AfterNo70sSuspensionEnds_TheOctober2025Measures_AreSuspensionExpired_WithWarnings()
    {
        var body = await api.Client.ReadEnvelope<RestrictionJson>("api/v1/restrictions?as_of=2026-11-11");

        foreach (var id in new[] { "cn-2025-rare-earth-equipment", "cn-2025-holmium-erbium-items", "cn-2025-overseas-rare-earth-items", "cn-2025-rare-earth-technologies" })
        {
            Assert.Equal(RestrictionStatus.SuspensionExpired, Status(body, id));
        }

        Assert.Equal(RestrictionStatus.Suspended, Status(body, "cn-2024-us-dual-use-ban"));
        Assert.Equal(RestrictionStatus.InForce, Status(body, "cn-2025-medium-heavy-rare-earths"));
        var warnings = body.Meta.Warnings.ToList();
        Assert.Contains(warnings, w => w.Contains("after 2025-11-09", StringComparison.Ordinal) && w.Contains("what the compilation knew", StringComparison.Ordinal));
        Assert.Contains(warnings, w => w.Contains("No. 57 [2025]", StringComparison.Ordinal) && w.Contains("say nothing of what followed", StringComparison.Ordinal));
    }

    [Fact]
    public async Task AsOfOnTheCompilationDate_HasNoCompilationWarning()
    {
        var body = await api.Client.ReadEnvelope<RestrictionJson>("api/v1/restrictions?as_of=2025-11-09");

        Assert.DoesNotContain(body.Meta.Warnings, w => w.Contains("compilation knew", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Rows_CarryTheSourceBlock_AndTheProvenanceCsvColumns()
    {
        var body = await api.Client.ReadEnvelope<RestrictionJson>("api/v1/restrictions?type=ban&as_of=2026-01-01");
        var csv = Assert.Single(await api.Client.Csv("api/v1/restrictions?type=ban&as_of=2026-01-01&format=csv"));

        var source = Assert.Single(body.Data).Source;
        Assert.Equal("rareearthapi", source.Id);
        Assert.Equal("rareearthapi-restrictions", source.Edition);
        Assert.Equal("2025-11-09", source.Published);
        Assert.Contains("No. 46 [2024]", source.Label, StringComparison.Ordinal);
        Assert.NotEmpty(Assert.Single(body.Data).SourceUrls);
        Assert.Equal("rareearthapi", csv["sourceId"]);
        Assert.Equal("rareearthapi-restrictions", csv["edition"]);
        Assert.Equal("2025-11-09", csv["published"]);
        Assert.True(csv.ContainsKey("doi"));
    }

    [Fact]
    public async Task ElementAndTypeFilters()
    {
        var terbium = await api.Client.ReadEnvelope<RestrictionJson>("api/v1/restrictions?element=Tb&type=licence");
        var gallium = await api.Client.ReadEnvelope<RestrictionJson>("api/v1/restrictions?element=gallium");

        Assert.Contains(terbium.Data, e => e.Id == "cn-2025-medium-heavy-rare-earths");
        Assert.All(terbium.Data, e => Assert.Equal(RestrictionType.Licence, e.Type));
        Assert.Equal(["cn-2023-gallium-germanium", "cn-2024-us-dual-use-ban", "cn-2025-us-ban-suspended"], gallium.Data.Select(e => e.Id));
        Assert.Equal("Ga", gallium.Meta.Query["element"]);
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
            Assert.Contains("Dy", error.Accepted!);
        }
    }
}
