using Fastn.Connectors.BuiltIn.Stripe;
using Fastn.Connectors.Http;
using Fastn.Connectors.Testing;

namespace Fastn.Connectors.BuiltIn.Tests.Stripe;

/// <summary>Stripe's error bodies become the SDK's typed errors, with the input path for <c>param</c>.</summary>
public sealed class StripeErrorMappingTests
{
    private static async Task<ConnectorException> ReplayFailureAsync(string file)
    {
        var fixture = ConnectorFixture.Load(Path.Combine(AppContext.BaseDirectory, "Fixtures", "stripe", file));
        using var replay = new FixtureReplayHandler(fixture);
        using var host = new ConnectorTestHost(StripeConnector.Definition,
            ConnectorTestHost.CredentialsFor(StripeConnector.Definition.Auth.Default!, fixture.Credentials), replay);
        return await Should.ThrowAsync<ConnectorException>(() => host.RunActionAsync(fixture.Action, fixture.Input, TestContext.Current.CancellationToken));
    }

    [Theory]
    [InlineData("create_customer_invalid_email.json", "$.email")]
    [InlineData("create_payment_intent_amount_too_small.json", "$.amount")]
    [InlineData("create_refund_already_refunded.json", "$.amount")]
    public async Task Replay_StripeParamError_IsValidationErrorOnThatInput(string file, string path)
    {
        var error = await ReplayFailureAsync(file);

        error.ShouldBeOfType<ConnectorValidationException>().Path.ShouldBe(path);
    }

    [Fact]
    public async Task Replay_CardDeclined_IsUpstreamWithStripesMessage()
    {
        var error = await ReplayFailureAsync("confirm_payment_intent_card_declined.json");

        var upstream = error.ShouldBeOfType<UpstreamException>();
        upstream.StatusCode.ShouldBe(402);
        upstream.Message.ShouldBe("The card was declined (402) (card_declined): Your card was declined.");
    }

    [Fact]
    public async Task Replay_InvalidKey_IsAuthRequiredWithoutTheKey()
    {
        var error = await ReplayFailureAsync("get_balance_invalid_key.json");

        error.ShouldBeOfType<AuthRequiredException>().Message.ShouldContain("Invalid API Key provided");
        error.Message.ShouldNotContain("sk_test_revoked00000000000000000");
    }

    [Fact]
    public async Task Replay_RateLimited_IsRateLimited()
    {
        var error = await ReplayFailureAsync("list_charges_rate_limited.json");

        error.ShouldBeOfType<RateLimitedException>().Message.ShouldContain("429");
    }

    [Theory]
    [InlineData("email", "$.email")]
    [InlineData("metadata[plan]", "$.metadata.plan")]
    [InlineData("items[0][price]", "$.items[0].price")]
    public void ToJsonPath_StripeParam_IsInputPath(string param, string path) => StripeApi.ToJsonPath(param).ShouldBe(path);
}
