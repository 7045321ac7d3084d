using System.Text;
using RareEarthApi.Datasets;
using RareEarthApi.ExportQuotas;
using RareEarthApi.Http;
using RareEarthApi.Tests.Support;

namespace RareEarthApi.Tests.ExportQuotas;

public sealed class ExportQuotaFileTests
{
    private const string Header = "id,country,measure,year,period,half,segment,tonnes,exporters,announced,basis,sourceUrls,note\n";

    private static (DatasetContent<ExportQuota> Content, IReadOnlyList<string> Problems) Parse(string text) =>
        ExportQuotaFile.Parse(new MemoryStream(Encoding.UTF8.GetBytes(text)), "upload.csv", SeedCatalogs.Countries);

    [Fact]
    public void BundledSeed_ParsesWithoutProblems_AndEveryYearsBatchesAddUpToItsTotal()
    {
        using var stream = File.OpenRead(SeedFiles.Path("export-quotas.csv"));
        var (content, problems) = ExportQuotaFile.Parse(stream, "export-quotas.csv", SeedCatalogs.Countries);

        Assert.Empty(problems);
        Assert.All(content.Rows, r => Assert.NotEmpty(r.SourceUrls));
        var quotas = content.Rows.Where(r => r.Measure == "quota" && r.Segment == "total").ToList();
        foreach (var year in new[] { 2008, 2009, 2010, 2011, 2012, 2013, 2014 })
        {
            var total = Assert.Single(quotas, r => r.Year == year && r.Period == "year").Tonnes;
            var batches = quotas.Where(r => r.Year == year && r.Period != "year").Sum(r => r.Tonnes);
            Assert.Equal(total, batches);
        }

        // Where a batch is split, the parts add up to the batch (2011's first batch excepted: the note says why).
        foreach (var batch in content.Rows.Where(r => r.Segment != "total").GroupBy(r => (r.Year, r.Period, Pair: r.Segment is "light" or "medium-heavy")))
        {
            var total = Assert.Single(quotas, r => r.Year == batch.Key.Year && r.Period == batch.Key.Period).Tonnes;
            if ((batch.Key.Year, batch.Key.Period) != (2011, "first-batch"))
            {
                Assert.Equal(total, batch.Sum(r => r.Tonnes));
            }
        }
    }

    [Fact]
    public void The2010Cut_IsTheSecondHalf_7976t_AgainstTheFirstHalfs22282t()
    {
        using var stream = File.OpenRead(SeedFiles.Path("export-quotas.csv"));
        var (content, _) = ExportQuotaFile.Parse(stream, "export-quotas.csv", SeedCatalogs.Countries);

        var totals = content.Rows.Where(r => r.Year == 2010 && r.Segment == "total" && r.Measure == "quota").ToDictionary(r => r.Period, r => r);
        Assert.Equal((22282d, "h1"), (totals["first-batch"].Tonnes, totals["first-batch"].Half));
        Assert.Equal((7976d, "h2"), (totals["second-batch"].Tonnes, totals["second-batch"].Half));
        Assert.Equal(50145d, Assert.Single(content.Rows, r => r.Id == "q-2009-year").Tonnes);
    }

