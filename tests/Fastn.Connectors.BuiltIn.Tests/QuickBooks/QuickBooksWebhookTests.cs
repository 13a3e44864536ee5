using System.Text;
using Fastn.Connectors.BuiltIn.QuickBooks;
using Fastn.Connectors.Triggers;

namespace Fastn.Connectors.BuiltIn.Tests.QuickBooks;

public sealed class QuickBooksWebhookTests
{
    private const string VerifierToken = "verifier-token-0a1b2c";
    private static readonly WebhookVerificationContext Context = new() { SigningSecret = VerifierToken };

    private static WebhookRequest Signed(string body, string? key = VerifierToken) =>
        new(Encoding.UTF8.GetBytes(body), new Dictionary<string, string> { [QuickBooksWebhooks.SignatureHeader] = QuickBooksWebhooks.Sign(key!, Encoding.UTF8.GetBytes(body)) });

    [Fact]
    public void Verify_CorrectSignature_IsValid()
    {
        var body = QuickBooksWebhookBodies.Delivery("123", ("Invoice", "130", "Update", "2025-06-01T16:15:00.000Z"));

        QuickBooksWebhooks.Verify(Signed(body), Context).IsValid.ShouldBeTrue();
    }

    [Fact]
    public void Verify_TamperedBody_IsInvalid()
    {
        var body = QuickBooksWebhookBodies.Delivery("123", ("Invoice", "130", "Update", "2025-06-01T16:15:00.000Z"));
        var signed = Signed(body);
        var tampered = new WebhookRequest(Encoding.UTF8.GetBytes(body.Replace("130", "131", StringComparison.Ordinal)), signed.Headers);

        var result = QuickBooksWebhooks.Verify(tampered, Context);

        result.IsValid.ShouldBeFalse();
        result.Failure.ShouldNotBeNull().ShouldContain("intuit-signature");
    }

    [Fact]
    public void Verify_WrongVerifierToken_IsInvalid()
    {
        var body = QuickBooksWebhookBodies.Delivery("123", ("Customer", "1", "Create", "2025-06-01T16:15:00.000Z"));

        QuickBooksWebhooks.Verify(Signed(body, "another-apps-token"), Context).IsValid.ShouldBeFalse();
    }

    [Fact]
    public void Verify_MissingHeader_IsInvalid()
    {
        var request = new WebhookRequest(Encoding.UTF8.GetBytes("{}"), new Dictionary<string, string>());

        QuickBooksWebhooks.Verify(request, Context).Failure.ShouldBe("Missing intuit-signature header.");
    }

    [Fact]
    public void Verify_OldDelivery_IsStillValidAndReplayHasSameEventId()
    {
        // Intuit signs no timestamp, so there is no window to enforce; a replay is the same event id and is de-duplicated.
        var body = QuickBooksWebhookBodies.Delivery("123", ("Customer", "1", "Update", "2019-01-01T00:00:00.000Z"));

        QuickBooksWebhooks.Verify(Signed(body), Context).IsValid.ShouldBeTrue();
        QuickBooksWebhooks.Extract(Signed(body))[0].Id.ShouldBe(QuickBooksWebhooks.Extract(Signed(body))[0].Id);
    }

    [Fact]
    public void Extract_BatchedEntities_OneEventPerEntityWithStableIds()
    {
        var body = QuickBooksWebhookBodies.Delivery("9130357766855406",
            ("Customer", "58", "Create", "2025-06-01T16:15:00.000Z"),
            ("Invoice", "130", "Update", "2025-06-01T16:15:01.000Z"),
            ("Invoice", "130", "Update", "2025-06-01T16:20:00.000Z"));

        var events = QuickBooksWebhooks.Extract(Signed(body));

        events.Select(e => e.Type).ShouldBe(["Customer.Create", "Invoice.Update", "Invoice.Update"]);
        events.Select(e => e.Id).Distinct().Count().ShouldBe(3);
        events[0].Id.ShouldBe(QuickBooksWebhooks.EventId("9130357766855406", "Customer", "58", "Create", "2025-06-01T16:15:00.000Z"));
        events[1].Payload!["realmId"]!.GetValue<string>().ShouldBe("9130357766855406");
        events[1].Payload!["id"]!.GetValue<string>().ShouldBe("130");
        events[0].OccurredAt.ShouldBe(new DateTimeOffset(2025, 6, 1, 16, 15, 0, TimeSpan.Zero));
    }
}
