using System.Collections.Concurrent;
using Azure;
using Azure.Storage.Blobs.Specialized;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace RareEarthApi.Refresh;

/// <summary>
/// One run per source at a time across instances: a blob lease on "locks/refresh-{source}" in the raw container,
/// renewed while the run goes on and released at its end (a crashed holder's lease lapses by itself). Within the
/// process a gate per source keeps runs apart, so the process can propose the same lease id every time: a lease
/// it still holds after a storage blip (a release or an acquire whose answer was lost) is its own to take again at
/// once, not a lock held against its next run for the lease's full time.
/// </summary>
internal sealed class RefreshLock(RawArchive archive, IOptions<RefreshOptions> options, TimeProvider time, ILogger<RefreshLock> logger)
{
    private readonly string _leaseId = Guid.NewGuid().ToString();
    private readonly ConcurrentDictionary<string, SemaphoreSlim> _gates = new(StringComparer.Ordinal);

    public async Task<RefreshLease?> TryAcquireAsync(string source, CancellationToken cancellationToken)
    {
        var gate = _gates.GetOrAdd(source, _ => new SemaphoreSlim(1, 1));
        if (!await gate.WaitAsync(0, cancellationToken))
        {
            return null;
        }

        try
        {
            var lease = await AcquireAsync(source, cancellationToken);
            if (lease is null)
            {
                gate.Release();
            }

            return lease;
        }
        catch
        {
            gate.Release();
            throw;
        }

        async Task<RefreshLease?> AcquireAsync(string source, CancellationToken cancellationToken)
        {
            var container = archive.Container;
            await container.CreateIfNotExistsAsync(cancellationToken: cancellationToken);
            var blob = container.GetBlobClient($"locks/refresh-{source}");
            try
            {
                await blob.UploadAsync(BinaryData.FromString(source), overwrite: false, cancellationToken);
            }
            catch (RequestFailedException e) when (e.Status is 409 or 412)
            {
                // The lock blob exists already (or is leased right now).
            }

            var lease = blob.GetBlobLeaseClient(_leaseId);
            var duration = TimeSpan.FromSeconds(options.Value.LeaseSeconds);
            var acquired = time.GetUtcNow();
            try
            {
                await lease.AcquireAsync(duration, cancellationToken: cancellationToken);
            }
            catch (RequestFailedException e) when (e.Status == 409)
            {
                return null;
            }

            return new RefreshLease(source, lease, duration, acquired, time, logger, () => gate.Release());
        }
    }
}

/// <summary>
/// A held refresh lease, renewed every third of its duration. <see cref="Lost"/> is cancelled when the service says
/// the lease is gone (broken, or taken by another holder) or when no renewal has succeeded for a whole lease period;
/// a run links it into its token and checks <see cref="ThrowIfLost"/> before it publishes.
/// </summary>
internal sealed partial class RefreshLease : IAsyncDisposable
{
    private readonly string _source;
    private readonly BlobLeaseClient _lease;
    private readonly TimeSpan _duration;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private readonly CancellationTokenSource _stop = new();
    private readonly CancellationTokenSource _lost = new();
    private readonly Task _renewals;
    private readonly Action _released;
    private long _renewedTicks;

    public RefreshLease(string source, BlobLeaseClient lease, TimeSpan duration, DateTimeOffset acquired, TimeProvider time, ILogger logger, Action released)
    {
        _released = released;
        _source = source;
        _lease = lease;
        _duration = duration;
        _time = time;
        _logger = logger;
        _renewedTicks = acquired.UtcTicks;
        _renewals = RenewAsync(_stop.Token);
    }

    /// <summary>Cancelled once the lease is known to be lost.</summary>
    public CancellationToken Lost => _lost.Token;

    /// <summary>
    /// Lost, or not renewed for a whole lease period (counted from the start of the last successful request, so the
    /// lease may have lapsed even if the renewal task has not noticed yet).
    /// </summary>
    public bool IsLost => _lost.IsCancellationRequested || _time.GetUtcNow() - Renewed >= _duration;

    private DateTimeOffset Renewed => new(Interlocked.Read(ref _renewedTicks), TimeSpan.Zero);

    /// <summary>What a run that lost its lease records.</summary>
    public string LostMessage =>
        $"Stopped: lost the refresh lock (the lease on locks/refresh-{_source} was taken or broken, or could not be renewed for {_duration.TotalSeconds:0} s); nothing was published.";

    public void ThrowIfLost()
    {
        if (IsLost)
        {
            throw new RefreshLockLostException(LostMessage);
        }
    }

    private async Task RenewAsync(CancellationToken stop)
    {
        while (true)
        {
            try
            {
                await Task.Delay(_duration / 3, _time, stop);
            }
            catch (OperationCanceledException)
            {
                return;
            }

            var attempt = _time.GetUtcNow();
            try
            {
                await _lease.RenewAsync(cancellationToken: stop);
                Interlocked.Exchange(ref _renewedTicks, attempt.UtcTicks);
            }
            catch (OperationCanceledException) when (stop.IsCancellationRequested)
            {
                return;
            }
            catch (Exception e)
            {
                // Every failure is logged and counted; none ends the renewals while the lease may still be held.
                LogRenewalFailed(_logger, e, _source);
                var gone = e is RequestFailedException { Status: 409 or 412 };
                if (gone || _time.GetUtcNow() - Renewed >= _duration)
                {
                    LogLost(_logger, _source, gone ? "the service says it is no longer held" : "no renewal succeeded for a whole lease period");
                    await _lost.CancelAsync();
                    return;
                }
            }
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        await _renewals;
        try
        {
            // Even a lease counted lost may still be held by this id (renewals failed, the service kept it):
            // releasing it spares the next run the wait. Another holder's lease refuses this id, harmlessly.
            await _lease.ReleaseAsync();
        }
        catch (Exception e)
        {
            // It lapses by itself; this process's next run proposes the same id and takes it at once.
            LogReleaseFailed(_logger, e, _source);
        }
        finally
        {
            _released();
        }

        _stop.Dispose();
        _lost.Dispose();
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Renewing the refresh lease of {Source} failed")]
    private static partial void LogRenewalFailed(ILogger logger, Exception exception, string source);

    [LoggerMessage(Level = LogLevel.Information, Message = "Releasing the refresh lease of {Source} failed; it lapses by itself")]
    private static partial void LogReleaseFailed(ILogger logger, Exception exception, string source);

    [LoggerMessage(Level = LogLevel.Error, Message = "Lost the refresh lease of {Source} ({Reason}); the run stops before publishing")]
    private static partial void LogLost(ILogger logger, string source, string reason);
}

/// <summary>The run's lease is gone: another run may hold it now, so this one must not publish.</summary>
internal sealed class RefreshLockLostException(string message) : Exception(message);
