using System.ComponentModel;
using System.Text.Json.Serialization;

namespace Fastn.Connectors.BuiltIn.HubSpot.Models;

/// <summary>The deal properties the connector reads and writes, by HubSpot's internal names (values are strings).</summary>
public sealed record HubSpotDealProperties
{
    /// <summary>Deal name.</summary>
    [Description("Deal name."), JsonPropertyName("dealname")]
    public string? DealName { get; init; }

    /// <summary>Amount.</summary>
    [Description("Amount in the deal's currency (a number as a string)."), JsonPropertyName("amount")]
    public string? Amount { get; init; }

    /// <summary>Currency code.</summary>
    [Description("ISO 4217 currency code."), JsonPropertyName("deal_currency_code")]
    public string? CurrencyCode { get; init; }

    /// <summary>Pipeline stage id.</summary>
    [Description("Pipeline stage id: appointmentscheduled, qualifiedtobuy, presentationscheduled, decisionmakerboughtin, contractsent, closedwon or closedlost in the default pipeline."), JsonPropertyName("dealstage")]
    public string? DealStage { get; init; }

    /// <summary>Pipeline id.</summary>
    [Description("Pipeline id (\"default\" for the default sales pipeline)."), JsonPropertyName("pipeline")]
    public string? Pipeline { get; init; }

    /// <summary>Win probability of the stage.</summary>
    [Description("Win probability of the current stage, 0 to 1 (a number as a string)."), JsonPropertyName("hs_deal_stage_probability")]
    public string? StageProbability { get; init; }

    /// <summary>Close date.</summary>
    [Description("Expected or actual close date (ISO 8601)."), JsonPropertyName("closedate")]
    public string? CloseDate { get; init; }

    /// <summary>Owner id.</summary>
    [Description("Id of the HubSpot user who owns the deal."), JsonPropertyName("hubspot_owner_id")]
    public string? OwnerId { get; init; }

    /// <summary>When the deal was created (ISO 8601).</summary>
    [Description("When the deal was created (ISO 8601)."), JsonPropertyName("createdate")]
    public string? CreateDate { get; init; }

    /// <summary>When the deal last changed (ISO 8601).</summary>
    [Description("When the deal last changed (ISO 8601)."), JsonPropertyName("hs_lastmodifieddate")]
    public string? LastModifiedDate { get; init; }

    /// <summary>The record id, repeated as a property.</summary>
    [Description("The record id, repeated as a property."), JsonPropertyName("hs_object_id")]
    public string? ObjectId { get; init; }

    /// <summary>The properties this type reads, for the <c>properties</c> query parameter.</summary>
    public static IReadOnlyList<string> Names { get; } =
        ["dealname", "amount", "deal_currency_code", "dealstage", "pipeline", "hs_deal_stage_probability", "closedate", "hubspot_owner_id", "createdate", "hs_lastmodifieddate", "hs_object_id"];
}
