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

        services.AddHttpClient(SourceDownloader.ClientName, client =>
            {
                // The resilience handler and the download timeout bound each call; the client itself does not.
                client.Timeout = Timeout.InfiniteTimeSpan;
                client.DefaultRequestHeaders.UserAgent.ParseAdd("RareEarthApi-refresh/1.0");
            })
            .AddResilienceHandler("sources", (pipeline, context) =>
            {
                var o = context.ServiceProvider.GetRequiredService<IOptions<RefreshOptions>>().Value;
                var attempt = TimeSpan.FromSeconds(o.AttemptTimeoutSeconds);
                if (o.MaxRetries > 0)
                {
                    pipeline.AddRetry(new HttpRetryStrategyOptions
                    {
                        MaxRetryAttempts = o.MaxRetries,
                        BackoffType = Polly.DelayBackoffType.Exponential,
                        Delay = TimeSpan.FromMilliseconds(o.RetryDelayMilliseconds),
                        UseJitter = false,
                        // 429 and 503 carry Retry-After: wait as long as the source asks.
                        ShouldRetryAfterHeader = true,
                        MaxDelay = TimeSpan.FromMinutes(2),
                    });
                }

                pipeline.AddCircuitBreaker(new HttpCircuitBreakerStrategyOptions
                {
                    SamplingDuration = attempt * 2 > TimeSpan.FromSeconds(30) ? attempt * 2 : TimeSpan.FromSeconds(30),
                    MinimumThroughput = 10,
                    FailureRatio = 0.9,
                    BreakDuration = TimeSpan.FromSeconds(30),
                });
                pipeline.AddTimeout(attempt);
            });

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
}
