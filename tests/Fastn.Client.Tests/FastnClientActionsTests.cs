using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;
using Fastn.Client.Errors;
using Fastn.Client.Models;
using Fastn.Client.Tests.Infrastructure;

namespace Fastn.Client.Tests;

/// <summary>Actions and the error mapping through the client against a real server and the Acme sandbox.</summary>
[Collection(ClientServerCollection.Name)]
public sealed class FastnClientActionsTests(ClientServerFixture fixture)
{
    private FastnServerHost Server => fixture.Server;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public sealed record ListContacts(int Limit);

    public sealed record ContactPage(IReadOnlyList<Contact> Data, string? NextCursor);

    public sealed record Contact(string Id, string Email, string? GivenName);

    private async Task<(FastnClient Client, string ConnectionId)> ConnectAcmeAsync()
    {
        var tenant = ClientServerFixture.NewTenant();
        var id = await AcmeBrowser.ConnectAsync(Server, tenant);
        var client = new FastnClient(new HttpClient(), new FastnClientOptions
        {
            BaseUrl = new Uri(Server.BaseUrl),
            ApiKey = Server.AdminKey,
            TenantId = tenant,
            ActionSerializerOptions = new JsonSerializerOptions(JsonSerializerDefaults.Web) { PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower },
        });
        return (client, id);
    }

    private async Task<(FastnClient Client, string ConnectionId)> ConnectEchoAsync()
    {
        var client = Server.Client(ClientServerFixture.NewTenant());
        var connection = await client.CreateConnectionAsync(new CreateConnectionRequest(TestConnectors.Echo, new Dictionary<string, string> { ["api_key"] = "k" }), Ct);
        return (client, connection.Id);
    }

    [Fact]
    public async Task ExecuteAsync_AcmeListContacts_ReturnsTheOutputJson()
    {
        var (client, id) = await ConnectAcmeAsync();
        using var _ = client;

        var output = await client.ExecuteAsync(id, "list_contacts", new JsonObject { ["limit"] = 3 }, cancellationToken: Ct);

        var data = output.ShouldNotBeNull()["data"].ShouldBeOfType<JsonArray>();
        data.Count.ShouldBe(3);
        data[0]!["email"]!.GetValue<string>().ShouldContain("@");
    }

    [Fact]
    public async Task ExecuteAsyncTyped_AcmeListContacts_DeserializesWithTheActionSerializerOptions()
    {
        var (client, id) = await ConnectAcmeAsync();
        using var _ = client;

        var page = await client.ExecuteAsync<ContactPage>(id, "list_contacts", new ListContacts(2), cancellationToken: Ct);

        page.Data.Count.ShouldBe(2);
        page.Data.ShouldAllBe(c => c.Email.Contains('@') && c.Id.Length > 0);
        page.NextCursor.ShouldNotBeNullOrEmpty();
    }

    [Fact]
    public async Task ExecuteAsync_NullInput_SendsAnEmptyObject()
    {
        var (client, id) = await ConnectEchoAsync();
        using var _ = client;

        var output = await client.ExecuteAsync(id, "echo", null, cancellationToken: Ct);

        output.ShouldBeOfType<JsonObject>().Count.ShouldBe(0);
    }

    [Fact]
    public async Task ExecuteAsync_MissingRequiredInput_ValidationExceptionWithJsonPath()
    {
        var (client, id) = await ConnectEchoAsync();
        using var _ = client;

        var ex = await Should.ThrowAsync<FastnValidationException>(() => client.ExecuteAsync(id, "greet", new JsonObject(), cancellationToken: Ct));
        var ok = await client.ExecuteAsync<JsonObject>(id, "greet", new { name = "Ada" }, cancellationToken: Ct);

        ex.Type.ShouldBe("fastn:validation");
        ex.Status.ShouldBe(400);
        ex.Path.ShouldBe("$");
        ex.Detail.ShouldContain("name");
        ok["greeting"]!.GetValue<string>().ShouldBe("Hello, Ada");
    }

    [Fact]
    public async Task ExecuteAsync_UnknownConnection_NotFoundException()
    {
        using var client = Server.Client(ClientServerFixture.NewTenant());

        var ex = await Should.ThrowAsync<FastnNotFoundException>(() => client.ExecuteAsync("conn_missing", "echo", null, cancellationToken: Ct));

        ex.Detail.ShouldContain("conn_missing");
    }

