using System.ComponentModel;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using Fastn.Connectors.Authentication;
using Fastn.Connectors.Triggers;
using CdmCatalog = Fastn.Connectors.Cdm.Cdm;

namespace Fastn.Connectors.Tests.Testing;

/// <summary>A small, correct API-key connector used to prove the test kit and the conformance base class.</summary>
public static class ExampleConnector
{
    public const string SignatureHeader = "X-Example-Signature";
    public const string TimestampHeader = "X-Example-Timestamp";

    public static ConnectorDefinition Definition { get; } = Create();

    public static ConnectorDefinition Create(Func<WebhookRequest, WebhookVerificationContext, WebhookVerification>? verify = null) => new()
    {
        Name = "example-crm",
        DisplayName = "Example CRM",
        Description = "Contacts in Example CRM.",
        BaseUrl = "https://api.example-crm.test/v1",
        Auth = Auth.ApiKeyHeader("X-Api-Key"),
        Actions =
        {
            Define.Action<CreateContactInput, ExampleContact>("create_contact", "Create a contact",
                (input, ctx, ct) => ctx.Http.PostJsonAsync<ExampleContact>("contacts", input, ct)),
        },
        Triggers =
        {
            Define.PollTrigger<ExampleContact>("contact_changed", "A contact was created or updated",
                fetchPage: async (request, ctx, ct) =>
                {
                    var url = request.Cursor is null ? "contacts?limit=2" : $"contacts?limit=2&cursor={Uri.EscapeDataString(request.Cursor)}";
                    var page = await ctx.Http.GetJsonAsync<ContactPage>(url, ct);
                    return new PollPage<ExampleContact>(page.Data, page.NextCursor);
                },
                recordId: c => c.Id),
            Define.WebhookTrigger("contact_event", "Example CRM pushed a contact event", verify ?? Verify, Extract),
        },
        Entities =
        {
            Define.Entity<ExampleContact>("contact", CdmCatalog.Contact, e => e
                .Id(c => c.Id)
                .UpdatedAt(c => c.UpdatedAt)
                .Map(c => c.Id, CdmCatalog.Contact.Id)
                .Map(c => c.Email, CdmCatalog.Contact.Email)
                .Map(c => c.FirstName, CdmCatalog.Contact.FirstName)
                .Map(c => c.LastName, CdmCatalog.Contact.LastName)),
        },
    };

    /// <summary>Lower-case hex HMAC-SHA256 of <c>{timestamp}.{body}</c>, as Example CRM signs deliveries.</summary>
    public static string Sign(string secret, long timestamp, ReadOnlySpan<byte> body)
    {
        var payload = Encoding.UTF8.GetBytes(timestamp.ToString(CultureInfo.InvariantCulture) + ".").Concat(body.ToArray()).ToArray();
        return Convert.ToHexStringLower(HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret), payload));
    }

    public static WebhookRequest SignedDelivery(string body, string secret, DateTimeOffset timestamp)
    {
        var bytes = Encoding.UTF8.GetBytes(body);
        var ts = timestamp.ToUnixTimeSeconds();
        return new WebhookRequest(bytes, new Dictionary<string, string>
        {
            [SignatureHeader] = Sign(secret, ts, bytes),
            [TimestampHeader] = ts.ToString(CultureInfo.InvariantCulture),
            ["Content-Type"] = "application/json",
        });
    }

    private static WebhookVerification Verify(WebhookRequest request, WebhookVerificationContext context)
    {
        if (request.Header(SignatureHeader) is not { } signature || request.Header(TimestampHeader) is not { } timestampText)
        {
            return WebhookVerification.Invalid("The signature or timestamp header is missing.");
        }

        if (!long.TryParse(timestampText, NumberStyles.None, CultureInfo.InvariantCulture, out var timestamp))
        {
            return WebhookVerification.Invalid("The timestamp is not a number.");
        }

        if ((context.Time.GetUtcNow() - DateTimeOffset.FromUnixTimeSeconds(timestamp)).Duration() > context.Tolerance)
        {
            return WebhookVerification.Invalid("The timestamp is outside the tolerance.");
        }

        byte[] given;
        try
        {
            given = Convert.FromHexString(signature);
        }
        catch (FormatException)
        {
            return WebhookVerification.Invalid("The signature is not hex.");
        }

        var expected = Convert.FromHexString(Sign(context.SigningSecret, timestamp, request.Body.Span));
        return CryptographicOperations.FixedTimeEquals(given, expected)
            ? WebhookVerification.Valid
            : WebhookVerification.Invalid("The signature does not match.");
    }

    private static IReadOnlyList<WebhookEvent> Extract(WebhookRequest request)
    {
        var json = JsonNode.Parse(request.BodyText)!;
        return [new WebhookEvent((string)json["id"]!, (string)json["type"]!, json["data"]?.DeepClone())];
    }
}

public sealed record CreateContactInput(
    [property: Description("Primary e-mail address.")] string Email,
    [property: Description("Given name.")] string? FirstName = null,
    [property: Description("Family name.")] string? LastName = null);

public sealed record ExampleContact(string Id, string Email, string? FirstName, string? LastName, DateTimeOffset UpdatedAt);

public sealed record ContactPage(IReadOnlyList<ExampleContact> Data, string? NextCursor);
