namespace Fastn.Sandbox.Vendors.Slack;

/// <summary>What the receiver answered to one Events API request.</summary>
/// <param name="Status">HTTP status (0 when the receiver could not be reached).</param>
/// <param name="Body">The receiver's response body (or the connection error).</param>
public sealed record SlackDeliveryResult(int Status, string Body)
{
    /// <summary>The delivered event's <c>event_id</c> (event callbacks only).</summary>
    public string? EventId { get; init; }

    /// <summary>Whether a url_verification handshake echoed the challenge.</summary>
    public bool Verified { get; init; }
}
