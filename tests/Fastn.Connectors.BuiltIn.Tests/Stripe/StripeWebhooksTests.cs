using System.Text;
using Fastn.Connectors.BuiltIn.Stripe;
using Fastn.Connectors.Triggers;
using Fastn.Sandbox.Vendors.Stripe;
using Microsoft.Extensions.Time.Testing;

namespace Fastn.Connectors.BuiltIn.Tests.Stripe;

public sealed class StripeWebhooksTests
{
    private const string Secret = "whsec_test_5WbX5kEWLlfzsGNjH64I8lOOqUB6e8FH";
    private static readonly DateTimeOffset Now = new(2025, 6, 1, 12, 0, 0, TimeSpan.Zero);

    private static WebhookVerificationContext Context(string secret = Secret) => new() { SigningSecret = secret, Time = new FakeTimeProvider(Now) };

    private static WebhookRequest Delivery(string body, string signature) =>
        new(Encoding.UTF8.GetBytes(body), new Dictionary<string, string> { ["Stripe-Signature"] = signature });

    [Fact]
    public void Verify_ValidSignature_IsValid()
    {
        var body = StripeWebhookSamples.PaymentIntentSucceeded(Now);

        var result = StripeWebhooks.Verify(Delivery(body, StripeWebhooks.SignatureHeaderValue(Secret, Now, body)), Context());

        result.IsValid.ShouldBeTrue(result.Failure);
    }

    [Fact]
    public void Verify_SimulationSignature_IsValid()
    {
        // The simulation signs independently of the connector; both must agree on Stripe's scheme.
        var body = StripeWebhookSamples.PaymentIntentSucceeded(Now);

        var result = StripeWebhooks.Verify(Delivery(body, StripeSimulation.Sign(Secret, Now.ToUnixTimeSeconds(), body)), Context());

        result.IsValid.ShouldBeTrue(result.Failure);
    }

    [Fact]
    public void Verify_TamperedBody_IsInvalid()
    {
        var body = StripeWebhookSamples.PaymentIntentSucceeded(Now);
        var signature = StripeWebhooks.SignatureHeaderValue(Secret, Now, body);

        var result = StripeWebhooks.Verify(Delivery(body.Replace("\"amount\":2000", "\"amount\":9000", StringComparison.Ordinal), signature), Context());

        result.IsValid.ShouldBeFalse();
        result.Failure.ShouldNotBeNull().ShouldContain("No v1 signature");
    }

    [Fact]
    public void Verify_TimestampOlderThanFiveMinutes_IsInvalid()
    {
        var signedAt = Now.AddMinutes(-6);
        var body = StripeWebhookSamples.PaymentIntentSucceeded(signedAt);

        var result = StripeWebhooks.Verify(Delivery(body, StripeWebhooks.SignatureHeaderValue(Secret, signedAt, body)), Context());

        result.IsValid.ShouldBeFalse();
        result.Failure.ShouldNotBeNull().ShouldContain("tolerance");
    }

    [Fact]
    public void Verify_TimestampFourMinutesOld_IsValid()
    {
        var signedAt = Now.AddMinutes(-4);
        var body = StripeWebhookSamples.PaymentIntentSucceeded(signedAt);

        StripeWebhooks.Verify(Delivery(body, StripeWebhooks.SignatureHeaderValue(Secret, signedAt, body)), Context()).IsValid.ShouldBeTrue();
    }

    [Fact]
    public void Verify_TimestampTenMinutesInFuture_IsInvalid()
    {
        // The tolerance is two-sided: a clock far ahead, or a delivery signed for later replay, is refused too.
        var signedAt = Now.AddMinutes(10);
        var body = StripeWebhookSamples.PaymentIntentSucceeded(signedAt);

        var result = StripeWebhooks.Verify(Delivery(body, StripeWebhooks.SignatureHeaderValue(Secret, signedAt, body)), Context());

        result.IsValid.ShouldBeFalse();
        result.Failure.ShouldNotBeNull().ShouldContain("600 s away from now; the tolerance is 300 s");
    }

