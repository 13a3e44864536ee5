namespace Fastn.Samples.Acme.Api;

/// <summary>Fixed-window request counter per access token, on the injected clock.</summary>
internal sealed class AcmeRateLimiter(AcmeOptions options, TimeProvider time)
{
    private readonly Lock _lock = new();
    private readonly Dictionary<string, Window> _windows = new(StringComparer.Ordinal);

    /// <summary>Counts one request; when the window is full, returns false and how long until it resets.</summary>
    public bool TryAcquire(string key, out TimeSpan retryAfter)
    {
        var now = time.GetUtcNow();
        lock (_lock)
        {
            if (!_windows.TryGetValue(key, out var window) || now >= window.Start + options.RateLimitWindow)
            {
                if (_windows.Count > 10_000)
                {
                    _windows.Clear();
                }

                window = new Window(now);
                _windows[key] = window;
            }

            if (window.Count >= options.RateLimitPermits)
            {
                retryAfter = window.Start + options.RateLimitWindow - now;
                return false;
            }

            window.Count++;
            retryAfter = TimeSpan.Zero;
            return true;
        }
    }

    public void Reset()
    {
        lock (_lock)
        {
            _windows.Clear();
        }
    }

    private sealed class Window(DateTimeOffset start)
    {
        public DateTimeOffset Start { get; } = start;

        public int Count { get; set; }
    }
}
