namespace Fastn.Samples.Acme;

/// <summary>Behaviour of the Acme CRM sandbox app, bound from <c>Fastn:Sandbox:Acme</c>.</summary>
public sealed class AcmeOptions
{
    /// <summary>The configuration section the options are bound from.</summary>
    public const string SectionName = "Fastn:Sandbox:Acme";

    /// <summary>Lifetime of access tokens (default 1 h; tests may use seconds).</summary>
    public TimeSpan AccessTokenLifetime { get; set; } = TimeSpan.FromHours(1);

    /// <summary>Lifetime of refresh tokens (default 30 days).</summary>
    public TimeSpan RefreshTokenLifetime { get; set; } = TimeSpan.FromDays(30);

    /// <summary>Lifetime of authorization codes (default 60 s).</summary>
    public TimeSpan AuthorizationCodeLifetime { get; set; } = TimeSpan.FromSeconds(60);

    /// <summary>How long the login and consent pages of one authorization request stay usable (default 10 min).</summary>
    public TimeSpan AuthorizationRequestLifetime { get; set; } = TimeSpan.FromMinutes(10);

    /// <summary>Requests allowed per access token in each <see cref="RateLimitWindow"/> (default 100).</summary>
    public int RateLimitPermits { get; set; } = 100;

    /// <summary>Fixed window of the per-token rate limit (default 10 s).</summary>
    public TimeSpan RateLimitWindow { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>When true (default), <c>/oauth/authorize</c> requires <c>code_challenge</c> with method S256.</summary>
    public bool RequirePkce { get; set; } = true;

    /// <summary>Number of contacts generated at start-up (default 50).</summary>
    public int SeedContactCount { get; set; } = 50;

    /// <summary>Seed of the fake-data generator; the same seed always yields the same contacts.</summary>
    public int Seed { get; set; } = 20250101;

    /// <summary>E-mail address of the test account that signs in on the login page.</summary>
    public string DemoEmail { get; set; } = "demo@acme.example";

    /// <summary>Password of the test account.</summary>
    public string DemoPassword { get; set; } = "acme-demo";

    /// <summary>
    /// Registered OAuth clients. The default is <see cref="AcmeOAuthClient.FastnLocal"/>; clients bound from
    /// configuration are added to it.
    /// </summary>
    public IList<AcmeOAuthClient> Clients { get; } = [AcmeOAuthClient.FastnLocal()];

    internal AcmeOAuthClient? FindClient(string? clientId) =>
        string.IsNullOrEmpty(clientId) ? null : Clients.FirstOrDefault(c => string.Equals(c.ClientId, clientId, StringComparison.Ordinal));
}
