using System.Text;
using Fastn.Connectors.BuiltIn.Xero;
using Fastn.Connectors.Triggers;
using Microsoft.Extensions.Time.Testing;

namespace Fastn.Connectors.BuiltIn.Tests.Xero;

/// <summary>The <c>x-xero-signature</c> verifier, its intent-to-receive handshake and the event extraction.</summary>
public sealed class XeroWebhooksTests
{
    private const string Key = "ILa1Z7Kc2b+8ZKz9Bbq3rcuXkVh9/fq4BwyhIdO6NYhWbbfeZO1NYbtFAJXRY9Ab4QYH0uJ+g1cLpXW1Kx+x0g==";
    private static readonly DateTimeOffset Now = new(2025, 6, 1, 12, 0, 0, TimeSpan.Zero);

    [Fact]
    public void Verify_CorrectlySignedDelivery_IsValid()
    {
        var request = Signed(XeroWebhookSamples.Body("CONTACT", "Contacts", "CREATE", Now), Key);

        var result = XeroWebhooks.Verify(request, Context(Key));

        result.IsValid.ShouldBeTrue(result.Failure);
        result.Handshake.ShouldBeNull();
    }

    [Fact]
    public void Verify_TamperedBody_IsInvalid()
    {
        var body = XeroWebhookSamples.Body("INVOICE", "Invoices", "UPDATE", Now);
        var signature = XeroWebhooks.Sign(Key, Encoding.UTF8.GetBytes(body));
        var tampered = new WebhookRequest(Encoding.UTF8.GetBytes(body.Replace("UPDATE", "CREATE", StringComparison.Ordinal)),
            new Dictionary<string, string> { ["x-xero-signature"] = signature });

        XeroWebhooks.Verify(tampered, Context(Key)).IsValid.ShouldBeFalse();
    }

    [Fact]
    public void Verify_SignedWithAnotherKey_IsInvalid()
    {
        var request = Signed(XeroWebhookSamples.Body("CONTACT", "Contacts", "UPDATE", Now), Key + "x");

        var result = XeroWebhooks.Verify(request, Context(Key));

        result.IsValid.ShouldBeFalse();
        result.Failure.ShouldNotBeNull().ShouldNotContain(Key);
    }

    [Fact]
    public void Verify_MissingSignature_IsInvalid() =>
        XeroWebhooks.Verify(new WebhookRequest(Encoding.UTF8.GetBytes(XeroWebhookSamples.IntentToReceive), new Dictionary<string, string>()), Context(Key))
            .IsValid.ShouldBeFalse();

    [Fact]
    public void Verify_OldDelivery_StillValidBecauseXeroSignsNoTimestamp_AndItsEventIdIsStable()
    {
        // Xero has no timestamp header: a week-old redelivery verifies, and de-duplication relies on the event id.
        var body = XeroWebhookSamples.Body("CONTACT", "Contacts", "UPDATE", Now.AddDays(-7));
        var request = Signed(body, Key);

        XeroWebhooks.Verify(request, Context(Key) with { Tolerance = TimeSpan.FromMinutes(5) }).IsValid.ShouldBeTrue();
        XeroWebhooks.Extract(request)[0].Id.ShouldBe(XeroWebhooks.Extract(Signed(body, Key))[0].Id);
    }

    [Fact]
    public void Verify_IntentToReceiveCorrectlySigned_AnswersOkWithEmptyBodyAndStoresNothing()
    {
        var result = XeroWebhooks.Verify(Signed(XeroWebhookSamples.IntentToReceive, Key), Context(Key));

        result.IsValid.ShouldBeTrue();
        var handshake = result.Handshake.ShouldNotBeNull();
        handshake.StatusCode.ShouldBe(200);
        handshake.Body.ShouldBeEmpty();
        XeroWebhooks.Extract(Signed(XeroWebhookSamples.IntentToReceive, Key)).ShouldBeEmpty();
    }

    [Fact]
    public void Verify_IntentToReceiveWronglySigned_IsInvalidSoTheEndpointAnswers401()
    {
        var result = XeroWebhooks.Verify(Signed(XeroWebhookSamples.IntentToReceive, "not-the-key"), Context(Key));

        result.IsValid.ShouldBeFalse();
        result.Handshake.ShouldBeNull();
    }

    [Fact]
    public void Extract_BatchedEvents_EachHasTypeIdAndTime()
    {
        var body = """
            {"events":[
              {"resourceUrl":"https://api.xero.com/api.xro/2.0/Contacts/a","resourceId":"a","eventDateUtc":"2025-06-01T10:00:00.000","eventType":"CREATE","eventCategory":"CONTACT","tenantId":"t","tenantType":"ORGANISATION"},
              {"resourceUrl":"https://api.xero.com/api.xro/2.0/Invoices/b","resourceId":"b","eventDateUtc":"2025-06-01T10:00:01.000","eventType":"UPDATE","eventCategory":"INVOICE","tenantId":"t","tenantType":"ORGANISATION"}],
             "firstEventSequence":1,"lastEventSequence":2,"entropy":"x"}
            """;

        var events = XeroWebhooks.Extract(Signed(body, Key));

        events.Select(e => e.Type).ShouldBe(["CONTACT.CREATE", "INVOICE.UPDATE"]);
        events.Select(e => e.Id).Distinct().Count().ShouldBe(2);
        events[0].Id.ShouldBe(XeroWebhooks.EventId("t", "a", "CONTACT", "CREATE", "2025-06-01T10:00:00.000"));
        events[1].OccurredAt.ShouldBe(new DateTimeOffset(2025, 6, 1, 10, 0, 1, TimeSpan.Zero));
        events[1].Payload!["resourceId"]!.GetValue<string>().ShouldBe("b");
    }

    [Fact]
    public void Triggers_FilterEventsByCategory()
    {
        var contact = (WebhookTriggerDefinition)XeroConnector.Definition.FindTrigger("contact_event")!;
        var invoice = (WebhookTriggerDefinition)XeroConnector.Definition.FindTrigger("invoice_event")!;

        contact.Accepts("CONTACT.UPDATE").ShouldBeTrue();
        contact.Accepts("INVOICE.UPDATE").ShouldBeFalse();
        invoice.Accepts("INVOICE.CREATE").ShouldBeTrue();
    }

    private static WebhookRequest Signed(string body, string key) =>
        new(Encoding.UTF8.GetBytes(body), new Dictionary<string, string> { ["x-xero-signature"] = XeroWebhooks.Sign(key, Encoding.UTF8.GetBytes(body)) });

    private static WebhookVerificationContext Context(string key) => new() { SigningSecret = key, Time = new FakeTimeProvider(Now) };
}
