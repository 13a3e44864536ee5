using System.Collections.Concurrent;

namespace Fastn.E2E;

/// <summary>What one page requested beyond the server, which responses failed, and its uncaught script errors.</summary>
public sealed class PageLog
{
    /// <summary>Requests anywhere but this server: the dashboard must make none (no CDN, no web fonts).</summary>
    public ConcurrentQueue<string> OutsideRequests { get; } = new();

    /// <summary>Responses with an error status.</summary>
    public ConcurrentQueue<string> FailedResponses { get; } = new();

    /// <summary>Uncaught script errors.</summary>
    public ConcurrentQueue<string> PageErrors { get; } = new();
}
