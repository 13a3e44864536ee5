namespace Fastn.Connectors.Http;

/// <summary>The app is rate limiting this connection; retry after <see cref="RetryAfter"/>.</summary>
public sealed class RateLimitedException : ConnectorException
{
    /// <summary>Creates the exception.</summary>
    public RateLimitedException(string message, TimeSpan? retryAfter, Exception? innerException = null)
        : base(message, innerException)
    {
        RetryAfter = retryAfter;
    }

    /// <summary>How long the app asked to wait, if it said.</summary>
    public TimeSpan? RetryAfter { get; }

    /// <inheritdoc />
    public override string ProblemType => "fastn:rate-limited";
}
