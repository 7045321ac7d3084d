using System.Text;
using RareEarthApi.Refresh.Comtrade;

namespace RareEarthApi.Tests.Refresh;

public sealed class ComtradeParserTests
{
    private static ComtradeResponse Parse(string json) => ComtradeParser.Parse(new MemoryStream(Encoding.UTF8.GetBytes(json)), "test.json");

    [Fact]
    public void Response_ParsesEveryField()
    {
        var response = Parse(ComtradeRefreshTests.Response((0, "W00", 77025454.404, 1386613152), (104, "MMR", 44366000, 600000000)).Replace("{PERIOD}", "2024", StringComparison.Ordinal));

        Assert.Equal(2, response.Count);
        var world = response.Records[0];
        Assert.Equal((156, "CHN", 0, "W00", "M", "2846", "2024", "H6"), (world.ReporterCode, world.ReporterIso, world.PartnerCode, world.PartnerIso, world.FlowCode, world.CmdCode, world.Period, world.Classification));
        Assert.Equal((77025454.404, 1386613152d, 1386613152d, (double?)null), (world.NetWgt!.Value, world.PrimaryValue!.Value, world.CifValue!.Value, world.FobValue));
        Assert.True(world.IsAggregate);
        Assert.False(response.Records[1].IsAggregate);
        Assert.Empty(response.Problems);
    }

    [Fact]
    public void ErrorInTheBody_Throws()
    {
        var e = Assert.Throws<InvalidDataException>(() => Parse("{\"elapsedTime\":\"0\",\"count\":0,\"data\":null,\"error\":\"Invalid reporterCode\"}"));

        Assert.Contains("Invalid reporterCode", e.Message);
    }

    [Fact]
    public void NotComtradeOrTruncatedJson_Throws()
    {
        Assert.Throws<InvalidDataException>(() => Parse("{\"elapsedTime\":\"0\",\"count\":1,\"data\":[{\"reporterCode\":156"));
        Assert.Throws<InvalidDataException>(() => Parse("{\"rows\":[]}"));
    }

    [Fact]
    public void NegativeWeight_AndDuplicates_AreProblems()
    {
        var json = ComtradeRefreshTests.Response((104, "MMR", -5, 1), (104, "MMR", 5, 1)).Replace("{PERIOD}", "2024", StringComparison.Ordinal);

        var response = Parse(json);

        Assert.Single(response.Problems);
        Assert.Single(ComtradeParser.Duplicates(response.Records));
    }
}
