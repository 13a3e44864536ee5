using System.Security.Cryptography;
using System.Text;
using Fastn.Connectors.Triggers;

namespace Fastn.Connectors.Tests.Sdk;

/// <summary>
/// The SDK's generic verifiers, checked against the schemes' own published examples (not only against our signer):
/// Standard Webhooks' example delivery and Twilio's documented request-validation example.
/// </summary>
public sealed class WebhookVerifiersTests
{
    // standardwebhooks.com example: secret, id, timestamp and body with the signature the reference libraries produce.
    private const string StandardSecret = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw";
    private const string StandardId = "msg_p5jXN8AQM9LWM0D4loKWxJek";
    private const long StandardTimestamp = 1614265330;
    private const string StandardBody = "{\"test\": 2432232314}";
    private const string StandardSignature = "v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=";

    [Fact]
    public void StandardWebhooks_PublishedExample_IsValid() =>
        WebhookVerifiers.StandardWebhooks(Standard(StandardSignature), StandardContext()).IsValid.ShouldBeTrue();

    [Fact]
    public void StandardWebhooks_SeveralSignaturesDuringRotation_AnyMatchingOneIsEnough() =>
        WebhookVerifiers.StandardWebhooks(Standard("v1,AAAAbm90IGl0 v1a,ignored " + StandardSignature), StandardContext()).IsValid.ShouldBeTrue();

    [Theory]
    [InlineData("body")]
    [InlineData("id")]
    [InlineData("timestamp")]
    [InlineData("secret")]
    [InlineData("version")]
    public void StandardWebhooks_AnySignedPartChanged_IsInvalid(string changed)
    {
        var request = changed switch
        {
            "body" => Standard(StandardSignature, body: "{\"test\": 2432232315}"),
            "id" => Standard(StandardSignature, id: "msg_other"),
            "timestamp" => Standard(StandardSignature, timestamp: StandardTimestamp + 1),
            "version" => Standard("v2," + StandardSignature[3..]),
            _ => Standard(StandardSignature),
        };
        var context = changed == "secret" ? StandardContext() with { SigningSecret = "whsec_" + Convert.ToBase64String(new byte[24]) } : StandardContext();

        var result = WebhookVerifiers.StandardWebhooks(request, changed == "timestamp" ? StandardContext(StandardTimestamp + 1) : context);

        result.IsValid.ShouldBeFalse();
        result.Failure.ShouldNotBeNull().ShouldNotContain("MfKQ9r8G");
    }

