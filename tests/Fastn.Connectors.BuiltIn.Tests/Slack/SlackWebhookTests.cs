using System.Globalization;
using System.Text;
using Fastn.Connectors.BuiltIn.Slack;
using Fastn.Connectors.Triggers;
using Microsoft.Extensions.Time.Testing;

namespace Fastn.Connectors.BuiltIn.Tests.Slack;

public sealed class SlackWebhookTests
{
    // Slack's documented example signing secret.
    private const string Secret = "8f742231b10e8888abcd99yyyzzz85a5";
    private static readonly DateTimeOffset Now = new(2025, 6, 1, 12, 0, 0, TimeSpan.Zero);

    [Fact]
    public void Verify_ValidSignature_IsValid()
    {
        var result = SlackWebhooks.Verify(Signed(SlackEventBodies.AppMention("Ev1", Now), Now), Context());

        result.IsValid.ShouldBeTrue(result.Failure);
        result.Handshake.ShouldBeNull();
    }

    [Fact]
    public void Verify_KnownVector_MatchesSlackDocumentation()
    {
        // The example of Slack's "Verifying requests from Slack" guide.
        const string body = "token=xyzz0WbapA4vBCDEFasx0q6G&team_id=T1DC2JH3J&team_domain=testteamnow&channel_id=G8PSS9T3V&channel_name=foobar&user_id=U2CERLKJA&user_name=roadrunner&command=%2Fwebhook-collect&text=&response_url=https%3A%2F%2Fhooks.slack.com%2Fcommands%2FT1DC2JH3J%2F397700885554%2F96rGlfmibIGlgcZRskXaIFfN&trigger_id=398738663015.47445629121.803a0bc887a14d10d2c447fce8b6703c";

        SlackWebhooks.Sign(Secret, "1531420618", Encoding.UTF8.GetBytes(body))
            .ShouldBe("v0=a2114d57b48eac39b9ad189dd8316235a7b4a8d21a10bd27519666489c69b503");
    }

    [Fact]
    public void Verify_TamperedBody_IsInvalid()
    {
        var request = Signed(SlackEventBodies.AppMention("Ev1", Now), Now);
        var tampered = new WebhookRequest(Encoding.UTF8.GetBytes(request.BodyText.Replace("status", "secret", StringComparison.Ordinal)), request.Headers);

        var result = SlackWebhooks.Verify(tampered, Context());

        result.IsValid.ShouldBeFalse();
        result.Failure.ShouldNotBeNull().ShouldContain("signature");
    }

    [Fact]
    public void Verify_StaleTimestamp_IsInvalid()
    {
        var signedAt = Now.AddMinutes(-6);

        var result = SlackWebhooks.Verify(Signed(SlackEventBodies.AppMention("Ev1", signedAt), signedAt), Context());

        result.IsValid.ShouldBeFalse();
        result.Failure.ShouldNotBeNull().ShouldContain("tolerance");
    }

    [Fact]
    public void Verify_TimestampInsideWindow_IsValid()
    {
        var signedAt = Now.AddMinutes(-4);

        SlackWebhooks.Verify(Signed(SlackEventBodies.AppMention("Ev1", signedAt), signedAt), Context()).IsValid.ShouldBeTrue();
    }

    [Fact]
    public void Verify_WrongSecret_IsInvalid()
    {
        var request = Signed(SlackEventBodies.AppMention("Ev1", Now), Now, secret: "another-apps-signing-secret");

        SlackWebhooks.Verify(request, Context()).IsValid.ShouldBeFalse();
    }

    [Fact]
    public void Verify_MissingHeaders_IsInvalid()
    {
        var request = new WebhookRequest(Encoding.UTF8.GetBytes(SlackEventBodies.UrlVerification), new Dictionary<string, string>());

        SlackWebhooks.Verify(request, Context()).Failure.ShouldNotBeNull().ShouldContain("X-Slack-Signature");
    }

    [Fact]
    public void Verify_SignedUrlVerification_AnswersTheChallenge()
    {
        var result = SlackWebhooks.Verify(Signed(SlackEventBodies.UrlVerification, Now), Context());

        result.IsValid.ShouldBeTrue();
        var handshake = result.Handshake.ShouldNotBeNull();
        handshake.StatusCode.ShouldBe(200);
        handshake.ContentType.ShouldBe("text/plain");
        handshake.Body.ShouldBe("3eZbrw1aBm2rZgRNFdxV2595E9CY3gmdALWMmHkvFXO7tYXAYM8P");
    }

    [Fact]
    public void Verify_UnsignedUrlVerification_IsInvalid()
    {
        var request = Signed(SlackEventBodies.UrlVerification, Now, secret: "attacker");

        var result = SlackWebhooks.Verify(request, Context());

        result.IsValid.ShouldBeFalse();
        result.Handshake.ShouldBeNull();
    }

    [Fact]
    public void Extract_EventCallback_UsesEventIdAndInnerType()
    {
        var events = SlackWebhooks.Extract(Signed(SlackEventBodies.AppMention("Ev08MFMKH6KH", Now), Now));

        var single = events.ShouldHaveSingleItem();
        single.Id.ShouldBe("Ev08MFMKH6KH");
        single.Type.ShouldBe("app_mention");
        single.OccurredAt.ShouldBe(Now);
        single.Payload.ShouldNotBeNull()["channel"]!.GetValue<string>().ShouldBe("C0123ABCDE");
        single.Payload!["team_id"]!.GetValue<string>().ShouldBe("T0123ABCD");
    }

    [Fact]
    public void Extract_UrlVerification_HasNoEvents()
    {
        SlackWebhooks.Extract(Signed(SlackEventBodies.UrlVerification, Now)).ShouldBeEmpty();
    }

    private static WebhookVerificationContext Context() => new() { SigningSecret = Secret, Time = new FakeTimeProvider(Now) };

    private static WebhookRequest Signed(string body, DateTimeOffset at, string secret = Secret)
    {
        var ts = at.ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture);
        var bytes = Encoding.UTF8.GetBytes(body);
        return new WebhookRequest(bytes, new Dictionary<string, string>
        {
            ["X-Slack-Request-Timestamp"] = ts,
            ["X-Slack-Signature"] = SlackWebhooks.Sign(secret, ts, bytes),
        });
    }
}