    [Fact]
    public void Verify_TimestampFourMinutesInFuture_IsValid()
    {
        // Small clock skew between Stripe and this host is accepted in both directions.
        var signedAt = Now.AddMinutes(4);
        var body = StripeWebhookSamples.PaymentIntentSucceeded(signedAt);

        StripeWebhooks.Verify(Delivery(body, StripeWebhooks.SignatureHeaderValue(Secret, signedAt, body)), Context()).IsValid.ShouldBeTrue();
    }

    [Fact]
    public void Verify_WrongSecret_IsInvalid()
    {
        var body = StripeWebhookSamples.PaymentIntentSucceeded(Now);

        var result = StripeWebhooks.Verify(Delivery(body, StripeWebhooks.SignatureHeaderValue("whsec_someone_else", Now, body)), Context());

        result.IsValid.ShouldBeFalse();
    }

    [Fact]
    public void Verify_RolledSecretWithTwoV1Values_AcceptsEitherMatch()
    {
        // While a secret is rolled, Stripe signs with the old and the new secret: t=…,v1=<new>,v1=<old>.
        var body = StripeWebhookSamples.PaymentIntentSucceeded(Now);
        var t = Now.ToUnixTimeSeconds().ToString(System.Globalization.CultureInfo.InvariantCulture);
        var header = $"t={t},v1={StripeWebhooks.Sign("whsec_new_secret", t, Encoding.UTF8.GetBytes(body))},v1={StripeWebhooks.Sign(Secret, t, Encoding.UTF8.GetBytes(body))},v0=6ffbb59b2300aae63f272406069a9788598b792a944a07aba816edb039989a39";

        StripeWebhooks.Verify(Delivery(body, header), Context()).IsValid.ShouldBeTrue();
        StripeWebhooks.Verify(Delivery(body, header), Context("whsec_new_secret")).IsValid.ShouldBeTrue();
        StripeWebhooks.Verify(Delivery(body, header), Context("whsec_third")).IsValid.ShouldBeFalse();
    }

    [Theory]
    [InlineData("")]
    [InlineData("v1=abc")]
    [InlineData("t=1748779200")]
    [InlineData("t=soon,v1=abc")]
    public void Verify_MalformedHeader_IsInvalid(string header)
    {
        var body = StripeWebhookSamples.PaymentIntentSucceeded(Now);

        StripeWebhooks.Verify(Delivery(body, header), Context()).IsValid.ShouldBeFalse();
    }

    [Fact]
    public void Extract_Event_UsesEventIdTypeAndDataObject()
    {
        var body = StripeWebhookSamples.PaymentIntentSucceeded(Now);

        var events = StripeWebhooks.Extract(Delivery(body, ""));

        var evt = events.ShouldHaveSingleItem();
        evt.Id.ShouldBe(StripeWebhookSamples.EventId);
        evt.Type.ShouldBe("payment_intent.succeeded");
        evt.OccurredAt.ShouldBe(Now);
        evt.Payload!["id"]!.GetValue<string>().ShouldBe("pi_3MtwBwLkdIwHu7ix28a3tqPa");
    }

    [Fact]
    public void SimulationEvent_SignedBySimulation_VerifiesAndExtractsWithTheConnector()
    {
        var simulation = new StripeSimulation(new FakeTimeProvider(Now));

        var (body, signature, eventId) = simulation.CreateSignedEvent("payment_intent.succeeded", Secret);
        var delivery = Delivery(body, signature);

        StripeWebhooks.Verify(delivery, Context()).IsValid.ShouldBeTrue();
        var evt = StripeWebhooks.Extract(delivery).ShouldHaveSingleItem();
        evt.Id.ShouldBe(eventId);
        evt.Type.ShouldBe("payment_intent.succeeded");
        evt.Payload!["object"]!.GetValue<string>().ShouldBe("payment_intent");
    }
}
