using System.Net;
using System.Text.Json.Nodes;
using Fastn.Connectors.Http;
using Fastn.Connectors.Testing;
using Fastn.Connectors.Tests.Testing;
using Microsoft.Extensions.Time.Testing;

namespace Fastn.Connectors.Tests.Sdk;

public sealed class ConnectorHttpClientTests
{
    private static readonly JsonObject Input = new() { ["email"] = "ada@example.com", ["firstName"] = "Ada" };

    private static ConnectorTestHost Host(StubHttpHandler stub, TimeProvider? time = null)
    {
        var definition = ExampleConnector.Definition;
        return new ConnectorTestHost(definition, ConnectorTestHost.CredentialsFor(definition.Auth.Default!, new Dictionary<string, string> { ["api_key"] = "k" }), stub, time: time);
    }

    [Fact]
    public async Task RunActionAsync_TypedAction_PostsCamelCaseJsonAndReturnsOutput()
    {
        var stub = new StubHttpHandler().EnqueueJson(new ExampleContact("c_9", "ada@example.com", "Ada", null, DateTimeOffset.UnixEpoch), HttpStatusCode.Created);
        using var host = Host(stub);

        var output = await host.RunActionAsync<ExampleContact>("create_contact", new CreateContactInput("ada@example.com", "Ada"), cancellationToken: TestContext.Current.CancellationToken);

        output!.Id.ShouldBe("c_9");
        stub.LastRequest.Method.ShouldBe("POST");
        stub.LastRequest.Path.ShouldBe("/v1/contacts");
        JsonNode.DeepEquals(stub.LastRequest.BodyJson(), JsonNode.Parse("""{"email":"ada@example.com","firstName":"Ada"}""")).ShouldBeTrue(stub.LastRequest.Body);
    }

    [Fact]
    public async Task SendAsync_401_ThrowsAuthRequired()
    {
        using var host = Host(new StubHttpHandler().Enqueue(HttpStatusCode.Unauthorized, """{"error":"bad key"}"""));

        var ex = await Should.ThrowAsync<AuthRequiredException>(() => host.RunActionAsync("create_contact", Input, TestContext.Current.CancellationToken));

        ex.Message.ShouldContain("401");
    }

    [Fact]
    public async Task SendAsync_429WithRetryAfter_ThrowsRateLimitedWithRetryAfter()
    {
        using var host = Host(new StubHttpHandler().Enqueue(HttpStatusCode.TooManyRequests, "{}", headers: new Dictionary<string, string> { ["Retry-After"] = "17" }));

        var ex = await Should.ThrowAsync<RateLimitedException>(() => host.RunActionAsync("create_contact", Input, TestContext.Current.CancellationToken));

        ex.RetryAfter.ShouldBe(TimeSpan.FromSeconds(17));
        ex.ProblemType.ShouldBe("fastn:rate-limited");
    }

    [Fact]
    public async Task SendAsync_429WithRetryAfterDate_DelayMeasuredOnInjectedClock()
    {
        var time = new FakeTimeProvider(new DateTimeOffset(2031, 5, 6, 7, 8, 0, TimeSpan.Zero));
        using var host = Host(
            new StubHttpHandler().Enqueue(HttpStatusCode.TooManyRequests, "{}", headers: new Dictionary<string, string> { ["Retry-After"] = "Tue, 06 May 2031 07:08:42 GMT" }),
            time);

        var ex = await Should.ThrowAsync<RateLimitedException>(() => host.RunActionAsync("create_contact", Input, TestContext.Current.CancellationToken));

        ex.RetryAfter.ShouldBe(TimeSpan.FromSeconds(42));
    }

    [Fact]
    public async Task SendAsync_500WithLongBody_ThrowsUpstreamWithStatusAndTruncatedBody()
    {
        var body = new string('x', UpstreamException.MaxBodyLength + 500);
        using var host = Host(new StubHttpHandler().Enqueue(HttpStatusCode.InternalServerError, body, "text/plain"));

        var ex = await Should.ThrowAsync<UpstreamException>(() => host.RunActionAsync("create_contact", Input, TestContext.Current.CancellationToken));

        ex.StatusCode.ShouldBe(500);
        ex.Body!.Length.ShouldBe(UpstreamException.MaxBodyLength + 1);
        ex.Body.ShouldEndWith("…");
        ex.Message.ShouldContain("500");
        ex.Message.Length.ShouldBeLessThan(500);
    }

    [Fact]
    public async Task SendJsonAsync_HtmlWhereJsonExpected_ThrowsUpstreamSayingHtml()
    {
        using var host = Host(new StubHttpHandler().Enqueue(HttpStatusCode.OK, "<!DOCTYPE html><html><body>Maintenance</body></html>", "text/html"));

        var ex = await Should.ThrowAsync<UpstreamException>(() => host.RunActionAsync("create_contact", Input, TestContext.Current.CancellationToken));

        ex.StatusCode.ShouldBe(200);
        ex.Message.ShouldContain("HTML");
        ex.Body!.ShouldContain("Maintenance");
    }

    [Fact]
    public async Task RunActionAsync_InputMissingRequiredField_ThrowsValidationWithPath()
    {
        var stub = new StubHttpHandler();
        using var host = Host(stub);

        var ex = await Should.ThrowAsync<ConnectorValidationException>(() =>
            host.RunActionAsync("create_contact", new JsonObject { ["firstName"] = 3 }, TestContext.Current.CancellationToken));

        ex.Message.ShouldContain("email");
        ex.Message.ShouldContain("$.firstName");
        stub.Requests.ShouldBeEmpty();
    }
}
