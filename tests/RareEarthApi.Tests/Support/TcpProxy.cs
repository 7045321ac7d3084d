using System.Net;
using System.Net.Sockets;

namespace RareEarthApi.Tests.Support;

/// <summary>
/// A loopback TCP forwarder in front of Azurite that a test can cut and restore, to play "storage is down"
/// with the real emulator behind it.
/// </summary>
public sealed class TcpProxy : IAsyncDisposable
{
    private readonly int _targetPort;
    private readonly List<TcpClient> _open = [];
    private TcpListener? _listener;
    private CancellationTokenSource _cts = new();

    public TcpProxy(int targetPort)
    {
        _targetPort = targetPort;
        var probe = new TcpListener(IPAddress.Loopback, 0);
        probe.Start();
        Port = ((IPEndPoint)probe.LocalEndpoint).Port;
        probe.Stop();
    }

    public int Port { get; }

    /// <summary>
    /// True: connections are accepted and never answered (hung storage), until <see cref="Stop"/>. Set before
    /// <see cref="Start"/>.
    /// </summary>
    public bool Hang { get; set; }

    public void Start()
    {
        _cts = new CancellationTokenSource();
        _listener = new TcpListener(IPAddress.Loopback, Port);
        _listener.Server.SetSocketOption(SocketOptionLevel.Socket, SocketOptionName.ReuseAddress, true);
        _listener.Start();
        _ = AcceptLoop(_listener, _cts.Token);
    }

    /// <summary>Refuse new connections and cut the open ones.</summary>
    public void Stop()
    {
        _cts.Cancel();
        _listener?.Stop();
        lock (_open)
        {
            foreach (var c in _open)
            {
                c.Dispose();
            }

            _open.Clear();
        }
    }

    private async Task AcceptLoop(TcpListener listener, CancellationToken ct)
    {
        while (!ct.IsCancellationRequested)
        {
            TcpClient client;
            try
            {
                client = await listener.AcceptTcpClientAsync(ct);
            }
            catch (Exception) when (ct.IsCancellationRequested)
            {
                return;
            }
            catch (SocketException)
            {
                return;
            }

            _ = Pipe(client, ct);
        }
    }

    private async Task Pipe(TcpClient client, CancellationToken ct)
    {
        using var upstream = new TcpClient();
        lock (_open)
        {
            _open.Add(client);
            _open.Add(upstream);
        }

        try
        {
            if (Hang)
            {
                // Read and drop whatever comes, answer nothing, keep the connection open.
                await client.GetStream().CopyToAsync(Stream.Null, ct);
                return;
            }

            await upstream.ConnectAsync(IPAddress.Loopback, _targetPort, ct);
            var a = client.GetStream().CopyToAsync(upstream.GetStream(), ct);
            var b = upstream.GetStream().CopyToAsync(client.GetStream(), ct);
            await Task.WhenAny(a, b);
        }
        catch (Exception)
        {
            // A cut connection is the point of this class.
        }
        finally
        {
            client.Dispose();
        }
    }

    public ValueTask DisposeAsync()
    {
        Stop();
        return ValueTask.CompletedTask;
    }
}
