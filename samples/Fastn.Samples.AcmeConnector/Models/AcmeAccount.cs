using System.Text.Json.Serialization;

namespace Fastn.Samples.AcmeConnector.Models;

/// <summary>The authenticated Acme account (<c>GET /me</c>).</summary>
public sealed record AcmeAccount
{
    /// <summary>Account id.</summary>
    public required string Id { get; init; }

    /// <summary>Login e-mail.</summary>
    public string? Email { get; init; }

    /// <summary>The account's company name (Acme sends it as <c>company</c> or <c>company_name</c>).</summary>
    [JsonPropertyName("company_name")]
    public string? CompanyName { get; init; }
}
