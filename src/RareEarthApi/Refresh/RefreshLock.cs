using Azure;
using Azure.Storage.Blobs.Specialized;
using Microsoft.Extensions.Options;

namespace RareEarthApi.Refresh;

/// <summary>
/// One run per source at a time across instances: a blob lease on "locks/refresh-{source}" in the raw container,
/// renewed while the run goes on and released at its end (a crashed holder's lease lapses by itself).
/// </summary>
internal sealed class RefreshLock(RawArchive archive, IOptions<RefreshOptions> options, TimeProvider time)
{
    public async Task<IAsyncDisposable?> TryAcquireAsync(string source, CancellationToken cancellationToken)
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

        var lease = blob.GetBlobLeaseClient();
        var duration = TimeSpan.FromSeconds(options.Value.LeaseSeconds);
        try
        {
            await lease.AcquireAsync(duration, cancellationToken: cancellationToken);
        }
        catch (RequestFailedException e) when (e.Status == 409)
        {
            return null;
        }

        return new Held(lease, duration, time);
    }

    private sealed class Held : IAsyncDisposable
    {
        private readonly BlobLeaseClient _lease;
        private readonly CancellationTokenSource _stop = new();
        private readonly Task _renewals;

        public Held(BlobLeaseClient lease, TimeSpan duration, TimeProvider time)
        {
            _lease = lease;
            _renewals = RenewAsync(duration / 3, time, _stop.Token);
        }

        private async Task RenewAsync(TimeSpan every, TimeProvider time, CancellationToken stop)
        {
            while (!stop.IsCancellationRequested)
            {
                try
                {
                    await Task.Delay(every, time, stop);
                    await _lease.RenewAsync(cancellationToken: stop);
                }
                catch (OperationCanceledException)
                {
                    return;
                }
                catch (RequestFailedException)
                {
                    // Try again at the next tick; the lease lasts three ticks.
                }
            }
        }

        public async ValueTask DisposeAsync()
        {
            await _stop.CancelAsync();
            await _renewals;
            _stop.Dispose();
            try
            {
                await _lease.ReleaseAsync();
            }
            catch (RequestFailedException)
            {
                // It lapses by itself.
            }
        }
    }
}
