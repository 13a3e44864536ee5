namespace Fastn.Samples.Acme.Contacts;

/// <summary>A contact of Acme CRM; serialized snake_case (<c>given_name</c>, <c>created_at</c>, …).</summary>
public sealed record AcmeContact
{
    /// <summary>The id, <c>ct_…</c>.</summary>
    public required string Id { get; init; }

    public required string Email { get; init; }

    public string GivenName { get; init; } = string.Empty;

    public string FamilyName { get; init; } = string.Empty;

    /// <summary>Given and family name joined by a space.</summary>
    public string FullName => $"{GivenName} {FamilyName}".Trim();

    public string? Company { get; init; }

    public string? Phone { get; init; }

    public IReadOnlyList<string> Tags { get; init; } = [];

    public DateTimeOffset CreatedAt { get; init; }

    public DateTimeOffset UpdatedAt { get; init; }
}
