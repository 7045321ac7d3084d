using Azure;
using System.Text.Json;
using Microsoft.AspNetCore.Http;
using Microsoft.Azure.Functions.Worker;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Moq;
using RareEarthApi.Datasets;
using RareEarthApi.Http;
using RareEarthApi.Storage;
using RareEarthApi.Tests.Support;

namespace RareEarthApi.Tests.Http;

/// <summary>The worker middleware: what a function throws becomes problem+json once, storage trouble a 503 with Retry-After.</summary>
public sealed class ProblemExceptionMiddlewareTests
{
    [Fact]
    public async Task StorageTrouble_IsA503Problem_WithRetryAfter_EvenWrappedInAnAggregate()
    {
        var (context, http) = Invocation();

        await new ProblemExceptionMiddleware().Invoke(context, _ => throw new AggregateException(new StorageUnavailableException("table down")));

        Assert.Equal(StatusCodes.Status503ServiceUnavailable, http.Response.StatusCode);
        Assert.Equal("5", http.Response.Headers.RetryAfter.ToString());
        var problem = Body(http);
        Assert.Equal(ProblemTypes.StorageUnavailable.Uri, problem.Type);
        Assert.Equal(503, problem.Status);
    }

    public static TheoryData<string, Exception> SdkFailures => new()
    {
        // What the Azure SDK throws once its retries are spent: an aggregate of the attempts' failures.
        { "refused, after retries", new AggregateException("Retry failed after 4 tries.", new RequestFailedException(503, "Service Unavailable"), new RequestFailedException(503, "Service Unavailable")) },
        { "hung, after retries (each attempt hit the network timeout)", new AggregateException("Retry failed after 4 tries.", new TaskCanceledException("The operation was cancelled because it exceeded the configured timeout of 0:00:10."), new TaskCanceledException()) },
        { "hung, wrapped twice", new AggregateException(new AggregateException(new TimeoutException("no answer"))) },
    };

    [Theory]
    [MemberData(nameof(SdkFailures))]
    public async Task StorageThatRefusesOrHangs_IsA503_WhateverTheSdkWrapsItIn(string what, Exception thrown)
    {
        var (context, http) = Invocation();

        await new ProblemExceptionMiddleware().Invoke(context, _ => throw thrown);

        Assert.True(http.Response.StatusCode == StatusCodes.Status503ServiceUnavailable, $"{what}: {http.Response.StatusCode}");
        Assert.Equal("5", http.Response.Headers.RetryAfter.ToString());
        Assert.Equal(ProblemTypes.StorageUnavailable.Uri, Body(http).Type);
    }

    [Fact]
    public async Task AnythingElse_IsA500Problem_ThatDoesNotShowTheException()
    {
        var (context, http) = Invocation();

        await new ProblemExceptionMiddleware().Invoke(context, _ => throw new InvalidOperationException("secret internals"));

        Assert.Equal(StatusCodes.Status500InternalServerError, http.Response.StatusCode);
        Assert.StartsWith("application/problem+json", http.Response.ContentType, StringComparison.Ordinal);
        var problem = Body(http);
        Assert.Equal(ProblemTypes.InternalError.Uri, problem.Type);
        Assert.DoesNotContain("secret", problem.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AFunctionThatSucceeds_IsLeftAlone()
    {
        var (context, http) = Invocation();

        await new ProblemExceptionMiddleware().Invoke(context, _ =>
        {
            http.Response.StatusCode = StatusCodes.Status204NoContent;
            return Task.CompletedTask;
        });

        Assert.Equal(StatusCodes.Status204NoContent, http.Response.StatusCode);
        Assert.Equal(0, http.Response.Body.Length);
    }

    /// <summary>A function invocation as the ASP.NET Core integration hands it over: the HttpContext in Items, the mapper in the services.</summary>
    private static (FunctionContext Context, HttpContext Http) Invocation()
    {
        var http = ApiRequest.With("country=CHN").HttpContext;
        var services = new ServiceCollection()
            .AddSingleton(new ExceptionProblemMapper(Options.Create(new ServingOptions { RetryAfterSeconds = 5 }), NullLogger<ExceptionProblemMapper>.Instance))
            .BuildServiceProvider();
        var context = new Mock<FunctionContext>();
        context.SetupGet(c => c.Items).Returns(new Dictionary<object, object> { ["HttpRequestContext"] = http });
        context.SetupGet(c => c.InstanceServices).Returns(services);
        return (context.Object, http);
    }

    private static Problem Body(HttpContext http)
    {
        http.Response.Body.Position = 0;
        return JsonSerializer.Deserialize<Problem>(http.Response.Body, new JsonSerializerOptions(JsonSerializerDefaults.Web))!;
    }
}
