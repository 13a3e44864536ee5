using System.ComponentModel;

namespace Fastn.Samples.AcmeConnector.Models;

// <snippet:create-contact-input>
/// <summary>Input of <c>create_contact</c>.</summary>
public sealed record CreateContactInput
{
    /// <summary>E-mail (required by Acme).</summary>
    [Description("Primary e-mail address; Acme requires it.")]
    public required string Email { get; init; }

    /// <summary>First name.</summary>
    [Description("Given (first) name.")]
    public string? GivenName { get; init; }

    /// <summary>Last name.</summary>
    [Description("Family (last) name.")]
    public string? FamilyName { get; init; }

    /// <summary>Company.</summary>
    [Description("Company name.")]
    public string? Company { get; init; }

    /// <summary>Phone.</summary>
    [Description("Phone number.")]
    public string? Phone { get; init; }

    /// <summary>Tags.</summary>
    [Description("Tags to attach.")]
    public IReadOnlyList<string>? Tags { get; init; }
}
// </snippet:create-contact-input>
