using System.ComponentModel;

namespace Fastn.Connectors.BuiltIn.HubSpot.Models;

/// <summary>The HubSpot account (portal) the connection belongs to: <c>GET /account-info/v3/details</c>.</summary>
public sealed record HubSpotAccount
{
    /// <summary>The portal (hub) id.</summary>
    [Description("The portal (hub) id.")]
    public long PortalId { get; init; }

    /// <summary>Account type.</summary>
    [Description("Account type: STANDARD, SANDBOX, DEVELOPER_TEST, APP_DEVELOPER.")]
    public string? AccountType { get; init; }

    /// <summary>Time zone.</summary>
    [Description("The account's time zone, e.g. us/eastern.")]
    public string? TimeZone { get; init; }

    /// <summary>Company currency.</summary>
    [Description("The account's company currency (ISO 4217).")]
    public string? CompanyCurrency { get; init; }

    /// <summary>Other currencies.</summary>
    [Description("Other currencies the account uses.")]
    public IReadOnlyList<string> AdditionalCurrencies { get; init; } = [];

    /// <summary>UTC offset.</summary>
    [Description("UTC offset, e.g. -05:00.")]
    public string? UtcOffset { get; init; }

    /// <summary>UTC offset in milliseconds.</summary>
    [Description("UTC offset in milliseconds.")]
    public long UtcOffsetMilliseconds { get; init; }

    /// <summary>UI domain.</summary>
    [Description("The domain of the account's HubSpot UI, e.g. app.hubspot.com.")]
    public string? UiDomain { get; init; }

    /// <summary>Data hosting location.</summary>
    [Description("Where the account's data is hosted: na1, eu1.")]
    public string? DataHostingLocation { get; init; }
}
