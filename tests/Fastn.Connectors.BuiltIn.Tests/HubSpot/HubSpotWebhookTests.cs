using System.Globalization;
using System.Text;
using Fastn.Connectors.BuiltIn.HubSpot;
using Fastn.Connectors.Triggers;
using Microsoft.Extensions.Time.Testing;

namespace Fastn.Connectors.BuiltIn.Tests.HubSpot;

public sealed class HubSpotWebhookTests
{
    private const string Secret = "hubspot-client-secret";
    private const string Url = "https://fastn.example/webhooks/hubspot/conn_01?x=1";
    private static readonly DateTimeOffset Now = new(2025, 6, 1, 12, 0, 0, TimeSpan.Zero);

    private static readonly string Body =
        """[{"eventId":11,"subscriptionType":"contact.propertyChange","objectId":51,"propertyName":"email","propertyValue":"a@b.example","occurredAt":1748779200000},{"eventId":12,"subscriptionType":"deal.creation","objectId":71,"occurredAt":1748779201000}]""";

    [Fact]
    public void Verify_ValidSignature_Accepts()
    {
        var result = HubSpotWebhooks.Verify(Signed(Body, Now), Context(Secret));

        result.IsValid.ShouldBeTrue(result.Failure);
    }

    [Fact]
    public void Verify_TamperedBody_Rejects()
    {
        var signed = Signed(Body, Now);
        var tampered = new WebhookRequest(Encoding.UTF8.GetBytes(Body.Replace("\"objectId\":51", "\"objectId\":52", StringComparison.Ordinal)), signed.Headers, "POST", Url);

        HubSpotWebhooks.Verify(tampered, Context(Secret)).IsValid.ShouldBeFalse();
    }

    [Fact]
    public void Verify_OtherUrl_Rejects()
    {
        var signed = Signed(Body, Now);
        var moved = new WebhookRequest(signed.Body, signed.Headers, "POST", "https://fastn.example/webhooks/hubspot/conn_02?x=1");

        HubSpotWebhooks.Verify(moved, Context(Secret)).IsValid.ShouldBeFalse();
    }

    [Fact]
    public void Verify_TimestampSixMinutesOld_Rejects()
    {
        var result = HubSpotWebhooks.Verify(Signed(Body, Now.AddMinutes(-6)), Context(Secret));

        result.IsValid.ShouldBeFalse();
        result.Failure.ShouldNotBeNull().ShouldContain("tolerance");
    }

    [Fact]
    public void Verify_TimestampFourMinutesOld_Accepts() =>
        HubSpotWebhooks.Verify(Signed(Body, Now.AddMinutes(-4)), Context(Secret)).IsValid.ShouldBeTrue();

    [Fact]
    public void Verify_WrongSecret_Rejects() =>
        HubSpotWebhooks.Verify(Signed(Body, Now), Context("another-secret")).IsValid.ShouldBeFalse();

    [Fact]
    public void Verify_NoUrl_Rejects()
    {
        var signed = Signed(Body, Now);

        HubSpotWebhooks.Verify(new WebhookRequest(signed.Body, signed.Headers), Context(Secret)).Failure.ShouldNotBeNull().ShouldContain("URL");
    }

    [Fact]
    public void Verify_MissingHeaders_Rejects() =>
        HubSpotWebhooks.Verify(new WebhookRequest(Encoding.UTF8.GetBytes(Body), new Dictionary<string, string>(), "POST", Url), Context(Secret)).IsValid.ShouldBeFalse();

    [Fact]
    public void Extract_BatchOfEvents_ReturnsEachWithIdTypeAndTime()
    {
        var events = HubSpotWebhooks.Extract(Signed(Body, Now));

        events.Select(e => (e.Id, e.Type)).ShouldBe([("11", "contact.propertyChange"), ("12", "deal.creation")]);
        events[0].OccurredAt.ShouldBe(DateTimeOffset.FromUnixTimeMilliseconds(1748779200000));
        events[0].Payload!["propertyName"]!.GetValue<string>().ShouldBe("email");
    }

    [Fact]
    public void Triggers_EventTypes_SplitContactAndDealEvents()
    {
        var contact = (WebhookTriggerDefinition)HubSpotConnector.Definition.FindTrigger("contact_event")!;
        var deal = (WebhookTriggerDefinition)HubSpotConnector.Definition.FindTrigger("deal_event")!;

        contact.Accepts("contact.creation").ShouldBeTrue();
        contact.Accepts("deal.creation").ShouldBeFalse();
        deal.Accepts("deal.propertyChange").ShouldBeTrue();
    }

    private static WebhookVerificationContext Context(string secret) =>
        new() { SigningSecret = secret, Time = new FakeTimeProvider(Now) };

    private static WebhookRequest Signed(string body, DateTimeOffset at)
    {
        var ms = at.ToUnixTimeMilliseconds().ToString(CultureInfo.InvariantCulture);
        var bytes = Encoding.UTF8.GetBytes(body);
        // Independent of the connector's Sign: HubSpot's documented concatenation, written out.
        var signature = Convert.ToBase64String(System.Security.Cryptography.HMACSHA256.HashData(Encoding.UTF8.GetBytes(Secret), Encoding.UTF8.GetBytes("POST" + Url + body + ms)));
        return new WebhookRequest(bytes, new Dictionary<string, string> { ["X-HubSpot-Signature-v3"] = signature, ["X-HubSpot-Request-Timestamp"] = ms }, "POST", Url);
    }
}