    [Theory]
    [InlineData(-301, false)]
    [InlineData(-299, true)]
    [InlineData(299, true)]
    [InlineData(301, false)]
    public void StandardWebhooks_Timestamp_ToleranceHoldsInBothDirections(int skewSeconds, bool valid) =>
        WebhookVerifiers.StandardWebhooks(Standard(StandardSignature), StandardContext(StandardTimestamp + skewSeconds)).IsValid.ShouldBe(valid);

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("whsec_not base64!")]
    public void StandardWebhooks_NoUsableSecret_FailsClosed(string? secret) =>
        WebhookVerifiers.StandardWebhooks(Standard(StandardSignature), StandardContext() with { SigningSecret = secret! }).IsValid.ShouldBeFalse();

    [Fact]
    public void StandardWebhooks_MissingHeaderOrBadTimestamp_IsInvalid()
    {
        var missing = new WebhookRequest(Encoding.UTF8.GetBytes(StandardBody), new Dictionary<string, string> { ["webhook-id"] = StandardId });
        WebhookVerifiers.StandardWebhooks(missing, StandardContext()).Failure.ShouldNotBeNull().ShouldContain("webhook-timestamp");
        var bad = new WebhookRequest(Encoding.UTF8.GetBytes(StandardBody), new Dictionary<string, string>
        {
            ["webhook-id"] = StandardId, ["webhook-timestamp"] = "99999999999999999999", ["webhook-signature"] = StandardSignature,
        });
        WebhookVerifiers.StandardWebhooks(bad, StandardContext()).IsValid.ShouldBeFalse();
    }

    // Twilio's documented example: auth token 12345, this URL and these form parameters sign to this value.
    private const string TwilioUrl = "https://mycompany.com/myapp.php?foo=1&bar=2";
    private const string TwilioBody = "CallSid=CA1234567890ABCDE&Caller=%2B12349013030&Digits=1234&From=%2B12349013030&To=%2B18005551212";
    private const string TwilioSignature = "0/KCTR6DLpKmkAf8muzZqo1nDgQ=";

    [Fact]
    public void HmacUrlAndParams_TwilioDocumentedExample_IsValid() =>
        WebhookVerifiers.HmacUrlAndParams("X-Twilio-Signature")(Twilio(TwilioUrl, TwilioBody), Context("12345")).IsValid.ShouldBeTrue();

    [Fact]
    public void HmacUrlAndParams_UrlIgnoredOrChanged_IsInvalid()
    {
        // A verifier that ignored the URL would accept a delivery replayed to another endpoint.
        var verify = WebhookVerifiers.HmacUrlAndParams("X-Twilio-Signature");
        verify(Twilio("https://mycompany.com/other.php?foo=1&bar=2", TwilioBody), Context("12345")).IsValid.ShouldBeFalse();
        verify(Twilio(null, TwilioBody), Context("12345")).IsValid.ShouldBeFalse();
        verify(Twilio(TwilioUrl, TwilioBody.Replace("Digits=1234", "Digits=1235", StringComparison.Ordinal)), Context("12345")).IsValid.ShouldBeFalse();
    }

    [Fact]
    public void HmacBody_GitHubStyleSha256Hex_ValidInEitherCaseAndInvalidWhenChanged()
    {
        var body = "{\"zen\":\"Keep it logically awesome.\"}"u8.ToArray();
        var mac = Convert.ToHexString(HMACSHA256.HashData("s3cret"u8, body));
        var verify = WebhookVerifiers.HmacBody("X-Hub-Signature-256", prefix: "sha256=");

        verify(Body(body, "X-Hub-Signature-256", "sha256=" + mac.ToLowerInvariant()), Context("s3cret")).IsValid.ShouldBeTrue();
        verify(Body(body, "X-Hub-Signature-256", "sha256=" + mac), Context("s3cret")).IsValid.ShouldBeTrue();
        verify(Body([.. body, (byte)' '], "X-Hub-Signature-256", "sha256=" + mac), Context("s3cret")).IsValid.ShouldBeFalse();
        verify(Body(body, "X-Hub-Signature-256", mac), Context("s3cret")).Failure.ShouldNotBeNull().ShouldContain("sha256=");
        verify(Body(body, "X-Hub-Signature-256", "sha256=zz"), Context("s3cret")).Failure.ShouldNotBeNull().ShouldContain("hexadecimal");
        verify(Body(body, "X-Other", "sha256=" + mac), Context("s3cret")).Failure.ShouldNotBeNull().ShouldContain("Missing");
        verify(Body(body, "X-Hub-Signature-256", "sha256=" + mac), Context("")).IsValid.ShouldBeFalse();
    }

    [Fact]
    public void HmacBody_ShopifyStyleSha256Base64_MatchesAnIndependentHmac()
    {
        var body = "{\"id\":820982911946154508}"u8.ToArray();
        var mac = Convert.ToBase64String(HMACSHA256.HashData("hush"u8, body));
        var verify = WebhookVerifiers.HmacBody("X-Shopify-Hmac-Sha256", encoding: SignatureEncoding.Base64);

        verify(Body(body, "X-Shopify-Hmac-Sha256", mac), Context("hush")).IsValid.ShouldBeTrue();
        verify(Body(body, "X-Shopify-Hmac-Sha256", mac), Context("hush2")).IsValid.ShouldBeFalse();
        WebhookVerifiers.Sign("hush", body, encoding: SignatureEncoding.Base64).ShouldBe(mac);
    }

    [Fact]
    public void HmacBody_Sha1AndSha512_UseTheirHash()
    {
        var body = "payload"u8.ToArray();
        WebhookVerifiers.HmacBody("X-Sig", HmacHash.Sha1)(Body(body, "X-Sig", Convert.ToHexString(HMACSHA1.HashData("k"u8, body))), Context("k")).IsValid.ShouldBeTrue();
        WebhookVerifiers.HmacBody("X-Sig", HmacHash.Sha512)(Body(body, "X-Sig", Convert.ToHexString(HMACSHA512.HashData("k"u8, body))), Context("k")).IsValid.ShouldBeTrue();
        WebhookVerifiers.HmacBody("X-Sig", HmacHash.Sha512)(Body(body, "X-Sig", Convert.ToHexString(HMACSHA256.HashData("k"u8, body))), Context("k")).IsValid.ShouldBeFalse();
    }

    private static WebhookRequest Standard(string signature, string body = StandardBody, string id = StandardId, long timestamp = StandardTimestamp) =>
        new(Encoding.UTF8.GetBytes(body), new Dictionary<string, string>
        {
            ["webhook-id"] = id,
            ["webhook-timestamp"] = timestamp.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["webhook-signature"] = signature,
        });

    private static WebhookVerificationContext StandardContext(long now = StandardTimestamp) =>
        new() { SigningSecret = StandardSecret, Time = new FixedTime(DateTimeOffset.FromUnixTimeSeconds(now)) };

    private static WebhookVerificationContext Context(string secret) => new() { SigningSecret = secret };

    private static WebhookRequest Twilio(string? url, string body) =>
        new(Encoding.UTF8.GetBytes(body), new Dictionary<string, string>
        {
            ["Content-Type"] = "application/x-www-form-urlencoded; charset=utf-8",
            ["X-Twilio-Signature"] = TwilioSignature,
        }, url: url);

    private static WebhookRequest Body(byte[] body, string header, string value) =>
        new(body, new Dictionary<string, string> { [header] = value, ["Content-Type"] = "application/json" });

    private sealed class FixedTime(DateTimeOffset now) : TimeProvider
    {
        public override DateTimeOffset GetUtcNow() => now;
    }
}

public sealed class StandardWebhooksSignerTests
{
    [Fact]
    public void SignStandard_PublishedExample_GivesThePublishedSignature() =>
        WebhookVerifiers.SignStandard("whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw", "msg_p5jXN8AQM9LWM0D4loKWxJek", 1614265330, "{\"test\": 2432232314}"u8)
            .ShouldBe("v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=");

    [Fact]
    public void NewStandardSecret_IsWhsecWithTwentyFourBytes()
    {
        var secret = WebhookVerifiers.NewStandardSecret();
        secret.ShouldStartWith("whsec_");
        Convert.FromBase64String(secret["whsec_".Length..]).Length.ShouldBe(24);
        WebhookVerifiers.NewStandardSecret().ShouldNotBe(secret);
    }
}
