namespace Fastn.Sandbox.Vendors.HubSpot.Crm;

/// <summary>One stored CRM object; properties as HubSpot keeps them, all strings.</summary>
internal sealed class CrmRecord
{
    public required long Id { get; init; }

    public required string Type { get; init; }

    public Dictionary<string, string?> Properties { get; init; } = new(StringComparer.Ordinal);

    public DateTimeOffset CreatedAt { get; set; }

    public DateTimeOffset UpdatedAt { get; set; }

    public bool Archived { get; set; }

    public CrmRecord Clone() => new()
    {
        Id = Id,
        Type = Type,
        Properties = new Dictionary<string, string?>(Properties, StringComparer.Ordinal),
        CreatedAt = CreatedAt,
        UpdatedAt = UpdatedAt,
        Archived = Archived,
    };
}
