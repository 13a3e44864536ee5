namespace Fastn.Engine.Http;

/// <summary>Outbound HTTP settings for connectors (<c>Fastn:Http</c>).</summary>
public sealed class OutboundHttpOptions
{
    /// <summary>
    /// Hosts (optionally <c>host:port</c>) that may resolve to loopback/private/link-local addresses.
    /// Everything else is refused there (SSRF guard). The local sandbox adds its own host.
    /// </summary>
    public List<string> AllowedPrivateHosts { get; set; } = [];

    /// <summary>Retries for idempotent requests or requests with an idempotency key (default 3).</summary>
    public int MaxRetries { get; set; } = 3;

    /// <summary>Base delay of the jittered exponential back-off (default 200 ms).</summary>
    public TimeSpan RetryBaseDelay { get; set; } = TimeSpan.FromMilliseconds(200);

    /// <summary>Longest <c>Retry-After</c> the client waits for inside one call before giving up with a rate-limited error (default 30 s).</summary>
    public TimeSpan MaxRetryAfter { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>Failure ratio that opens a host's circuit (default 0.5 over 30 s with at least 20 calls).</summary>
    public double CircuitBreakerFailureRatio { get; set; } = 0.5;

    /// <summary>
    /// Largest response body read from an app, in bytes (default 10 MB); a larger one fails the call with
    /// <c>fastn:response-too-large</c> instead of filling the server's memory.
    /// </summary>
    public long MaxResponseBytes { get; set; } = DefaultMaxResponseBytes;

    /// <summary>The default of <see cref="MaxResponseBytes"/>: 10 MB.</summary>
    public const long DefaultMaxResponseBytes = 10 * 1024 * 1024;
}