    [Fact]
    public void AFileMissingAFigure_AYear_OrASource_OrWithAnUnknownPeriod_IsRefused_WithTheRowNamed()
    {
        var (content, problems) = Parse(Header
            + "ok,CHN,quota,2010,first-batch,h1,total,22282,,,MOFCOM allocation,https://example.org/,\n"
            + "no-figure,CHN,quota,2010,second-batch,h2,total,,,,MOFCOM allocation,https://example.org/,\n"
            + "no-year,CHN,quota,,year,,total,1,,,MOFCOM allocation,https://example.org/,\n"
            + "no-source,CHN,quota,2010,year,,total,1,,,MOFCOM allocation,,\n"
            + "bad-period,CHN,quota,2010,third-batch,h3,total,1,,2010-13-01,MOFCOM allocation,https://example.org/,\n");

        Assert.Contains(problems, p => p.Contains("line 3", StringComparison.Ordinal) && p.Contains("'tonnes' is empty", StringComparison.Ordinal));
        Assert.Contains(problems, p => p.Contains("line 4", StringComparison.Ordinal) && p.Contains("'year' is empty", StringComparison.Ordinal));
        Assert.Contains(problems, p => p.Contains("line 5", StringComparison.Ordinal) && p.Contains("sourceUrls", StringComparison.Ordinal));
        Assert.Contains(problems, p => p.Contains("line 6", StringComparison.Ordinal) && p.Contains("period 'third-batch'", StringComparison.Ordinal));
        Assert.Contains(problems, p => p.Contains("line 6", StringComparison.Ordinal) && p.Contains("half 'h3'", StringComparison.Ordinal));
        Assert.Contains(problems, p => p.Contains("line 6", StringComparison.Ordinal) && p.Contains("2010-13-01", StringComparison.Ordinal));
        Assert.DoesNotContain(problems, p => p.Contains("line 2", StringComparison.Ordinal));
        Assert.Equal(22282d, Assert.Single(content.Rows, r => r.Id == "ok").Tonnes);
    }
}

[Collection(ApiCollection.Name)]
public sealed class ExportQuotasApiTests(ApiFixture api)
{
    [Fact]
    public async Task The2010Batches_JsonAndCsv_WithSources()
    {
        var body = await api.Client.ReadEnvelope<ExportQuotaJson>("api/v1/export-quotas?year=2010&measure=quota&segment=total");
        var csv = await api.Client.Csv("api/v1/export-quotas?year=2010&measure=quota&segment=total&format=csv");

        Assert.Equal([("first-batch", 22282d), ("second-batch", 7976d), ("year", 30258d)],
            body.Data.Select(r => (WireEnum.Text(r.Period), r.Tonnes)).OrderBy(p => p.Item1, StringComparer.Ordinal));
        Assert.All(body.Data, r => Assert.NotEmpty(r.SourceUrls));
        Assert.All(body.Data, r => Assert.Equal("rareearthapi-export-quotas", r.Source.Edition));
        Assert.Equal(3, csv.Count);
        Assert.Equal("7976", Assert.Single(csv, r => r["period"] == "second-batch")["tonnes"]);
        Assert.Equal("t", csv[0]["unit"]);
        Assert.Equal("rareearthapi-export-quotas", csv[0]["edition"]);
    }

    [Fact]
    public async Task ExportsBesideTheQuotas_2012()
    {
        var body = await api.Client.ReadEnvelope<ExportQuotaJson>("api/v1/export-quotas?year=2012&period=year");

        Assert.Equal(
            [("quota", 30996d), ("exports", 13000d), ("exports", 16265d)],
            body.Data.Select(r => (WireEnum.Text(r.Measure), r.Tonnes)));
    }

    [Fact]
    public async Task LicensedExporters_AreGivenWhereReported()
    {
        var body = await api.Client.ReadEnvelope<ExportQuotaJson>("api/v1/export-quotas?start=2008&end=2014&segment=total&period=first-batch,second-batch");

        var exporters = body.Data.Where(r => r.Exporters is not null)
            .Select(r => (r.Year, WireEnum.Text(r.Period), r.Exporters!.Value)).ToList();
        Assert.Contains((2008, "first-batch", 23), exporters);
        Assert.Contains((2014, "first-batch", 28), exporters);
    }

    [Theory]
    [InlineData("measure=imports", "measure")]
    [InlineData("period=third-batch", "period")]
    [InlineData("segment=heavy", "segment")]
    [InlineData("year=20x0", "year")]
    public async Task BadInput_Is400NamingTheParameter(string query, string parameter) =>
        await api.Client.ProblemFor("api/v1/export-quotas?" + query, parameter);
}
