using Microsoft.Extensions.Time.Testing;

namespace RareEarthApi.Tests.Support;

/// <summary>
/// A fake clock that tells when the code under test starts waiting on it: a test waits for the timer of a given
/// duration (a backoff, a Retry-After), then advances the clock past it, instead of sleeping on the real one.
/// </summary>
public sealed class WatchedClock() : FakeTimeProvider(DateTimeOffset.UtcNow)
{
    private readonly Lock _gate = new();
    private readonly List<(TimeSpan DueTime, TaskCompletionSource Created)> _waiters = [];

    public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period)
    {
        var timer = base.CreateTimer(callback, state, dueTime, period);
        lock (_gate)
        {
            foreach (var waiter in _waiters.Where(w => w.DueTime == dueTime).ToList())
            {
                waiter.Created.TrySetResult();
                _waiters.Remove(waiter);
            }
        }

        return timer;
    }

    /// <summary>
    /// A task that completes once a timer of exactly <paramref name="dueTime"/> is created after this call (bounded:
    /// it fails the test after 30 s of real time).
    /// </summary>
    public Task TimerCreated(TimeSpan dueTime)
    {
        var created = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        lock (_gate)
        {
            _waiters.Add((dueTime, created));
        }

        return created.Task.WaitAsync(TimeSpan.FromSeconds(30));
    }
}
