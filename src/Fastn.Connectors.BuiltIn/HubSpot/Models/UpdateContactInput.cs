using System.ComponentModel;
using System.Text.Json.Serialization;

namespace Fastn.Connectors.BuiltIn.HubSpot.Models;

/// <summary>Changes to a contact; properties left out stay as they are, an empty string clears one.</summary>
public sealed record UpdateContactInput
{
    /// <summary>The contact id.</summary>
    [Description("The contact's id.")]
    public required string ContactId { get; init; }

    /// <summary>E-mail address.</summary>
    [Description("E-mail address."), JsonPropertyName("email")]
    public string? Email { get; init; }

    /// <summary>First name.</summary>
    [Description("First name."), JsonPropertyName("firstname")]
    public string? FirstName { get; init; }

    /// <summary>Last name.</summary>
    [Description("Last name."), JsonPropertyName("lastname")]
    public string? LastName { get; init; }

    /// <summary>Company name.</summary>
    [Description("Company name."), JsonPropertyName("company")]
    public string? Company { get; init; }

    /// <summary>Phone number.</summary>
    [Description("Phone number."), JsonPropertyName("phone")]
    public string? Phone { get; init; }

    /// <summary>Job title.</summary>
    [Description("Job title."), JsonPropertyName("jobtitle")]
    public string? JobTitle { get; init; }

    /// <summary>Website.</summary>
    [Description("Website URL."), JsonPropertyName("website")]
    public string? Website { get; init; }

    /// <summary>Street address.</summary>
    [Description("Street address."), JsonPropertyName("address")]
    public string? Address { get; init; }

    /// <summary>City.</summary>
    [Description("City."), JsonPropertyName("city")]
    public string? City { get; init; }

    /// <summary>State or region.</summary>
    [Description("State or region."), JsonPropertyName("state")]
    public string? State { get; init; }

    /// <summary>Postal code.</summary>
    [Description("Postal code."), JsonPropertyName("zip")]
    public string? Zip { get; init; }

    /// <summary>Country.</summary>
    [Description("Country."), JsonPropertyName("country")]
    public string? Country { get; init; }

    /// <summary>Lifecycle stage.</summary>
    [Description("Lifecycle stage, e.g. lead or customer (HubSpot only moves it forward)."), JsonPropertyName("lifecyclestage")]
    public string? LifecycleStage { get; init; }

    /// <summary>Other properties by internal name.</summary>
    [Description("Any other contact properties by internal name (custom properties included).")]
    public IReadOnlyDictionary<string, string>? Properties { get; init; }
}
