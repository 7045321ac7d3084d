using System.Text;
using RareEarthApi.Commodities;
using RareEarthApi.Countries;
using RareEarthApi.Datasets;
using RareEarthApi.Restrictions;
using RareEarthApi.Tests.Support;

namespace RareEarthApi.Tests.Restrictions;

public sealed class RestrictionFileTests
{
    private const string Header = "id,country,type,title,announced,effective,ended,suspended,suspendedUntil,elements,hsCodes,targets,instrument,instrumentNumber,sourceUrls,note\n";

    private static readonly CountryCatalog Countries = SeedCatalogs.Countries;
    private static readonly CommodityCatalog Commodities = SeedCatalogs.Commodities;

    private static (DatasetContent<RestrictionEvent> Content, IReadOnlyList<string> Problems) Parse(string text) =>
        RestrictionFile.Parse(new MemoryStream(Encoding.UTF8.GetBytes(text)), "upload.csv", Countries, Commodities);

    private static RestrictionEvent Event(DateOnly? announced, DateOnly? effective, DateOnly? ended = null, DateOnly? suspended = null, DateOnly? until = null) =>
        new("e", "CHN", "licence", "t", announced, effective, ended, suspended, until, ["Dy"], [], ["all"], "i", null, ["https://example.org/"], null, ["MOFCOM"], []);

    [Fact]
    public void BundledSeed_ParsesWithoutProblems_AndExpandsRareEarths()
    {
        using var stream = File.OpenRead(SeedFiles.Path("restrictions.csv"));
        var (content, problems) = RestrictionFile.Parse(stream, "restrictions.csv", Countries, Commodities);

        Assert.Empty(problems);
        var no18 = Assert.Single(content.Rows, e => e.InstrumentNumber == "No. 18 [2025]");
        Assert.Equal(["Sm", "Gd", "Tb", "Dy", "Lu", "Sc", "Y"], no18.Elements);
        Assert.Equal(17, Assert.Single(content.Rows, e => e.Id == "cn-re-export-quotas").Elements.Count);
        Assert.All(content.Rows, e => Assert.NotEmpty(e.SourceUrls));
    }

