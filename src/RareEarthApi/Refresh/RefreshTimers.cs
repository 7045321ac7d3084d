using Microsoft.Azure.Functions.Worker;
using RareEarthApi.Refresh.Comtrade;
using RareEarthApi.Refresh.Curated;
using RareEarthApi.Refresh.Usgs;

namespace RareEarthApi.Refresh;

/// <summary>
/// The scheduled refreshes, one timer per source, schedules from app settings (NCRONTAB). Timer functions are
/// singletons in Azure Functions; the source's blob lease also keeps them apart from the admin route's runs.
/// </summary>
internal sealed class RefreshTimers(RefreshPipeline pipeline)
{
    [Function(nameof(UsgsRefreshTimer))]
    public Task UsgsRefreshTimer([TimerTrigger("%UsgsRefreshSchedule%")] TimerInfo timer, CancellationToken cancellationToken) =>
        pipeline.RunAsync(UsgsSource.SourceName, Trigger(timer), cancellationToken);

    [Function(nameof(ComtradeRefreshTimer))]
    public Task ComtradeRefreshTimer([TimerTrigger("%ComtradeRefreshSchedule%")] TimerInfo timer, CancellationToken cancellationToken) =>
        pipeline.RunAsync(ComtradeSource.SourceName, Trigger(timer), cancellationToken);

    [Function(nameof(CuratedRefreshTimer))]
    public Task CuratedRefreshTimer([TimerTrigger("%CuratedRefreshSchedule%")] TimerInfo timer, CancellationToken cancellationToken) =>
        pipeline.RunAsync(CuratedSource.SourceName, Trigger(timer), cancellationToken);

    private static string Trigger(TimerInfo timer) => timer.IsPastDue ? "timer (past due)" : "timer";
}
