using System.ComponentModel;

namespace Fastn.Connectors.BuiltIn.HubSpot.Models;

/// <summary>Which contact to read.</summary>
public sealed record GetContactInput
{
    /// <summary>The contact id, or the value of <see cref="IdProperty"/>.</summary>
    [Description("The contact's id, or its e-mail address when id_property is email.")]
    public required string ContactId { get; init; }

    /// <summary>A unique property to look the contact up by instead of its id.</summary>
    [Description("A unique property to look the contact up by instead of its id, e.g. email.")]
    public string? IdProperty { get; init; }
}
