using System.Globalization;
using System.Security.Cryptography;
using System.Text.Json.Nodes;
using Bogus;
using Fastn.Sandbox.State;

namespace Fastn.Sandbox.Vendors.QuickBooks;

/// <summary>
/// The simulated company's records (kept as QuickBooks JSON objects), OAuth grants and request counters. Every member
/// takes one lock, so concurrent requests see consistent records and SyncTokens. Codes and tokens are also saved through
/// <see cref="SandboxStateStore"/> so connections survive a restart.
/// </summary>
internal sealed class QuickBooksStore
{
    /// <summary>Requests per minute per company before 429 (Intuit documents 500).</summary>
    public const int RequestsPerMinute = 500;

    public static readonly TimeSpan AccessTokenLifetime = TimeSpan.FromHours(1);

    private readonly Lock _lock = new();
    private readonly Dictionary<string, Dictionary<string, JsonObject>> _records = new(StringComparer.OrdinalIgnoreCase);
    private readonly Dictionary<string, int> _nextId = new(StringComparer.OrdinalIgnoreCase);
    private readonly Dictionary<string, (string RedirectUri, string? State)> _consents = [];
    private readonly Dictionary<string, string> _codes = [];
    private readonly Dictionary<string, DateTimeOffset> _accessTokens = [];
    private readonly HashSet<string> _refreshTokens = [];
    private readonly SandboxStateStore? _state;
    private int _nextDocNumber = 1037;
    private long _minute;
    private int _requestsThisMinute;

    public QuickBooksStore(TimeProvider time, SandboxStateStore? state = null)
    {
        Time = time;
        _state = state;
        Seed();
        if (state?.Load<SavedGrants>(QuickBooksSandboxApp.AppName) is { } saved)
        {
            foreach (var (code, redirectUri) in saved.Codes ?? new())
            {
                _codes[code] = redirectUri;
            }

            foreach (var (token, expiresAt) in saved.AccessTokens ?? new())
            {
                _accessTokens[token] = expiresAt;
            }

            _refreshTokens.UnionWith(saved.RefreshTokens ?? []);
        }
    }

    public TimeProvider Time { get; }

    public static string Timestamp(DateTimeOffset at) => at.ToOffset(TimeSpan.FromHours(-7)).ToString("yyyy-MM-dd'T'HH:mm:sszzz", CultureInfo.InvariantCulture);

    public static string NewToken(string prefix) => prefix + Convert.ToBase64String(RandomNumberGenerator.GetBytes(24)).Replace('+', '-').Replace('/', '_').TrimEnd('=');

    // OAuth

    public string StartConsent(string redirectUri, string? state)
    {
        lock (_lock)
        {
            var id = NewToken("req_");
            _consents[id] = (redirectUri, state);
            return id;
        }
    }

    public (string RedirectUri, string? State)? TakeConsent(string id)
    {
        lock (_lock)
        {
            return _consents.Remove(id, out var c) ? c : null;
        }
    }

    public string IssueCode(string redirectUri)
    {
        lock (_lock)
        {
            var code = NewToken("AB11");
            _codes[code] = redirectUri;
            SaveLocked();
            return code;
        }
    }

    public (string Access, string Refresh)? Redeem(string code, string redirectUri)
    {
        lock (_lock)
        {
            if (_codes.Remove(code, out var expected) && expected == redirectUri)
            {
                return IssueTokens();
            }

            SaveLocked();
            return null;
        }
    }

    /// <summary>Intuit rotates refresh tokens: the old one stops working once a new one is issued.</summary>
    public (string Access, string Refresh)? Refresh(string refreshToken)
    {
        lock (_lock)
        {
            return _refreshTokens.Remove(refreshToken) ? IssueTokens() : null;
        }
    }

    public void Revoke(string token)
    {
        lock (_lock)
        {
            _accessTokens.Remove(token);
            _refreshTokens.Remove(token);
            SaveLocked();
        }
    }

    public bool IsValidAccessToken(string token)
    {
        lock (_lock)
        {
            return _accessTokens.TryGetValue(token, out var expires) && expires > Time.GetUtcNow();
        }
    }

    /// <summary>Counts a request; false when the company's per-minute allowance is used up.</summary>
    public bool TryCountRequest(out TimeSpan retryAfter)
    {
        lock (_lock)
        {
            var now = Time.GetUtcNow();
            var minute = now.ToUnixTimeSeconds() / 60;
            if (minute != _minute)
            {
                _minute = minute;
                _requestsThisMinute = 0;
            }

            retryAfter = TimeSpan.FromSeconds(60 - (now.ToUnixTimeSeconds() % 60));
            return ++_requestsThisMinute <= RequestsPerMinute;
        }
    }

