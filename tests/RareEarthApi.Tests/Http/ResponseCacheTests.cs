using System.Text;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using RareEarthApi.Http;
using RareEarthApi.Tests.Support;

namespace RareEarthApi.Tests.Http;

/// <summary>The cache of finished dataset responses: per data version, per URL and Accept, bounded.</summary>
public sealed class ResponseCacheTests
{
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 11, 29, 12, 0, 0, TimeSpan.Zero));

    private ResponseCache Cache(int megabytes = 32) =>
        new(Options.Create(new ResponseCacheOptions { MaxMegabytes = megabytes }), _time);

    private static HttpRequest Request(string query = "?country=CHN", string? ifNoneMatch = null, string host = "localhost:7071") =>
        ApiRequest.With(query, ifNoneMatch, host);

    private static BytesResult Ok(string body, string etag = "\"e1\"", int padding = 0) =>
        new(StatusCodes.Status200OK, "application/json; charset=utf-8", Encoding.UTF8.GetBytes(body + new string(' ', padding)),
            new Dictionary<string, string> { ["ETag"] = etag, ["Cache-Control"] = "public, max-age=300", ["Link"] = "<next>; rel=\"next\"" });

    private static string Body(IActionResult result) => Encoding.UTF8.GetString(Assert.IsType<BytesResult>(result).Body.Span).TrimEnd();

    private static Func<IActionResult> Unreachable => () => throw new InvalidOperationException("built again");

    [Fact]
    public void NewDataVersion_IsNeverAnsweredWithTheOldVersionsBytes()
    {
        var cache = Cache();
        Assert.Equal("v1", Body(cache.GetOrBuild(Request(), "production", "v1", () => Ok("v1", "\"e1\""))));

        Assert.Equal("v2", Body(cache.GetOrBuild(Request(), "production", "v2", () => Ok("v2", "\"e2\""))));
        Assert.Equal("v2", Body(cache.GetOrBuild(Request(), "production", "v2", Unreachable)));
        // A request still holding the old snapshot gets the old version's own answer, never the new one's bytes.
        Assert.Equal("v1 again", Body(cache.GetOrBuild(Request(), "production", "v1", () => Ok("v1 again", "\"e1\""))));
    }

    [Fact]
    public void OldVersionsEtag_AfterANewVersion_IsNotA304()
    {
        var cache = Cache();
        cache.GetOrBuild(Request(), "production", "v1", () => Ok("v1", "\"e1\""));

        var result = cache.GetOrBuild(Request(ifNoneMatch: "\"e1\""), "production", "v2", () => Ok("v2", "\"e2\""));

        Assert.Equal(StatusCodes.Status200OK, Assert.IsType<BytesResult>(result).Status);
        Assert.Equal("v2", Body(result));
    }

    [Fact]
    public void SameUrlSameVersion_IsAnsweredFromMemory()
    {
        var cache = Cache();
        cache.GetOrBuild(Request(), "production", "v1", () => Ok("first"));

        Assert.Equal("first", Body(cache.GetOrBuild(Request(), "production", "v1", Unreachable)));
        Assert.Equal("other query", Body(cache.GetOrBuild(Request("?country=USA"), "production", "v1", () => Ok("other query"))));
        Assert.Equal("reserves", Body(cache.GetOrBuild(Request(), "reserves", "v1", () => Ok("reserves"))));
    }

    [Fact]
    public void MatchingIfNoneMatch_Is304WithTheCachingHeadersAndNoBody()
    {
        var cache = Cache();
        cache.GetOrBuild(Request(), "production", "v1", () => Ok("body", "\"abc\""));

        foreach (var ifNoneMatch in new[] { "\"abc\"", "W/\"abc\"", "\"zzz\", \"abc\"", "*" })
        {
            var result = Assert.IsType<BytesResult>(cache.GetOrBuild(Request(ifNoneMatch: ifNoneMatch), "production", "v1", Unreachable));
            Assert.Equal(StatusCodes.Status304NotModified, result.Status);
            Assert.True(result.Body.IsEmpty);
            Assert.Equal("\"abc\"", result.Headers["ETag"]);
            Assert.Equal("public, max-age=300", result.Headers["Cache-Control"]);
            Assert.False(result.Headers.ContainsKey("Link"));
        }

        Assert.Equal(StatusCodes.Status200OK, Assert.IsType<BytesResult>(
            cache.GetOrBuild(Request(ifNoneMatch: "\"abcd\""), "production", "v1", Unreachable)).Status);
    }

    [Fact]
    public void A304Built_ThenARequestWithoutTheETag_GetsTheFullBody()
    {
        var cache = Cache();
        var notModified = new BytesResult(StatusCodes.Status304NotModified, null, ReadOnlyMemory<byte>.Empty, new Dictionary<string, string> { ["ETag"] = "\"abc\"" });
        cache.GetOrBuild(Request(ifNoneMatch: "\"abc\""), "production", "v1", () => notModified);

        Assert.Same(notModified, cache.GetOrBuild(Request(ifNoneMatch: "\"abc\""), "production", "v1", Unreachable));
        Assert.Equal("full", Body(cache.GetOrBuild(Request(), "production", "v1", () => Ok("full", "\"abc\""))));
    }

    [Fact]
    public void OtherHostOrAccept_GetsItsOwnBytes()
    {
        var cache = Cache();
        cache.GetOrBuild(Request(), "production", "v1", () => Ok("links to localhost"));

        Assert.Equal("links to api.example", Body(cache.GetOrBuild(Request(host: "api.example"), "production", "v1", () => Ok("links to api.example"))));
        var csv = Request();
        csv.Headers.Accept = "text/csv";
        Assert.Equal("csv", Body(cache.GetOrBuild(csv, "production", "v1", () => Ok("csv"))));
    }

    [Fact]
    public void Errors_AreNeverCached()
    {
        var cache = Cache();
        var builds = 0;
        IActionResult Problem()
        {
            builds++;
            return ProblemResult.Of(ProblemTypes.NotFound, "no");
        }

        cache.GetOrBuild(Request("?country=XXX"), "production", "v1", Problem);
        cache.GetOrBuild(Request("?country=XXX"), "production", "v1", Problem);

        Assert.Equal(2, builds);
    }

    [Fact]
    public void NextUtcDay_BuildsAgain_BecauseCsvFileNamesCarryTheDate()
    {
        var cache = Cache();
        cache.GetOrBuild(Request(), "production", "v1", () => Ok("2026-11-29"));

        _time.Advance(TimeSpan.FromHours(12));

        Assert.Equal("2026-11-30", Body(cache.GetOrBuild(Request(), "production", "v1", () => Ok("2026-11-30"))));
    }

    [Fact]
    public void ManyLargeAnswers_StayWithinTheBudget_AndTheNewestIsServedFromMemory()
    {
        var cache = Cache(megabytes: 1);

        for (var i = 0; i < 20; i++)
        {
            cache.GetOrBuild(Request($"?page={i}"), "production", "v1", () => Ok($"page {i}", padding: 300_000));
            Assert.InRange(cache.HeldBytes, 1, 1024 * 1024);
        }

        Assert.Equal("page 19", Body(cache.GetOrBuild(Request("?page=19"), "production", "v1", Unreachable)));
    }

    [Fact]
    public void ZeroMegabytes_TurnsTheCacheOff()
    {
        var cache = Cache(megabytes: 0);
        cache.GetOrBuild(Request(), "production", "v1", () => Ok("first"));

        Assert.Equal("second", Body(cache.GetOrBuild(Request(), "production", "v1", () => Ok("second"))));
        Assert.Equal(0, cache.HeldBytes);
    }

    private static HttpRequest WithHeader(HttpRequest request, string name, string value)
    {
        request.Headers[name] = value;
        return request;
    }

    [Fact]
    public void AcceptHeadersNegotiatingOneFormat_ShareOneEntry()
    {
        var cache = Cache();
        cache.GetOrBuild(WithHeader(Request(), "Accept", "application/json"), "production", "v1", () => Ok("json"));
        cache.GetOrBuild(WithHeader(Request(), "Accept", "text/csv"), "production", "v1", () => Ok("csv"));

        Assert.Equal("json", Body(cache.GetOrBuild(Request(), "production", "v1", Unreachable)));
        Assert.Equal("json", Body(cache.GetOrBuild(WithHeader(Request(), "Accept", "*/*"), "production", "v1", Unreachable)));
        Assert.Equal("json", Body(cache.GetOrBuild(WithHeader(Request(), "Accept", "application/json, text/plain, */*"), "production", "v1", Unreachable)));
        Assert.Equal("csv", Body(cache.GetOrBuild(WithHeader(Request(), "Accept", "text/csv;q=0.9, */*;q=0.1"), "production", "v1", Unreachable)));
    }

    [Fact]
    public void HostInAnotherCase_IsTheSameEntry()
    {
        var cache = Cache();
        cache.GetOrBuild(Request(host: "Api.Example.org"), "production", "v1", () => Ok("first"));

        Assert.Equal("first", Body(cache.GetOrBuild(Request(host: "api.example.ORG"), "production", "v1", Unreachable)));
    }

    [Fact]
    public void MadeUpHosts_AreAnsweredButNeitherStoredNorAbleToFlushTheCache()
    {
        var cache = Cache(megabytes: 1);
        cache.GetOrBuild(Request(), "production", "v1", () => Ok("real"));

        for (var i = 0; i < 50; i++)
        {
            Assert.Equal("made up", Body(cache.GetOrBuild(Request(host: $"h{i}.example"), "production", "v1", () => Ok("made up", padding: 100_000))));
        }

        Assert.Equal("real", Body(cache.GetOrBuild(Request(), "production", "v1", Unreachable)));
        Assert.True(cache.HeldBytes < ResponseCache.MaxHosts * 110_000, $"{cache.HeldBytes} bytes held");
        var builds = 0;
        cache.GetOrBuild(Request(host: "h49.example"), "production", "v1", () => { builds++; return Ok("x"); });
        cache.GetOrBuild(Request(host: "h49.example"), "production", "v1", () => { builds++; return Ok("x"); });
        Assert.Equal(2, builds);
    }

    [Fact]
    public void CachedEntry_IfModifiedSinceAtLastModified_Is304()
    {
        var cache = Cache();
        var lastModified = new DateTimeOffset(2026, 11, 1, 8, 0, 0, TimeSpan.Zero);
        var ok = new BytesResult(StatusCodes.Status200OK, "application/json", Encoding.UTF8.GetBytes("body"),
            new Dictionary<string, string> { ["ETag"] = "\"e1\"", ["Last-Modified"] = lastModified.ToString("R") });
        cache.GetOrBuild(Request(), "production", "v1", () => ok);

        var since = cache.GetOrBuild(WithHeader(Request(), "If-Modified-Since", lastModified.ToString("R")), "production", "v1", Unreachable);
        var before = cache.GetOrBuild(WithHeader(Request(), "If-Modified-Since", lastModified.AddHours(-1).ToString("R")), "production", "v1", Unreachable);

        Assert.Equal(StatusCodes.Status304NotModified, Assert.IsType<BytesResult>(since).Status);
        Assert.Equal(StatusCodes.Status200OK, Assert.IsType<BytesResult>(before).Status);
    }
}
