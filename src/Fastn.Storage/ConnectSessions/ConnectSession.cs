namespace Fastn.Storage.ConnectSessions;

/// <summary>
/// A short-lived, single-use invitation for one tenant's user to connect an account on the hosted connect page.
/// The token itself is never stored: only its SHA-256 (<see cref="TokenHash"/>).
/// </summary>
public sealed class ConnectSession : ITenantOwned
{
    public required string Id { get; init; }

    public required string WorkspaceId { get; init; }

    public required string TenantId { get; init; }

    /// <summary>Lower-case hex SHA-256 of the session token.</summary>
    public required string TokenHash { get; init; }

    /// <summary>JSON array of connector names the user may pick; <c>[]</c> allows every connector.</summary>
    public string AllowedConnectors { get; init; } = "[]";

    /// <summary>A URL registered for the workspace where the page sends the user after connecting.</summary>
    public string? ReturnUrl { get; init; }

    /// <summary>Random anti-forgery value every form of the page carries (compared in constant time).</summary>
    public required string FormToken { get; init; }

    public DateTimeOffset CreatedAt { get; init; }

    public DateTimeOffset ExpiresAt { get; init; }

    /// <summary>Set once, atomically, when a connection attempt claims the session.</summary>
    public DateTimeOffset? ConsumedAt { get; set; }

    /// <summary>The connection created through the session.</summary>
    public string? ConnectionId { get; set; }

    /// <summary>The connector of <see cref="ConnectionId"/>.</summary>
    public string? Connector { get; set; }
}