    private (string Access, string Refresh) IssueTokens()
    {
        var access = NewToken("eyJlbmMiOiJBMTI4Q0JDLUhTMjU2IiwiYWxnIjoiZGlyIn0..");
        var refresh = NewToken("AB1");
        _accessTokens[access] = Time.GetUtcNow() + AccessTokenLifetime;
        _refreshTokens.Add(refresh);
        SaveLocked();
        return (access, refresh);
    }

    private void SaveLocked()
    {
        if (_state is not { IsPersistent: true })
        {
            return;
        }

        var now = Time.GetUtcNow();
        _state.Save(QuickBooksSandboxApp.AppName, new SavedGrants(
            new Dictionary<string, string>(_codes, StringComparer.Ordinal),
            _accessTokens.Where(t => t.Value > now).ToDictionary(StringComparer.Ordinal),
            [.. _refreshTokens]));
    }

    private sealed record SavedGrants(Dictionary<string, string>? Codes, Dictionary<string, DateTimeOffset>? AccessTokens, IReadOnlyList<string>? RefreshTokens);

    // Records

    public JsonObject? Get(string entity, string id)
    {
        lock (_lock)
        {
            return _records.TryGetValue(entity, out var byId) && byId.TryGetValue(id, out var record) ? (JsonObject)record.DeepClone() : null;
        }
    }

    public List<JsonObject> All(string entity)
    {
        lock (_lock)
        {
            return _records.TryGetValue(entity, out var byId) ? [.. byId.Values.Select(r => (JsonObject)r.DeepClone())] : [];
        }
    }

    /// <summary>Runs <paramref name="change"/> atomically with the live records (for writes that touch several).</summary>
    public T Write<T>(Func<QuickBooksWriter, T> change)
    {
        lock (_lock)
        {
            return change(new QuickBooksWriter(this));
        }
    }

    internal sealed class QuickBooksWriter(QuickBooksStore store)
    {
        public DateTimeOffset Now => store.Time.GetUtcNow();

        public JsonObject? Find(string entity, string? id) =>
            id is not null && store._records.TryGetValue(entity, out var byId) && byId.TryGetValue(id, out var record) ? record : null;

        public IEnumerable<JsonObject> All(string entity) => store._records.TryGetValue(entity, out var byId) ? byId.Values : [];

        public string NextDocNumber() => (store._nextDocNumber++).ToString(CultureInfo.InvariantCulture);

        /// <summary>Adds a new record with Id, SyncToken 0, domain QBO and MetaData.</summary>
        public JsonObject Add(string entity, JsonObject record)
        {
            var id = store._nextId.TryGetValue(entity, out var n) ? n : 1;
            store._nextId[entity] = id + 1;
            var now = Timestamp(Now);
            record["Id"] = id.ToString(CultureInfo.InvariantCulture);
            record["SyncToken"] = "0";
            record["domain"] = "QBO";
            record["sparse"] = false;
            record["MetaData"] = new JsonObject { ["CreateTime"] = now, ["LastUpdatedTime"] = now };
            if (!store._records.TryGetValue(entity, out var byId))
            {
                store._records[entity] = byId = new Dictionary<string, JsonObject>(StringComparer.Ordinal);
            }

            byId[record["Id"]!.GetValue<string>()] = record;
            return record;
        }

        /// <summary>Bumps SyncToken and LastUpdatedTime after a change.</summary>
        public void Touch(JsonObject record)
        {
            var token = int.Parse(record["SyncToken"]!.GetValue<string>(), CultureInfo.InvariantCulture);
            record["SyncToken"] = (token + 1).ToString(CultureInfo.InvariantCulture);
            record["MetaData"]!["LastUpdatedTime"] = Timestamp(Now);
        }
    }

