using System.Globalization;

namespace Fastn.Sandbox.Vendors.HubSpot.Crm;

/// <summary>Contacts, companies and deals with their associations; callers get copies, writes take the lock.</summary>
internal sealed class CrmStore(TimeProvider time)
{
    public const string Contacts = "contacts";
    public const string Companies = "companies";
    public const string Deals = "deals";

    private readonly Lock _lock = new();
    private readonly Dictionary<string, SortedDictionary<long, CrmRecord>> _records = new(StringComparer.Ordinal)
    {
        [Contacts] = [],
        [Companies] = [],
        [Deals] = [],
    };

    private readonly HashSet<(string FromType, long FromId, string ToType, long ToId, int TypeId)> _associations = [];
    private long _nextId = 51000;

    /// <summary>The properties each object type knows; anything else is PROPERTY_DOESNT_EXIST.</summary>
    public static IReadOnlyDictionary<string, HashSet<string>> KnownProperties { get; } = new Dictionary<string, HashSet<string>>(StringComparer.Ordinal)
    {
        [Contacts] = ["email", "firstname", "lastname", "company", "phone", "mobilephone", "jobtitle", "website", "address", "city", "state", "zip", "country",
            "lifecyclestage", "hs_lead_status", "hubspot_owner_id", "createdate", "lastmodifieddate", "hs_object_id"],
        [Companies] = ["name", "domain", "industry", "numberofemployees", "annualrevenue", "phone", "address", "city", "state", "zip", "country", "description",
            "lifecyclestage", "website", "hubspot_owner_id", "createdate", "hs_lastmodifieddate", "hs_object_id"],
        [Deals] = ["dealname", "amount", "deal_currency_code", "dealstage", "pipeline", "hs_deal_stage_probability", "closedate", "hubspot_owner_id",
            "dealtype", "description", "createdate", "hs_lastmodifieddate", "hs_object_id"],
    };

    /// <summary>What a read returns when no <c>properties</c> are asked for (HubSpot's defaults).</summary>
    public static IReadOnlyDictionary<string, string[]> DefaultProperties { get; } = new Dictionary<string, string[]>(StringComparer.Ordinal)
    {
        [Contacts] = ["createdate", "email", "firstname", "hs_object_id", "lastmodifieddate", "lastname"],
        [Companies] = ["createdate", "domain", "hs_lastmodifieddate", "hs_object_id", "name"],
        [Deals] = ["amount", "closedate", "createdate", "dealname", "dealstage", "hs_lastmodifieddate", "hs_object_id", "pipeline"],
    };

    public static readonly Dictionary<string, double> StageProbability = new(StringComparer.Ordinal)
    {
        ["appointmentscheduled"] = 0.2, ["qualifiedtobuy"] = 0.4, ["presentationscheduled"] = 0.6, ["decisionmakerboughtin"] = 0.8,
        ["contractsent"] = 0.9, ["closedwon"] = 1.0, ["closedlost"] = 0.0,
    };

    public static bool IsType(string type) => type is Contacts or Companies or Deals;

    public static string ModifiedProperty(string type) => type == Contacts ? "lastmodifieddate" : "hs_lastmodifieddate";

    public static string Iso(DateTimeOffset at) => at.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture);

    public long Seed(string type, DateTimeOffset at, Dictionary<string, string?> properties)
    {
        lock (_lock)
        {
            return Insert(type, at, properties).Id;
        }
    }

    public CrmRecord Create(string type, Dictionary<string, string?> properties)
    {
        lock (_lock)
        {
            return Insert(type, time.GetUtcNow(), properties).Clone();
        }
    }

    public CrmRecord? Get(string type, long id, bool archived = false)
    {
        lock (_lock)
        {
            return _records[type].TryGetValue(id, out var r) && r.Archived == archived ? r.Clone() : null;
        }
    }

    public CrmRecord? FindBy(string type, string property, string value)
    {
        lock (_lock)
        {
            return _records[type].Values.FirstOrDefault(r => !r.Archived && string.Equals(r.Properties.GetValueOrDefault(property), value, StringComparison.OrdinalIgnoreCase))?.Clone();
        }
    }

    public IReadOnlyList<CrmRecord> All(string type, bool archived = false)
    {
        lock (_lock)
        {
            return [.. _records[type].Values.Where(r => r.Archived == archived).Select(r => r.Clone())];
        }
    }

    public CrmRecord? Update(string type, long id, Dictionary<string, string?> properties)
    {
        lock (_lock)
        {
            if (!_records[type].TryGetValue(id, out var record) || record.Archived)
            {
                return null;
            }

            foreach (var (name, value) in properties)
            {
                record.Properties[name] = string.IsNullOrEmpty(value) ? null : value;
            }

            Touch(record, time.GetUtcNow());
            return record.Clone();
        }
    }

    public bool Archive(string type, long id)
    {
        lock (_lock)
        {
            if (!_records[type].TryGetValue(id, out var record) || record.Archived)
            {
                return false;
            }

            record.Archived = true;
            Touch(record, time.GetUtcNow());
            return true;
        }
    }

    public void Associate(string fromType, long fromId, string toType, long toId, int typeId)
    {
        lock (_lock)
        {
            _associations.Add((fromType, fromId, toType, toId, typeId));
        }
    }

    public IReadOnlyList<(long Id, int TypeId)> Associations(string fromType, long fromId, string toType)
    {
        lock (_lock)
        {
            return [.. _associations.Where(a => a.FromType == fromType && a.FromId == fromId && a.ToType == toType).Select(a => (a.ToId, a.TypeId)).Distinct().OrderBy(a => a.ToId)];
        }
    }

    private CrmRecord Insert(string type, DateTimeOffset at, Dictionary<string, string?> properties)
    {
        var record = new CrmRecord { Id = ++_nextId, Type = type, CreatedAt = at };
        foreach (var (name, value) in properties)
        {
            if (!string.IsNullOrEmpty(value))
            {
                record.Properties[name] = value;
            }
        }

        if (type == Deals && record.Properties.GetValueOrDefault("dealstage") is { } stage && StageProbability.TryGetValue(stage, out var p))
        {
            record.Properties["hs_deal_stage_probability"] = p.ToString(CultureInfo.InvariantCulture);
        }

        record.Properties["createdate"] = Iso(at);
        record.Properties["hs_object_id"] = record.Id.ToString(CultureInfo.InvariantCulture);
        Touch(record, at);
        _records[type][record.Id] = record;
        return record;
    }

    private static void Touch(CrmRecord record, DateTimeOffset at)
    {
        record.UpdatedAt = at;
        record.Properties[ModifiedProperty(record.Type)] = Iso(at);
        if (record.Type == Deals && record.Properties.GetValueOrDefault("dealstage") is { } stage && StageProbability.TryGetValue(stage, out var p))
        {
            record.Properties["hs_deal_stage_probability"] = p.ToString(CultureInfo.InvariantCulture);
        }
    }
}
