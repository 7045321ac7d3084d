using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;

namespace RareEarthApi.Tests.Support;

/// <summary>Every log entry of a host, formatted (message, exception, category), for tests of what the logs say.</summary>
public sealed class CapturingLoggerProvider : ILoggerProvider
{
    public ConcurrentQueue<(string Category, LogLevel Level, string Text)> Entries { get; } = new();

    public ILogger CreateLogger(string categoryName) => new Logger(this, categoryName);

    public void Clear() => Entries.Clear();

    public void Dispose()
    {
    }

    private sealed class Logger(CapturingLoggerProvider provider, string category) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => logLevel != LogLevel.None;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            // The state's values too: a structured sink (Application Insights) stores them beside the message.
            var values = state is IEnumerable<KeyValuePair<string, object?>> pairs ? string.Join(" ", pairs.Select(p => $"{p.Key}={p.Value}")) : "";
            provider.Entries.Enqueue((category, logLevel, $"{formatter(state, exception)} {values} {exception}"));
        }
    }
}