    [Fact]
    public async Task ExecuteAsync_BadApiKey_AuthenticationException()
    {
        using var client = Server.Client(ClientServerFixture.NewTenant(), apiKey: "fk_not_a_real_key");

        var ex = await Should.ThrowAsync<FastnAuthenticationException>(() => client.ExecuteAsync("conn_x", "echo", null, cancellationToken: Ct));

        ex.Type.ShouldBe("fastn:unauthenticated");
        ex.Status.ShouldBe(401);
        ex.Detail.ShouldContain("unknown or revoked");
    }

    [Fact]
    public async Task ExecuteAsync_AppAnswers500_UpstreamExceptionWithStatusAndBody()
    {
        var (client, id) = await ConnectAcmeAsync();
        using var _ = client;
        using var inject = await Server.Http.PostAsJsonAsync("sandbox/acme/_sandbox/faults", new { count = 20, status = 500 }, Ct);
        inject.EnsureSuccessStatusCode();
        try
        {
            var ex = await Should.ThrowAsync<FastnUpstreamException>(() => client.ExecuteAsync(id, "list_contacts", new JsonObject { ["limit"] = 1 }, cancellationToken: Ct));

            ex.Type.ShouldBe("fastn:upstream");
            ex.Status.ShouldBe(502);
            ex.Category.ShouldBe("upstream");
            ex.Retryable.ShouldBeTrue("an app's 5xx may pass");
            ex.UpstreamStatus.ShouldBe(500);
            ex.UpstreamBody.ShouldNotBeNullOrWhiteSpace();
            ex.TraceId.ShouldNotBeNullOrWhiteSpace();
        }
        finally
        {
            using var reset = await Server.Http.DeleteAsync("sandbox/acme/_sandbox/faults", Ct);
        }
    }

    [Fact]
    public async Task ExecuteAsync_AppRefusesCredentials_AuthRequiredException()
    {
        var (client, id) = await ConnectEchoAsync();
        using var _ = client;

        var ex = await Should.ThrowAsync<FastnAuthRequiredException>(() => client.ExecuteAsync(id, "fail_auth", null, cancellationToken: Ct));

        ex.Type.ShouldBe("fastn:auth-required");
        ex.Status.ShouldBe(401);
    }

    [Fact]
    public async Task ExecuteAsync_AppRateLimits_RateLimitedExceptionWithRetryAfter()
    {
        var (client, id) = await ConnectEchoAsync();
        using var _ = client;

        var ex = await Should.ThrowAsync<FastnRateLimitedException>(() => client.ExecuteAsync(id, "fail_rate", null, cancellationToken: Ct));

        ex.Status.ShouldBe(429);
        ex.RetryAfter.ShouldBe(TimeSpan.FromSeconds(7));
        ex.Category.ShouldBe("rate-limited");
        ex.Retryable.ShouldBeTrue();
    }

    [Fact]
    public async Task ListConnectionsAsync_ProxyAnswersHtml502_ClearApiExceptionWithTheBody()
    {
        // A reverse proxy in front of Fastn that answers its own HTML error page, not a problem document.
        await using var proxy = await HtmlErrorProxy.StartAsync();
        using var client = new FastnClient(proxy.BaseUrl, "fk_irrelevant", "t-1");

        var ex = await Should.ThrowAsync<FastnApiException>(() => client.ListConnectionsAsync(cancellationToken: Ct));

        ex.GetType().ShouldBe(typeof(FastnApiException));
        ex.Type.ShouldBe("about:blank");
        ex.Status.ShouldBe(502);
        ex.Title.ShouldBe("Bad Gateway");
        ex.Detail.ShouldContain("GET /api/v1/connections answered 502");
        ex.Detail.ShouldContain("not a problem document (text/html)");
        ex.Detail.ShouldContain("upstream connect error");
    }

    [Fact]
    public async Task ExecuteAsync_Cancelled_ThrowsOperationCanceled()
    {
        var (client, id) = await ConnectEchoAsync();
        using var _ = client;
        using var cancelled = new CancellationTokenSource();
        await cancelled.CancelAsync();

        await Should.ThrowAsync<OperationCanceledException>(() => client.ExecuteAsync(id, "echo", null, cancellationToken: cancelled.Token));
    }
}
