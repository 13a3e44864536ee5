using System.Text;
using Fastn.Connectors.BuiltIn.GitHub;
using Fastn.Connectors.Triggers;

namespace Fastn.Connectors.BuiltIn.Tests.GitHub;

public sealed class GitHubWebhooksTests
{
    private const string Secret = "It's a Secret to Everybody";
    private const string Body = """{"action":"closed","issue":{"id":1,"number":42,"updated_at":"2025-06-01T12:00:00Z"}}""";

    private static WebhookVerificationContext Context(string secret = Secret) => new() { SigningSecret = secret };

    private static WebhookRequest Delivery(string body, string? signature, string eventName = "issues") =>
        new(Encoding.UTF8.GetBytes(body), new Dictionary<string, string>
        {
            ["X-GitHub-Event"] = eventName,
            ["X-GitHub-Delivery"] = "d-1",
            ["X-Hub-Signature-256"] = signature ?? "",
        });

    [Fact]
    public void Sign_GitHubDocumentationExample_MatchesPublishedSignature()
    {
        // The example from GitHub's "Validating webhook deliveries" page.
        GitHubWebhooks.Sign(Secret, Encoding.UTF8.GetBytes("Hello, World!"))
            .ShouldBe("sha256=757107ea0eb2509fc211221cce984b8a37570b6d7586c22c46f4379c8b043e17");
    }

    [Fact]
    public void Verify_ValidSignature_IsValidAndExtractsTypeWithAction()
    {
        var request = Delivery(Body, GitHubWebhooks.Sign(Secret, Encoding.UTF8.GetBytes(Body)));

        GitHubWebhooks.Verify(request, Context()).IsValid.ShouldBeTrue();
        var single = GitHubWebhooks.Extract(request).ShouldHaveSingleItem();
        single.Id.ShouldBe("d-1");
        single.Type.ShouldBe("issues.closed");
        single.OccurredAt.ShouldBe(new DateTimeOffset(2025, 6, 1, 12, 0, 0, TimeSpan.Zero));
    }

    [Fact]
    public void Verify_TamperedBody_IsInvalid()
    {
        var request = Delivery(Body.Replace("42", "43", StringComparison.Ordinal), GitHubWebhooks.Sign(Secret, Encoding.UTF8.GetBytes(Body)));

        var verdict = GitHubWebhooks.Verify(request, Context());

        verdict.IsValid.ShouldBeFalse();
        verdict.Failure.ShouldNotBeNull().ShouldContain("does not match");
    }

    [Fact]
    public void Verify_WrongSecret_IsInvalid()
    {
        var request = Delivery(Body, GitHubWebhooks.Sign("another secret", Encoding.UTF8.GetBytes(Body)));

        GitHubWebhooks.Verify(request, Context()).IsValid.ShouldBeFalse();
    }

    [Fact]
    public void Verify_MissingOrMalformedSignature_IsInvalid()
    {
        var unsigned = new WebhookRequest(Encoding.UTF8.GetBytes(Body), new Dictionary<string, string> { ["X-GitHub-Event"] = "issues" });
        var sha1Only = Delivery(Body, "sha1=7d38cdd689735b008b3c702edd92eea23791c5f6");

        GitHubWebhooks.Verify(unsigned, Context()).Failure.ShouldNotBeNull().ShouldContain("Missing");
        GitHubWebhooks.Verify(sha1Only, Context()).IsValid.ShouldBeFalse();
    }

    [Fact]
    public void Verify_DeliverySignedLongAgo_IsStillValidBecauseGitHubSignsNoTimestamp()
    {
        // The "stale timestamp" case does not exist for GitHub: the clock plays no part, so a far-future clock changes nothing.
        var request = Delivery(Body, GitHubWebhooks.Sign(Secret, Encoding.UTF8.GetBytes(Body)));
        var later = new Microsoft.Extensions.Time.Testing.FakeTimeProvider(DateTimeOffset.UtcNow.AddDays(30));

        GitHubWebhooks.Verify(request, Context() with { Time = later, Tolerance = TimeSpan.FromSeconds(1) }).IsValid.ShouldBeTrue();
    }

    [Fact]
    public void Verify_SignedPing_IsAnsweredAsHandshake()
    {
        const string ping = """{"zen":"Design for failure.","hook_id":7}""";
        var request = Delivery(ping, GitHubWebhooks.Sign(Secret, Encoding.UTF8.GetBytes(ping)), "ping");

        var verdict = GitHubWebhooks.Verify(request, Context());

        verdict.IsValid.ShouldBeTrue();
        verdict.Handshake.ShouldNotBeNull().StatusCode.ShouldBe(200);
    }

    [Fact]
    public void Verify_UnsignedPing_IsInvalid()
    {
        const string ping = """{"zen":"Design for failure.","hook_id":7}""";

        GitHubWebhooks.Verify(Delivery(ping, "sha256=00", "ping"), Context()).IsValid.ShouldBeFalse();
    }

    [Fact]
    public void Extract_PushWithoutAction_UsesEventNameAlone()
    {
        const string push = """{"ref":"refs/heads/main","after":"abc"}""";

        GitHubWebhooks.Extract(Delivery(push, null, "push")).ShouldHaveSingleItem().Type.ShouldBe("push");
    }
}
