namespace Fastn.Samples.AcmeConnector.Models;

/// <summary>The authenticated Acme account (<c>GET /me</c>: <c>{id, email, name, company_name, scopes}</c>).</summary>
public sealed record AcmeAccount
{
    /// <summary>Account id, like <c>acct_demo</c>.</summary>
    public required string Id { get; init; }

    /// <summary>Login e-mail.</summary>
    public string? Email { get; init; }

    /// <summary>The account holder's name.</summary>
    public string? Name { get; init; }

    /// <summary>The account's company name.</summary>
    public string? CompanyName { get; init; }

    /// <summary>The scopes the connection's access token was granted.</summary>
    public IReadOnlyList<string>? Scopes { get; init; }
}
