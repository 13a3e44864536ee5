using System.ComponentModel;

namespace Fastn.Samples.AcmeConnector.Models;

/// <summary>Input of <c>update_contact</c>: the id and the fields to change.</summary>
public sealed record UpdateContactInput
{
    /// <summary>The contact id.</summary>
    [Description("Acme's contact id, like ct_123.")]
    public required string Id { get; init; }

    /// <summary>New e-mail.</summary>
    [Description("New e-mail address.")]
    public string? Email { get; init; }

    /// <summary>New first name.</summary>
    [Description("New given name.")]
    public string? GivenName { get; init; }

    /// <summary>New last name.</summary>
    [Description("New family name.")]
    public string? FamilyName { get; init; }

    /// <summary>New company.</summary>
    [Description("New company name.")]
    public string? Company { get; init; }

    /// <summary>New phone.</summary>
    [Description("New phone number.")]
    public string? Phone { get; init; }

    /// <summary>New tags (replace the old ones).</summary>
    [Description("Tags, replacing the current ones.")]
    public IReadOnlyList<string>? Tags { get; init; }
}
