using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;

namespace Fastn.Server.Tests.Infrastructure;

/// <summary>Every log line a server wrote (message, state values and exceptions), so tests can assert no secret was logged.</summary>
public sealed class CapturedLogs : ILoggerProvider
{
    private static readonly ConcurrentDictionary<CapturedLogs, byte> Live = new();
    private readonly ConcurrentQueue<string> _lines = new();

    public CapturedLogs() => Live[this] = 0;

    public IReadOnlyCollection<string> Lines => _lines;

    public string AllText => string.Join('\n', _lines);

    public ILogger CreateLogger(string categoryName) => new Logger(this, categoryName);

    /// <summary>
    /// Error lines of every running test server that mention <paramref name="text"/> (a request path), so an
    /// unexpected 500 in a test shows the server's exception beside the assertion instead of only a trace id.
    /// </summary>
    public static string ErrorsMentioning(string text) => string.Join('\n', Live.Keys
        .SelectMany(l => l._lines)
        .Where(l => (l.StartsWith("Error ", StringComparison.Ordinal) || l.StartsWith("Critical ", StringComparison.Ordinal)) && l.Contains(text, StringComparison.Ordinal)));

    public void Dispose() => Live.TryRemove(this, out _);

    private sealed class Logger(CapturedLogs sink, string category) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => logLevel != LogLevel.None;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            var line = $"{logLevel} {category}: {formatter(state, exception)}";
            if (state is IEnumerable<KeyValuePair<string, object?>> values)
            {
                // Structured values too: a sink such as OTLP exports them even when the message omits them.
                line += " | " + string.Join("; ", values.Select(v => $"{v.Key}={v.Value}"));
            }

            if (exception is not null)
            {
                line += "\n" + exception;
            }

            sink._lines.Enqueue(line);
        }
    }
}