    [Fact]
    public void UnknownElement_BadDates_AndMissingSources_AreAllNamed()
    {
        var (_, problems) = Parse(Header
            + "x-1,CHN,licence,T,2025-04-04,2025-04-01,,,,Dy|Kr,2846,all,I,,https://example.org/,\n"
            + "x-2,CHN,embargo,T,2025-13-01,,,,,Dy,9999,all,I,,,\n");

        Assert.Contains(problems, p => p.Contains("line 2", StringComparison.Ordinal) && p.Contains("element 'Kr'", StringComparison.Ordinal));
        Assert.Contains(problems, p => p.Contains("line 2", StringComparison.Ordinal) && p.Contains("before announced", StringComparison.Ordinal));
        Assert.Contains(problems, p => p.Contains("line 3", StringComparison.Ordinal) && p.Contains("type 'embargo'", StringComparison.Ordinal));
        Assert.Contains(problems, p => p.Contains("line 3", StringComparison.Ordinal) && p.Contains("2025-13-01", StringComparison.Ordinal));
        Assert.Contains(problems, p => p.Contains("line 3", StringComparison.Ordinal) && p.Contains("HS code '9999'", StringComparison.Ordinal));
        Assert.Contains(problems, p => p.Contains("line 3", StringComparison.Ordinal) && p.Contains("sourceUrls", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("2025-04-01", "not-yet-announced")]
    [InlineData("2025-04-04", "announced")]
    [InlineData("2025-05-01", "in-force")]
    [InlineData("2025-11-07", "suspended")]
    [InlineData("2026-11-10", "suspension-expired")]
    [InlineData("2027-01-01", "lifted")]
    public void Status_FollowsTheDates(string asOf, string expected)
    {
        var e = Event(new DateOnly(2025, 4, 4), new DateOnly(2025, 5, 1), ended: new DateOnly(2027, 1, 1), suspended: new DateOnly(2025, 11, 7), until: new DateOnly(2026, 11, 10));

        Assert.Equal(expected, e.StatusOn(DateOnly.Parse(asOf, System.Globalization.CultureInfo.InvariantCulture)));
    }

    [Fact]
    public void Status_OfAStoredEventWithoutAnyStartDate_IsUnknownUntilItEnds_NeverInForceBeforeItCouldExist()
    {
        var quota = Event(null, null, ended: new DateOnly(2015, 1, 1));

        Assert.Equal("unknown", quota.StatusOn(new DateOnly(1700, 1, 1)));
        Assert.Equal("lifted", quota.StatusOn(new DateOnly(2015, 1, 1)));
    }

    [Theory]
    [InlineData("1998-12-31", "not-yet-announced")]
    [InlineData("1999-01-01", "unknown")]
    [InlineData("1999-12-31", "unknown")]
    [InlineData("2000-01-01", "in-force")]
    [InlineData("2014-12-31", "in-force")]
    [InlineData("2015-01-01", "lifted")]
    public void Status_OfARegimeKnownOnlyToTheYear_IsUnknownOnlyInsideThatYear(string asOf, string expected)
    {
        // The quotas: "introduced ... incrementally since 1999" (METI), abolished 2015-01-01.
        var quota = Event(null, new DateOnly(1999, 1, 1), ended: new DateOnly(2015, 1, 1)) with { StartPrecision = DatePrecision.Year };

        Assert.Equal(expected, quota.StatusOn(DateOnly.Parse(asOf, System.Globalization.CultureInfo.InvariantCulture)));
    }

    [Fact]
    public void AWtoDisputeStep_HasOccurredFromItsDate_AndIsOneStepOnTheTimeline()
    {
        var step = Event(new DateOnly(2014, 8, 7), null) with { Type = RestrictionEvent.WtoDispute };

        Assert.Equal("not-yet-announced", step.StatusOn(new DateOnly(2014, 8, 6)));
        Assert.Equal("occurred", step.StatusOn(new DateOnly(2030, 1, 1)));
        Assert.Equal([new StatusChange(new DateOnly(2014, 8, 7), DatePrecision.Day, "occurred")], step.StatusChanges());
    }

    [Fact]
    public void StatusChanges_ListTheDatedSteps_InOrder()
    {
        var e = Event(new DateOnly(2025, 10, 9), new DateOnly(2025, 11, 8), suspended: new DateOnly(2025, 11, 7), until: new DateOnly(2026, 11, 10));

        Assert.Equal(
            [("2025-10-09", "announced"), ("2025-11-07", "suspended"), ("2025-11-08", "in-force"), ("2026-11-10", "suspension-expired")],
            e.StatusChanges().Select(c => (RestrictionEvent.Text(c.Date, c.Precision), c.Status)));
    }

    [Fact]
    public void BundledSeed_EveryEventHasADate_AnInstrumentWithItsIssuer_AndSources_AndOnlyTheRegimesKnownToTheYearAreImprecise()
    {
        using var stream = File.OpenRead(SeedFiles.Path("restrictions.csv"));
        var (content, _) = RestrictionFile.Parse(stream, "restrictions.csv", Countries, Commodities);

        Assert.All(content.Rows, e => Assert.NotNull(e.Start));
        Assert.All(content.Rows, e => Assert.NotEmpty(e.IssuingBodies));
        Assert.Equal(["cn-2001-technology-catalogue", "cn-2006-graphite-temporary-controls", "cn-re-export-duties", "cn-re-export-quotas"],
            content.Rows.Where(e => e.StartPrecision != DatePrecision.Day).Select(e => e.Id).Order(StringComparer.Ordinal));
        Assert.Equal(6, content.Rows.Count(e => e.Type == RestrictionEvent.WtoDispute));
        Assert.Equal(new DateOnly(1999, 1, 1), Assert.Single(content.Rows, e => e.Id == "cn-re-export-quotas").Effective);
    }

    [Fact]
    public void AFileMissingADate_AnInstrument_OrASourceUrl_IsRefused_WithTheRowNamed()
    {
        var (content, problems) = Parse(Header.TrimEnd('\n') + ",issuingBodies,customsCodes\n"
            + "ok-1,CHN,licence,T,2025-04-04,2025-04-04,,,,Dy,,all,I,,https://example.org/,,MOFCOM|GAC,2805301910\n"
            + "no-date,CHN,licence,T,,,,,,Dy,,all,I,,https://example.org/,,,\n"
            + "no-instrument,CHN,licence,T,2025-04-04,,,,,Dy,,all,,,https://example.org/,,,\n"
            + "no-source,CHN,licence,T,2025-04-04,,,,,Dy,,all,I,,,,,\n"
            + "bad-code,CHN,licence,T,2025,2025-04-04,,,,Dy,,all,I,,https://example.org/,,,28A5\n"
            + "wto-undated,CHN,wto-dispute,T,,2014-08-07,,,,Dy,,all,I,,https://example.org/,,,\n");

        Assert.Contains(problems, p => p.Contains("line 3", StringComparison.Ordinal) && p.Contains("at least one date", StringComparison.Ordinal));
        Assert.Contains(problems, p => p.Contains("line 4", StringComparison.Ordinal) && p.Contains("'instrument' is empty", StringComparison.Ordinal));
        Assert.Contains(problems, p => p.Contains("line 5", StringComparison.Ordinal) && p.Contains("sourceUrls", StringComparison.Ordinal));
        Assert.Contains(problems, p => p.Contains("line 6", StringComparison.Ordinal) && p.Contains("customs code '28A5'", StringComparison.Ordinal));
        Assert.Contains(problems, p => p.Contains("line 6", StringComparison.Ordinal) && p.Contains("one start date", StringComparison.Ordinal));
        Assert.Contains(problems, p => p.Contains("line 7", StringComparison.Ordinal) && p.Contains("wto-dispute", StringComparison.Ordinal));
        Assert.DoesNotContain(problems, p => p.Contains("line 2", StringComparison.Ordinal));
        var ok = Assert.Single(content.Rows, e => e.Id == "ok-1");
        Assert.Equal(["MOFCOM", "GAC"], ok.IssuingBodies);
        Assert.Equal(["2805301910"], ok.CustomsCodes);
    }

    [Fact]
    public void AFileWithoutTheNewColumns_StillParses()
    {
        var (content, problems) = Parse(Header + "x-1,CHN,licence,T,2025-04-04,,,,,Dy,,all,I,,https://example.org/,\n");

        Assert.Empty(problems);
        Assert.Empty(Assert.Single(content.Rows).IssuingBodies);
    }

    [Theory]
    [InlineData("2025-10-09", "announced")]
    [InlineData("2025-11-07", "suspended")]
    [InlineData("2026-11-09", "suspended")]
    [InlineData("2026-11-10", "suspension-expired")]
    [InlineData("2030-01-01", "suspension-expired")]
    public void Status_AnnouncedThenSuspended_IsSuspensionExpiredAfterTheSuspension_NotAnnounced(string asOf, string expected)
    {
        // Nos. 56, 57, 62 [2025]: announced 2025-10-09, no effective date bundled, suspended by No. 70 until 2026-11-10.
        var no57 = Event(new DateOnly(2025, 10, 9), null, suspended: new DateOnly(2025, 11, 7), until: new DateOnly(2026, 11, 10));

        Assert.Equal(expected, no57.StatusOn(DateOnly.Parse(asOf, System.Globalization.CultureInfo.InvariantCulture)));
    }

    [Fact]
    public void BundledSeed_IsDatedByItsLatestEvent_2025_11_09()
    {
        using var stream = File.OpenRead(SeedFiles.Path("restrictions.csv"));
        var (content, _) = RestrictionFile.Parse(stream, "restrictions.csv", Countries, Commodities);

        Assert.Equal(new DateOnly(2025, 11, 9), Assert.Single(content.Editions).Published);
    }

    [Fact]
    public void StatusWarnings_AfterTheCompilationDate_SayTheStatusIsWhatTheCompilationKnew()
    {
        var e = Event(new DateOnly(2025, 10, 9), null, suspended: new DateOnly(2025, 11, 7), until: new DateOnly(2026, 11, 10));
        var snapshot = new DatasetSnapshot<RestrictionEvent>("restrictions", "v1", DateTimeOffset.UnixEpoch, [e],
            [RestrictionFile.Edition with { Published = new DateOnly(2025, 11, 9) }]);

        var before = RestrictionsDataset.StatusWarnings([e], snapshot, new DateOnly(2025, 11, 9)).ToList();
        var after = RestrictionsDataset.StatusWarnings([e], snapshot, new DateOnly(2026, 12, 1)).ToList();

        Assert.Empty(before);
        Assert.Contains(after, w => w.Contains("after 2025-11-09", StringComparison.Ordinal) && w.Contains("what the compilation knew", StringComparison.Ordinal));
        Assert.Contains(after, w => w.Contains("until 2026-11-10", StringComparison.Ordinal) && w.Contains("say nothing of what followed", StringComparison.Ordinal));
    }
}
