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
    public void FieldsOfAnotherJsonType_ReadLeniently_AsComtradeSendsThem()
    {
        // period as a number (as Comtrade's metadata answers send it), codes as strings, an amount as a string, a flag as a string.
        var response = Parse("{\"count\":\"1\",\"data\":[{\"reporterCode\":\"156\",\"partnerCode\":104,\"flowCode\":\"M\",\"cmdCode\":2846,\"period\":2024," +
                             "\"netWgt\":\"5\",\"primaryValue\":7,\"isAggregate\":\"true\",\"isReported\":true,\"qtyUnitAbbr\":{\"x\":[1]}}],\"error\":\"\"}");

        var record = Assert.Single(response.Records);
        Assert.Equal((156, 104, "2846", "2024"), (record.ReporterCode, record.PartnerCode, record.CmdCode, record.Period));
        Assert.Equal(((double?)null, (double?)7), (record.NetWgt, record.PrimaryValue));
        Assert.Equal((false, true, (string?)null), (record.IsAggregate, record.IsReported, record.QtyUnit));
        Assert.Equal(1, response.Count);
    }

    [Fact]
    public void DataNull_IsNoRecords_DataMissingOrARequiredFieldMissing_Throws()
    {
        var none = Parse("{\"count\":0,\"data\":null,\"error\":\"\"}");
        var missing = Assert.Throws<InvalidDataException>(() => Parse("{\"count\":0,\"error\":\"\"}"));
        var period = Assert.Throws<InvalidDataException>(() => Parse("{\"data\":[{\"reporterCode\":156,\"partnerCode\":0,\"flowCode\":\"M\",\"cmdCode\":\"2846\",\"period\":null}]}"));
        var record = Assert.Throws<InvalidDataException>(() => Parse("{\"data\":[null]}"));

        Assert.Empty(none.Records);
        Assert.Equal(0, none.Count);
        Assert.Contains("no data[] list", missing.Message);
        Assert.Contains("record 1: no period", period.Message);
        Assert.Contains("record 1", record.Message);
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
