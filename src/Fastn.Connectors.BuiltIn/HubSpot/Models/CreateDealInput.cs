using System.ComponentModel;
using System.Text.Json.Serialization;

namespace Fastn.Connectors.BuiltIn.HubSpot.Models;

/// <summary>A new deal, optionally associated with a company and a contact.</summary>
public sealed record CreateDealInput
{
    /// <summary>Deal name.</summary>
    [Description("Deal name."), JsonPropertyName("dealname")]
    public required string DealName { get; init; }

    /// <summary>Amount.</summary>
    [Description("Amount in the deal's currency."), JsonPropertyName("amount")]
    public decimal? Amount { get; init; }

    /// <summary>Currency.</summary>
    [Description("ISO 4217 currency code (default: the account's currency)."), JsonPropertyName("deal_currency_code")]
    public string? CurrencyCode { get; init; }

    /// <summary>Stage id.</summary>
    [Description("Pipeline stage id (default appointmentscheduled): appointmentscheduled, qualifiedtobuy, presentationscheduled, decisionmakerboughtin, contractsent, closedwon, closedlost."), JsonPropertyName("dealstage")]
    public string? DealStage { get; init; }

    /// <summary>Pipeline id.</summary>
    [Description("Pipeline id (default \"default\")."), JsonPropertyName("pipeline")]
    public string? Pipeline { get; init; }

    /// <summary>Close date.</summary>
    [Description("Expected close date."), JsonPropertyName("closedate")]
    public DateOnly? CloseDate { get; init; }

    /// <summary>Owner.</summary>
    [Description("Id of the HubSpot user who owns the deal."), JsonPropertyName("hubspot_owner_id")]
    public string? OwnerId { get; init; }

    /// <summary>Company to associate.</summary>
    [Description("Id of a company to associate the deal with.")]
    public string? CompanyId { get; init; }

    /// <summary>Contact to associate.</summary>
    [Description("Id of a contact to associate the deal with.")]
    public string? ContactId { get; init; }
}