    private void Seed()
    {
        var faker = new Faker("en") { Random = new Randomizer(20250601) };
        var start = new DateTimeOffset(2025, 1, 6, 16, 0, 0, TimeSpan.Zero);
        Write(w =>
        {
            var company = w.Add("CompanyInfo", new JsonObject
            {
                ["CompanyName"] = "Sandbox Company_US_1",
                ["LegalName"] = "Sandbox Company_US_1",
                ["CompanyAddr"] = new JsonObject { ["Id"] = "1", ["Line1"] = "123 Sierra Way", ["City"] = "San Pablo", ["CountrySubDivisionCode"] = "CA", ["PostalCode"] = "87999", ["Country"] = "US" },
                ["Country"] = "US",
                ["Email"] = new JsonObject { ["Address"] = "noreply@quickbooks.example" },
                ["FiscalYearStartMonth"] = "January",
                ["SupportedLanguages"] = "en",
            });
            company["Id"] = QuickBooksSandboxApp.RealmId;
            Reindex("CompanyInfo", "1", QuickBooksSandboxApp.RealmId);

            var items = new List<JsonObject>();
            foreach (var (name, type, price) in new[] { ("Services", "Service", 0m), ("Design", "Service", 75m), ("Installation", "Service", 50m), ("Gardening", "Service", 40m),
                         ("Rock Fountain", "Inventory", 275m), ("Sprinkler Heads", "Inventory", 2m), ("Pump", "Inventory", 15m), ("Concrete", "NonInventory", 9.5m) })
            {
                var item = new JsonObject
                {
                    ["Name"] = name,
                    ["FullyQualifiedName"] = name,
                    ["Description"] = faker.Commerce.ProductDescription(),
                    ["Active"] = true,
                    ["Type"] = type,
                    ["UnitPrice"] = price,
                    ["PurchaseCost"] = decimal.Round(price * 0.5m, 2),
                    ["TrackQtyOnHand"] = type == "Inventory",
                    ["IncomeAccountRef"] = new JsonObject { ["value"] = "79", ["name"] = "Sales of Product Income" },
                };
                if (type == "Inventory")
                {
                    item["QtyOnHand"] = faker.Random.Int(5, 120);
                    item["Sku"] = faker.Random.Replace("??-####").ToUpperInvariant();
                }

                items.Add(w.Add("Item", item));
            }

            var customers = new List<JsonObject>();
            for (var i = 0; i < 26; i++)
            {
                var given = faker.Name.FirstName();
                var family = faker.Name.LastName();
                var companyName = i % 3 == 0 ? faker.Company.CompanyName() : null;
                var customer = new JsonObject
                {
                    ["GivenName"] = given,
                    ["FamilyName"] = family,
                    ["FullyQualifiedName"] = companyName ?? $"{given} {family}",
                    ["DisplayName"] = companyName ?? $"{given} {family}",
                    ["PrintOnCheckName"] = companyName ?? $"{given} {family}",
                    ["Active"] = true,
                    ["PrimaryEmailAddr"] = new JsonObject { ["Address"] = faker.Internet.Email(given, family).ToLowerInvariant() },
                    ["PrimaryPhone"] = new JsonObject { ["FreeFormNumber"] = faker.Phone.PhoneNumber("(###) 555-####") },
                    ["BillAddr"] = new JsonObject
                    {
                        ["Id"] = (100 + i).ToString(CultureInfo.InvariantCulture),
                        ["Line1"] = faker.Address.StreetAddress(),
                        ["City"] = faker.Address.City(),
                        ["CountrySubDivisionCode"] = faker.Address.StateAbbr(),
                        ["PostalCode"] = faker.Address.ZipCode("#####"),
                        ["Country"] = "USA",
                    },
                    ["Taxable"] = false,
                    ["Balance"] = 0m,
                    ["BalanceWithJobs"] = 0m,
                    ["CurrencyRef"] = new JsonObject { ["value"] = "USD", ["name"] = "United States Dollar" },
                    ["PreferredDeliveryMethod"] = "Print",
                };
                if (companyName is not null)
                {
                    customer["CompanyName"] = companyName;
                }

                var added = w.Add("Customer", customer);
                var at = Timestamp(start.AddHours(i * 7));
                added["MetaData"] = new JsonObject { ["CreateTime"] = at, ["LastUpdatedTime"] = at };
                customers.Add(added);
            }

            for (var i = 0; i < 12; i++)
            {
                var customer = customers[i * 2];
                var item = items[1 + (i % 7)];
                var qty = faker.Random.Int(1, 6);
                var price = item["UnitPrice"]!.GetValue<decimal>() is var p && p > 0 ? p : 100m;
                var date = DateOnly.FromDateTime(start.AddDays(i * 5).UtcDateTime);
                var line = new JsonObject { ["Amount"] = qty * price, ["DetailType"] = "SalesItemLineDetail", ["Description"] = item["Name"]!.GetValue<string>(),
                    ["SalesItemLineDetail"] = new JsonObject { ["ItemRef"] = new JsonObject { ["value"] = item["Id"]!.GetValue<string>(), ["name"] = item["Name"]!.GetValue<string>() }, ["Qty"] = qty, ["UnitPrice"] = price } };
                var invoice = QuickBooksApiEndpoints.NewInvoice(w, customer, [line], date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), null, null, null, null);
                var at = Timestamp(start.AddDays(i * 5).AddHours(3));
                invoice["MetaData"] = new JsonObject { ["CreateTime"] = at, ["LastUpdatedTime"] = at };
            }

            return 0;
        });
    }

    private void Reindex(string entity, string from, string to)
    {
        var byId = _records[entity];
        byId.Remove(from, out var record);
        byId[to] = record!;
    }
}
