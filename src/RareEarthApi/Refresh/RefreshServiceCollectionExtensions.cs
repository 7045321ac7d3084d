using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Http.Resilience;
using Microsoft.Extensions.Options;
using Polly;
using RareEarthApi.Datasets;
using RareEarthApi.Refresh.Comtrade;
using RareEarthApi.Refresh.Curated;
using RareEarthApi.Refresh.Usgs;

namespace RareEarthApi.Refresh;

internal static class RefreshServiceCollectionExtensions
{
    /// <summary>
    /// The refresh pipeline, its sources (USGS, Comtrade, curated) and the resilient "refresh" HttpClient.
    /// ITradePublisher and ICuratedDataset implementations come from the datasets that take the rows (AddDataset).
    /// </summary>
    public static IServiceCollection AddRefresh(this IServiceCollection services)
    {
        services.AddOptions<RefreshOptions>().BindConfiguration(RefreshOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        services.AddOptions<RefreshSchedules>().Configure<IConfiguration>((o, configuration) => configuration.Bind(o)).ValidateOnStart();
        services.AddSingleton<IValidateOptions<RefreshSchedules>, RefreshSchedulesValidator>();
        services.AddOptions<UsgsRefreshOptions>().BindConfiguration(UsgsRefreshOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        services.AddOptions<ComtradeRefreshOptions>().BindConfiguration(ComtradeRefreshOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        services.AddOptions<CuratedRefreshOptions>().Configure<IConfiguration>((o, configuration) =>
        {
            foreach (var setting in configuration.GetSection(CuratedRefreshOptions.Section).GetChildren().Where(c => c.Value is not null))
            {
                o.Settings[setting.Key] = setting.Value!;
            }
        });

        services.AddHttpClient(SourceDownloader.ClientName, client => client.DefaultRequestHeaders.UserAgent.ParseAdd("RareEarthApi-refresh/1.0"))
            .AddStandardResilienceHandler()
            .Configure((standard, sp) => ConfigureResilience(standard, sp.GetRequiredService<IOptions<RefreshOptions>>().Value));

        services.AddSingleton<RawArchive>();
        services.AddSingleton<SourceDownloader>();
        services.AddSingleton<RefreshLock>();
        services.AddSingleton<RefreshRunStore>();
        services.AddSingleton<VersionRetention>();
        services.AddSingleton<IRefreshSource, UsgsSource>();
        services.AddSingleton<IRefreshSource, ComtradeSource>();
        services.AddSingleton<IRefreshSource, CuratedSource>();
        services.AddSingleton<RefreshPipeline>();
        services.AddSingleton<IDatasetStatusSource, RefreshStatusSource>();
        return services;
    }

    /// <summary>
    /// The standard pipeline (total timeout, retry, circuit breaker, attempt timeout) from the Refresh settings. Its
    /// delays and timeouts run on the DI TimeProvider (Polly takes it from the container).
    /// </summary>
    internal static void ConfigureResilience(HttpStandardResilienceOptions standard, RefreshOptions o)
    {
        var attempt = TimeSpan.FromSeconds(o.AttemptTimeoutSeconds);
        var download = TimeSpan.FromSeconds(o.DownloadTimeoutSeconds);

        // The whole download (headers and body) is bounded by SourceDownloader; the total here bounds the calls up to
        // the headers by the same setting. The attempt may not exceed it (the standard options require that).
        standard.TotalRequestTimeout.Timeout = download;
        standard.AttemptTimeout.Timeout = attempt < download ? attempt : download;

        standard.Retry.MaxRetryAttempts = Math.Max(1, o.MaxRetries);
        standard.Retry.BackoffType = DelayBackoffType.Exponential;
        standard.Retry.Delay = TimeSpan.FromMilliseconds(o.RetryDelayMilliseconds);
        standard.Retry.UseJitter = false;
        standard.Retry.MaxDelay = TimeSpan.FromMinutes(2);

        // 429 and 503 carry Retry-After: wait as long as the source asks.
        standard.Retry.ShouldRetryAfterHeader = true;
        if (o.MaxRetries == 0)
        {
            // The pipeline always has a retry strategy (at least one attempt); Refresh:MaxRetries=0 turns it off.
            standard.Retry.ShouldHandle = _ => PredicateResult.False();
        }

        standard.CircuitBreaker.SamplingDuration = attempt * 2 > TimeSpan.FromSeconds(30) ? attempt * 2 : TimeSpan.FromSeconds(30);
        standard.CircuitBreaker.MinimumThroughput = 10;
        standard.CircuitBreaker.FailureRatio = 0.9;
        standard.CircuitBreaker.BreakDuration = TimeSpan.FromSeconds(30);
    }
}
