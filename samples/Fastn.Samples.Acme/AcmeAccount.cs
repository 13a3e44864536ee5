namespace Fastn.Samples.Acme;

/// <summary>The Acme account the test user signs in to (returned by <c>GET /api/v1/me</c>).</summary>
public sealed record AcmeAccount(string Id, string Email, string Name, string CompanyName);
