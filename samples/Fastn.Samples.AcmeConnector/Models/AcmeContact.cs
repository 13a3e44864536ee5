using System.ComponentModel;

namespace Fastn.Samples.AcmeConnector.Models;

/// <summary>A contact as Acme CRM's API returns it (snake_case JSON).</summary>
public sealed record AcmeContact
{
    /// <summary>Acme's id, <c>ct_…</c>.</summary>
    [Description("Acme's contact id, like ct_123.")]
    public required string Id { get; init; }

    /// <summary>E-mail address.</summary>
    [Description("Primary e-mail address.")]
    public string? Email { get; init; }

    /// <summary>First name.</summary>
    [Description("Given (first) name.")]
    public string? GivenName { get; init; }

    /// <summary>Last name.</summary>
    [Description("Family (last) name.")]
    public string? FamilyName { get; init; }

    /// <summary>Whole name.</summary>
    [Description("Full name as Acme displays it.")]
    public string? FullName { get; init; }

    /// <summary>Company name.</summary>
    [Description("Company the contact works for.")]
    public string? Company { get; init; }

    /// <summary>Phone number.</summary>
    [Description("Phone number.")]
    public string? Phone { get; init; }

    /// <summary>Labels.</summary>
    [Description("Tags attached to the contact.")]
    public IReadOnlyList<string>? Tags { get; init; }

    /// <summary>Creation time (UTC).</summary>
    [Description("When the contact was created.")]
    public DateTimeOffset? CreatedAt { get; init; }

    /// <summary>Last change (UTC).</summary>
    [Description("When the contact last changed.")]
    public DateTimeOffset? UpdatedAt { get; init; }
}
