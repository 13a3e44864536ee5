using System.Text;
using Microsoft.Extensions.Time.Testing;
using Fastn.Connectors.Triggers;
using Fastn.Samples.AcmeConnector;
using Fastn.Sandbox.Webhooks;

namespace Fastn.Samples.Tests.AcmeConnector;

public sealed class AcmeWebhooksTests
{
    private const string Secret = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw";

    [Fact]
    public void Sign_StandardWebhooksTestVector_MatchesPublishedSignature()
    {
        var signature = AcmeWebhooks.Sign(Secret, "msg_p5jXN8AQM9LWM0D4loKWxJek", "1614265330", "{\"test\": 2432232314}"u8);

        ("v1," + signature).ShouldBe("v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=");
        ("v1," + signature).ShouldBe(StandardWebhooks.Sign(Secret, "msg_p5jXN8AQM9LWM0D4loKWxJek", 1614265330, "{\"test\": 2432232314}"));
    }

    [Fact]
    public void Verify_SecondOfTwoSignaturesMatches_IsValid()
    {
        var now = DateTimeOffset.FromUnixTimeSeconds(1_700_000_000);
        var request = Request("{\"a\":1}", "v1,bm9wZQ== " + StandardWebhooks.Sign(Secret, "msg_1", now.ToUnixTimeSeconds(), "{\"a\":1}"));

        var verdict = AcmeWebhooks.Verify(request, new WebhookVerificationContext { SigningSecret = Secret, Time = new FakeTimeProvider(now) });

        verdict.IsValid.ShouldBeTrue(verdict.Failure);
    }

    [Fact]
    public void Verify_SecretIsNotBase64_IsInvalidWithoutThrowing()
    {
        var now = DateTimeOffset.FromUnixTimeSeconds(1_700_000_000);
        var request = Request("{\"a\":1}", "v1,bm9wZQ==");

        var verdict = AcmeWebhooks.Verify(request, new WebhookVerificationContext { SigningSecret = "whsec_not base64!", Time = new FakeTimeProvider(now) });

        verdict.IsValid.ShouldBeFalse();
        verdict.Failure.ShouldNotBeNull().ShouldContain("base64");
    }

    [Fact]
    public void Extract_ContactUpdatedBody_ReturnsEventWithIdTypeTimeAndContact()
    {
        var request = Request("""{"type":"contact.updated","timestamp":"2026-01-01T09:00:00.000Z","data":{"id":"ct_1"}}""", "v1,x");

        var events = AcmeWebhooks.Extract(request);

        var single = events.ShouldHaveSingleItem();
        single.Id.ShouldBe("msg_1");
        single.Type.ShouldBe("contact.updated");
        single.OccurredAt.ShouldBe(new DateTimeOffset(2026, 1, 1, 9, 0, 0, TimeSpan.Zero));
        single.Payload.ShouldNotBeNull()["id"]!.GetValue<string>().ShouldBe("ct_1");
    }

    private static WebhookRequest Request(string body, string signature) =>
        new(Encoding.UTF8.GetBytes(body), new Dictionary<string, string>
        {
            ["webhook-id"] = "msg_1",
            ["webhook-timestamp"] = "1700000000",
            ["webhook-signature"] = signature,
        });
}
