using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using Bogus;

namespace Fastn.Sandbox.Vendors.Stripe;

/// <summary>
/// Everything the Stripe simulation remembers — customers, payment intents, charges, refunds, invoices,
/// webhook endpoints, idempotency keys — in memory and thread-safe. A singleton tests resolve from DI
/// to seed data, add API keys, force rate limiting and send signed events.
/// </summary>
public sealed class StripeSimulation
{
    /// <summary>The test-mode secret key the simulation accepts out of the box (Stripe's documentation key).</summary>
    public const string DemoSecretKey = "sk_test_4eC39HqLyjWDarjtT1zdp7dc";

    /// <summary>The API version responses and events are rendered in when a request pins none.</summary>
    public const string DefaultApiVersion = "2022-11-15";

    /// <summary>Test-mode requests per second per key before 429 (Stripe's test-mode limit is 25; the simulation is lenient).</summary>
    public const int RequestsPerSecond = 100;

    private static readonly DateTimeOffset Reference = new(2025, 1, 1, 0, 0, 0, TimeSpan.Zero);

    private readonly Lock _lock = new();
    private readonly TimeProvider _time;
    private readonly HashSet<string> _keys = new(StringComparer.Ordinal) { DemoSecretKey };
    private readonly Dictionary<string, (string Fingerprint, int Status, string Body)> _idempotency = new(StringComparer.Ordinal);
    private readonly Dictionary<string, (long Second, int Count)> _rate = new(StringComparer.Ordinal);
    private int _forcedRateLimits;

    /// <summary>Creates the simulation with its seeded data.</summary>
    public StripeSimulation(TimeProvider time)
    {
        _time = time;
        Seed();
    }

    internal StripeStore Customers { get; } = new("customer", "/v1/customers");

    internal StripeStore PaymentIntents { get; } = new("payment_intent", "/v1/payment_intents");

    internal StripeStore Charges { get; } = new("charge", "/v1/charges");

    internal StripeStore Refunds { get; } = new("refund", "/v1/refunds");

    internal StripeStore Invoices { get; } = new("invoice", "/v1/invoices");

    internal StripeStore InvoiceItems { get; } = new("invoiceitem", "/v1/invoiceitems");

    internal StripeStore WebhookEndpoints { get; } = new("webhook_endpoint", "/v1/webhook_endpoints");

    internal StripeStore Events { get; } = new("event", "/v1/events");

    /// <summary>Raised (outside the lock) with each event and the endpoints subscribed to its type.</summary>
    internal event Action<JsonObject, IReadOnlyList<(string Url, string Secret)>>? EventCreated;

    /// <summary>Number of customers.</summary>
    public int CustomerCount
    {
        get
        {
            lock (_lock)
            {
                return Customers.Count;
            }
        }
    }

    /// <summary>Ids of the registered webhook endpoints.</summary>
    public IReadOnlyList<string> WebhookEndpointIds
    {
        get
        {
            lock (_lock)
            {
                return [.. WebhookEndpoints.NewestFirst().Select(e => e["id"]!.GetValue<string>())];
            }
        }
    }

    internal long Now => _time.GetUtcNow().ToUnixTimeSeconds();

    /// <summary>Accepts another secret key (<c>sk_test_…</c>).</summary>
    public void AddApiKey(string key)
    {
        lock (_lock)
        {
            _keys.Add(key);
        }
    }

    /// <summary>Test hook: the next <paramref name="count"/> API requests are answered 429.</summary>
    public void RateLimitNext(int count)
    {
        lock (_lock)
        {
            _forcedRateLimits = count;
        }
    }

    /// <summary>Back to the seeded state: data, keys, idempotency keys and forced failures.</summary>
    public void Reset()
    {
        lock (_lock)
        {
            foreach (var store in new[] { Customers, PaymentIntents, Charges, Refunds, Invoices, InvoiceItems, WebhookEndpoints, Events })
            {
                store.Clear();
            }

            _keys.Clear();
            _keys.Add(DemoSecretKey);
            _idempotency.Clear();
            _rate.Clear();
            _forcedRateLimits = 0;
            Seed();
        }
    }

    /// <summary>Forgets the idempotency keys seen so far (fixture recording reuses the test kit's keys).</summary>
    internal void ForgetIdempotencyKeys()
    {
        lock (_lock)
        {
            _idempotency.Clear();
        }
    }

    internal bool IsValidKey(string key)
    {
        lock (_lock)
        {
            return _keys.Contains(key);
        }
    }

    /// <summary>True when the request must be refused with 429 (forced, or over the per-key rate).</summary>
    internal bool RateLimited(string key)
    {
        lock (_lock)
        {
            if (_forcedRateLimits > 0)
            {
                _forcedRateLimits--;
                return true;
            }

            var second = Now;
            var (at, count) = _rate.TryGetValue(key, out var entry) && entry.Second == second ? entry : (second, 0);
            _rate[key] = (at, count + 1);
            return count + 1 > RequestsPerSecond;
        }
    }

    /// <summary>Runs <paramref name="operation"/> under the lock, then publishes the events it created.</summary>
    internal T Run<T>(Func<List<JsonObject>, T> operation)
    {
        var events = new List<JsonObject>();
        List<(JsonObject Event, List<(string, string)> Targets)> deliveries;
        T result;
        lock (_lock)
        {
            result = operation(events);
            deliveries = [.. events.Select(e => (e, Targets(e["type"]!.GetValue<string>())))];
        }

        foreach (var (evt, targets) in deliveries)
        {
            EventCreated?.Invoke(evt, targets);
        }

        return result;
    }

