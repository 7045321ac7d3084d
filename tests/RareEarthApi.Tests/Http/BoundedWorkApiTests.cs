using System.Net;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using RareEarthApi.Datasets;
using RareEarthApi.Http;
using RareEarthApi.Tests.Support;

namespace RareEarthApi.Tests.Http;

/// <summary>No input makes a request do unbounded work: lists are capped, country lists parse in linear time, a gone client stops the work.</summary>
[Collection(ApiCollection.Name)]
public sealed class BoundedWorkApiTests(ApiFixture api)
{
    private static string List(string item, int count) => string.Join(",", Enumerable.Repeat(item, count));

    /// <summary>Every country-like parameter of every route, and the other lists.</summary>
    public static TheoryData<string, string> ListParameters => new()
    {
        { "api/v1/production?country={0}", "country" },
        { "api/v1/reserves?country={0}", "country" },
        { "api/v1/trade?reporter={0}", "reporter" },
        { "api/v1/trade?partner={0}", "partner" },
        { "api/v1/refining?country={0}", "country" },
        { "api/v1/restrictions?country={0}", "country" },
        { "api/v1/indicators/import-dependence?importer=USA&supplier={0}&hs=2846", "supplier" },
        { "api/v1/indicators/import-dependence?importer={0}&supplier=USA&hs=2846", "importer" },
    };

    [Theory]
    [MemberData(nameof(ListParameters))]
    public async Task ListOneItemPastTheCap_Is400NamingTheLimit(string url, string parameter)
    {
        var error = await api.Client.ProblemFor(string.Format(url, List("CN", QueryReader.MaxListItems + 1)), parameter);

        Assert.Contains($"at most {QueryReader.MaxListItems}", error.Detail);
        Assert.Contains($"({QueryReader.MaxListItems + 1} items)", error.Value);
    }

    [Theory]
    [MemberData(nameof(ListParameters))]
    public async Task ListAtTheCap_IsServed(string url, string parameter)
    {
        using var response = await api.Client.GetAsync(string.Format(url, List("CN", QueryReader.MaxListItems)));

        Assert.True(response.StatusCode == HttpStatusCode.OK, $"{parameter}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
    }

    /// <summary>The list that took 191 s of CPU: 2,600 items in a 7.8 KB URL.</summary>
    [Theory]
    [InlineData("api/v1/production?country={0}", "country")]
    [InlineData("api/v1/trade?partner={0}", "partner")]
    public async Task TwentySixHundredItems_Is400(string url, string parameter)
    {
        var error = await api.Client.ProblemFor(string.Format(url, List("CN", 2600)), parameter);

        Assert.Contains("2600 items", error.Detail);
    }

    [Fact]
    public async Task RepeatedParameter_CountsTowardsTheCap()
    {
        var url = "api/v1/production?" + string.Join("&", Enumerable.Repeat("country=CN", QueryReader.MaxListItems + 1));

        Assert.Contains($"{QueryReader.MaxListItems + 1} items", (await api.Client.ProblemFor(url, "country")).Detail);
    }

    [Fact]
    public async Task ManyUnknownCodes_OnlyTheFirstFewGetSuggestions()
    {
        using var response = await api.Client.GetAsync("api/v1/production?country=" + List("Chna", 20));
        var errors = (await response.ReadWireAsync<Problem>()).Errors ?? [];

        Assert.Equal(20, errors.Count);
        Assert.Equal(RareEarthApi.Countries.CountryCatalog.MaxSuggested, errors.Count(e => e.Suggestions is { Count: > 0 }));
    }

    [Fact]
    public void ClientGone_MapsTo499_NotA500()
    {
        var mapper = new ExceptionProblemMapper(Options.Create(new ServingOptions()), NullLogger<ExceptionProblemMapper>.Instance);

        Assert.Equal(499, Assert.IsType<StatusCodeResult>(mapper.Map(new OperationCanceledException(), new CancellationToken(canceled: true))).StatusCode);
        // A timeout inside (the client is still there) is not the client's doing.
        Assert.IsType<ProblemResult>(mapper.Map(new TaskCanceledException(), CancellationToken.None));
    }

    [Fact]
    public void QueryReader_CarriesTheRequestsCancellation()
    {
        using var aborted = new CancellationTokenSource();
        var request = ApiRequest.With("", aborted: aborted.Token);

        Assert.Equal(aborted.Token, new QueryReader(request, []).Aborted);
    }
}
