namespace Fastn.Connectors.Triggers;

/// <summary>What a verifier needs besides the request: the signing secret, the clock and the tolerance.</summary>
public sealed record WebhookVerificationContext
{
    /// <summary>The signing secret for this connection or app (never logged).</summary>
    public required string SigningSecret { get; init; }

    /// <summary>The clock, for timestamp windows.</summary>
    public TimeProvider Time { get; init; } = TimeProvider.System;

    /// <summary>How old a signed timestamp may be (default 5 minutes).</summary>
    public TimeSpan Tolerance { get; init; } = TimeSpan.FromMinutes(5);

    /// <inheritdoc />
    public override string ToString() => $"WebhookVerificationContext(secret: ***, tolerance: {Tolerance})";
}