    /// <summary>Idempotency: the stored response for a key, or null; a key reused with other parameters is an error.</summary>
    internal (int Status, string Body)? Replay(string scope, string fingerprint)
    {
        lock (_lock)
        {
            if (!_idempotency.TryGetValue(scope, out var stored))
            {
                return null;
            }

            return stored.Fingerprint == fingerprint
                ? (stored.Status, stored.Body)
                : throw new StripeError(400, "idempotency_error",
                    $"Keys for idempotent requests can only be used with the same parameters they were first used with. Try using a key other than '{scope.Split('|')[^1]}' if you meant to execute a different request.");
        }
    }

    internal void Remember(string scope, string fingerprint, int status, string body)
    {
        lock (_lock)
        {
            _idempotency.TryAdd(scope, (fingerprint, status, body));
        }
    }

    /// <summary>Records an event (caller holds the lock).</summary>
    internal JsonObject NewEvent(List<JsonObject> events, string type, JsonObject data, JsonObject? previous = null)
    {
        var evt = StripeObjects.Event(StripeIds.New("evt"), Now, type, data.DeepClone().AsObject(), previous, DefaultApiVersion);
        Events.Add(evt);
        events.Add(evt);
        return evt;
    }

    /// <summary>
    /// Test hook: builds an event of <paramref name="type"/> about an existing object (or the newest object of the
    /// type's kind) and returns it with a <c>Stripe-Signature</c> for <paramref name="secret"/>, ready to POST.
    /// </summary>
    public (string Body, string Signature, string EventId) CreateSignedEvent(string type, string secret, string? objectId = null)
    {
        var evt = Run(events =>
        {
            var kind = type[..type.LastIndexOf('.')];
            var store = kind switch
            {
                "customer" => Customers,
                "payment_intent" => PaymentIntents,
                "charge" => Charges,
                "invoice" => Invoices,
                "refund" or "charge.refund" => Refunds,
                _ => throw StripeError.Invalid("type", $"The simulation cannot build '{type}' events."),
            };
            var data = objectId is null
                ? store.NewestFirst().FirstOrDefault() ?? throw StripeError.Invalid("type", $"There is no {store.Kind} to build '{type}' from.")
                : store.Get(objectId, "object_id");
            // The hook's event goes to the caller only, not to the registered endpoints.
            var built = StripeObjects.Event(StripeIds.New("evt"), Now, type, data.DeepClone().AsObject(), null, DefaultApiVersion);
            Events.Add(built);
            return built;
        });
        var body = evt.ToJsonString();
        return (body, Sign(secret, Now, body), evt["id"]!.GetValue<string>());
    }

    /// <summary>The <c>Stripe-Signature</c> header value: <c>t=…,v1=hex(HMAC-SHA256(secret, "t.body"))</c>.</summary>
    public static string Sign(string secret, long timestamp, string body)
    {
        ArgumentNullException.ThrowIfNull(secret);
        var t = timestamp.ToString(CultureInfo.InvariantCulture);
        var mac = HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret), Encoding.UTF8.GetBytes($"{t}.{body}"));
        return $"t={t},v1={Convert.ToHexStringLower(mac)}";
    }

    private List<(string, string)> Targets(string type) =>
        [.. WebhookEndpoints.NewestFirst()
            .Where(e => e["status"]!.GetValue<string>() == "enabled"
                && e["enabled_events"]!.AsArray().Any(n => n!.GetValue<string>() is "*" || n!.GetValue<string>() == type))
            .Select(e => (e["url"]!.GetValue<string>(), e["secret"]!.GetValue<string>()))];

    private void Seed()
    {
        var faker = new Faker("en") { Random = new Randomizer(4242) };
        string Id(string prefix) => prefix + "_" + faker.Random.String2(14, "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz");
        var created = Reference.AddDays(-200).ToUnixTimeSeconds();
        for (var i = 0; i < 30; i++)
        {
            created += faker.Random.Long(3_600, 86_400 * 6);
            var first = faker.Name.FirstName();
            var last = faker.Name.LastName();
            var address = faker.Random.Bool(0.7f)
                ? StripeObjects.Address(faker.Address.StreetAddress(), faker.Random.Bool(0.3f) ? faker.Address.SecondaryAddress() : null,
                    faker.Address.City(), faker.Address.StateAbbr(), faker.Address.ZipCode("#####"), "US")
                : null;
            var metadata = faker.Random.Bool(0.5f) ? new JsonObject { ["plan"] = faker.PickRandom("free", "starter", "pro", "enterprise") } : [];
            var customer = StripeObjects.Customer(Id("cus"), created, $"{first} {last}",
                faker.Internet.Email(first, last, "example.com").ToLowerInvariant(), faker.Phone.PhoneNumber("+1##########"),
                faker.Random.Bool(0.3f) ? faker.Company.CatchPhrase() : null, address, metadata, faker.Random.String2(8, "ABCDEF0123456789"));
            Customers.Add(customer);

            if (faker.Random.Bool(0.6f))
            {
                var amount = faker.Random.Long(5, 500) * 100 + faker.PickRandom(0, 99, 50);
                var intent = StripeObjects.PaymentIntent(Id("pi"), created + 60, amount, "usd", customer["id"]!.GetValue<string>(),
                    faker.Commerce.ProductName(), ["card"], false, "automatic", customer["email"]!.GetValue<string>(), []);
                var charge = StripeObjects.Charge(Id("ch"), created + 61, intent, "pm_" + faker.Random.AlphaNumeric(24), true, null, null, null);
                charge["id"] = Id("ch");
                intent["status"] = "succeeded";
                intent["amount_received"] = amount;
                intent["latest_charge"] = charge["id"]!.DeepClone();
                intent["payment_method"] = charge["payment_method"]!.DeepClone();
                PaymentIntents.Add(intent);
                Charges.Add(charge);
            }
        }
    }
}
