namespace Fastn.Engine.Errors;

/// <summary>
/// What kind of failure a <see cref="FastnException"/> is, independent of any transport: REST maps it to an HTTP
/// status at its edge, flows decide from it whether a step retries, MCP turns it into a tool error.
/// </summary>
public enum ErrorCategory
{
    /// <summary>The input is wrong; sending it again unchanged fails again.</summary>
    Validation,

    /// <summary>The caller is not authenticated to Fastn.</summary>
    Unauthenticated,

    /// <summary>The caller may not do this.</summary>
    Forbidden,

    /// <summary>Something named in the request does not exist, or is not visible to the caller.</summary>
    NotFound,

    /// <summary>The request conflicts with the current state (already used, revoked, changed meanwhile).</summary>
    Conflict,

    /// <summary>The thing existed but is no longer usable (an expired link).</summary>
    Gone,

    /// <summary>The input is larger than the platform accepts.</summary>
    TooLarge,

    /// <summary>The connection's credentials no longer work: the user has to connect again.</summary>
    AuthRequired,

    /// <summary>The app is rate limiting this connection; retry after <see cref="FastnException.RetryAfter"/>.</summary>
    RateLimited,

    /// <summary>The app answered with an error.</summary>
    Upstream,

    /// <summary>The app could not be reached or did not answer in time.</summary>
    Unreachable,

    /// <summary>The caller cancelled the operation.</summary>
    Cancelled,

    /// <summary>A bug in Fastn or in a connector.</summary>
    Internal,
}
