namespace Fastn.Samples.Acme.OAuth;

/// <summary>A valid access token as the API sees it.</summary>
public sealed record AcmeAccessToken(
    string Token, string ClientId, string AccountId, IReadOnlyList<string> Scopes, DateTimeOffset ExpiresAt, string? FamilyId);
