using System.Globalization;
using Microsoft.Extensions.Options;
using NCrontab;

namespace RareEarthApi.Refresh;

/// <summary>
/// The timers' schedules, app settings UsgsRefreshSchedule, ComtradeRefreshSchedule and CuratedRefreshSchedule
/// (read by the Functions host through %…% in the timer attributes). Checked at start: a schedule the host cannot
/// read would otherwise only show as a timer that never runs.
/// </summary>
public sealed class RefreshSchedules
{
    public string? UsgsRefreshSchedule { get; set; }

    public string? ComtradeRefreshSchedule { get; set; }

    public string? CuratedRefreshSchedule { get; set; }

    public IEnumerable<(string Setting, string? Value)> All =>
    [
        (nameof(UsgsRefreshSchedule), UsgsRefreshSchedule),
        (nameof(ComtradeRefreshSchedule), ComtradeRefreshSchedule),
        (nameof(CuratedRefreshSchedule), CuratedRefreshSchedule),
    ];
}

/// <summary>
/// A schedule is what the Functions timer trigger takes: six NCRONTAB fields ({second} {minute} {hour} {day}
/// {month} {day-of-week}), parsed by NCrontab as the host does, or a TimeSpan interval (hh:mm:ss).
/// </summary>
internal sealed class RefreshSchedulesValidator : IValidateOptions<RefreshSchedules>
{
    public ValidateOptionsResult Validate(string? name, RefreshSchedules options)
    {
        var failures = options.All
            .Where(s => s.Value is { } value && !IsSchedule(value))
            .Select(s => $"{s.Setting} '{s.Value}' is not a timer schedule: write six NCRONTAB fields, {{second}} {{minute}} {{hour}} {{day}} {{month}} {{day-of-week}} (for example '0 0 6 * * 1', Mondays at 06:00 UTC), or an interval hh:mm:ss.")
            .ToList();
        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }

    internal static bool IsSchedule(string value) =>
        CrontabSchedule.TryParse(value, new CrontabSchedule.ParseOptions { IncludingSeconds = true }) is not null
        || (value.Contains(':', StringComparison.Ordinal) && TimeSpan.TryParse(value, CultureInfo.InvariantCulture, out var interval) && interval > TimeSpan.Zero);
}
