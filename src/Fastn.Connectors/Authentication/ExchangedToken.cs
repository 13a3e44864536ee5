namespace Fastn.Connectors.Authentication;

/// <summary>A short-lived token a <see cref="CustomAuth"/> exchange produced, cached until <see cref="ExpiresAt"/>.</summary>
/// <param name="AccessToken">The token.</param>
/// <param name="ExpiresAt">When it stops working; the platform exchanges again ahead of it.</param>
public sealed record ExchangedToken(string AccessToken, DateTimeOffset? ExpiresAt)
{
    /// <inheritdoc />
    public override string ToString() => $"ExchangedToken(***, expires {ExpiresAt:O})";
}
