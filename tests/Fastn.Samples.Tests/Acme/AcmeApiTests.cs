using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Fastn.Samples.Acme.OAuth;
using Fastn.Samples.Acme.Api;

namespace Fastn.Samples.Tests.Acme;

public sealed class AcmeApiTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Api_NoBearerToken_Returns401()
    {
        await using var host = await AcmeSandboxHost.StartAsync();
        using var anonymous = new HttpClient { BaseAddress = new Uri(host.BaseUrl + "/api/v1/") };

        var missing = await anonymous.GetAsync("contacts", Ct);
        using var bogus = host.ApiClient("acme_at_not-a-token");
        var invalid = await bogus.GetAsync("contacts", Ct);

        missing.StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
        missing.Headers.WwwAuthenticate.ToString().ShouldStartWith("Bearer");
        invalid.StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
        (await AcmeSandboxHost.ReadJsonAsync(invalid)).GetProperty("error").GetString().ShouldBe("invalid_token");
    }

    [Fact]
    public async Task Me_ValidToken_ReturnsTheAccount()
    {
        await using var host = await AcmeSandboxHost.StartAsync();
        using var api = host.ApiClient(host.State.IssueTokens().AccessToken);

        var me = await AcmeSandboxHost.ReadJsonAsync(await api.GetAsync("me", Ct));

        me.GetProperty("email").GetString().ShouldBe("demo@acme.example");
        me.GetProperty("company_name").GetString().ShouldBe("Acme Demo Inc.");
        me.GetProperty("id").GetString().ShouldBe("acct_demo");
    }

    [Fact]
    public async Task Contacts_SeededWithFixedSeed_AreTheSameInEveryInstance()
    {
        await using var first = await AcmeSandboxHost.StartAsync();
        await using var second = await AcmeSandboxHost.StartAsync();
        using var api1 = first.ApiClient(first.State.IssueTokens().AccessToken);
        using var api2 = second.ApiClient(second.State.IssueTokens().AccessToken);

        var page1 = await (await api1.GetAsync("contacts?limit=100", Ct)).Content.ReadAsStringAsync(Ct);
        var page2 = await (await api2.GetAsync("contacts?limit=100", Ct)).Content.ReadAsStringAsync(Ct);

        page1.ShouldBe(page2);
        var contact = JsonDocument.Parse(page1).RootElement.GetProperty("data")[0];
        foreach (var field in new[] { "id", "email", "given_name", "family_name", "full_name", "company", "phone", "tags", "created_at", "updated_at" })
        {
            contact.TryGetProperty(field, out _).ShouldBeTrue(field);
        }

        contact.GetProperty("created_at").GetString().ShouldEndWith("Z");
        first.State.Contacts.Count.ShouldBe(50);
    }

    [Fact]
    public async Task Contacts_CreateGetPatchDelete_RoundTrips()
    {
        await using var host = await AcmeSandboxHost.StartAsync();
        using var api = host.ApiClient(host.State.IssueTokens().AccessToken);

        var created = await api.PostAsJsonAsync("contacts", new
        {
            email = "ada@example.com", given_name = "Ada", family_name = "Lovelace", company = "Analytical Engines", tags = new[] { "vip" },
        }, Ct);
        created.StatusCode.ShouldBe(HttpStatusCode.Created);
        var contact = await AcmeSandboxHost.ReadJsonAsync(created);
        var id = contact.GetProperty("id").GetString()!;
        id.ShouldStartWith("ct_");
        contact.GetProperty("full_name").GetString().ShouldBe("Ada Lovelace");
        contact.GetProperty("created_at").GetString().ShouldBe("2026-01-01T09:00:00.000Z");

        host.Time.Advance(TimeSpan.FromMinutes(5));
        var patched = await api.PatchAsJsonAsync($"contacts/{id}", new { family_name = "King", phone = "+44 20 0000 0000" }, Ct);
        patched.StatusCode.ShouldBe(HttpStatusCode.OK);
        var after = await AcmeSandboxHost.ReadJsonAsync(patched);
        after.GetProperty("full_name").GetString().ShouldBe("Ada King");
        after.GetProperty("company").GetString().ShouldBe("Analytical Engines");
        after.GetProperty("updated_at").GetString().ShouldBe("2026-01-01T09:05:00.000Z");

        var fetched = await AcmeSandboxHost.ReadJsonAsync(await api.GetAsync($"contacts/{id}", Ct));
        fetched.GetProperty("phone").GetString().ShouldBe("+44 20 0000 0000");

        (await api.DeleteAsync($"contacts/{id}", Ct)).StatusCode.ShouldBe(HttpStatusCode.NoContent);
        var gone = await api.GetAsync($"contacts/{id}", Ct);
        gone.StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await AcmeSandboxHost.ReadJsonAsync(gone)).GetProperty("error").GetString().ShouldBe("not_found");
    }

    [Fact]
    public async Task Contacts_CreateWithInvalidFields_Returns422WithFieldErrors()
    {
        await using var host = await AcmeSandboxHost.StartAsync();
        using var api = host.ApiClient(host.State.IssueTokens().AccessToken);

        var response = await api.PostAsJsonAsync("contacts", new { email = "not-an-email", tags = "vip" }, Ct);

        response.StatusCode.ShouldBe(HttpStatusCode.UnprocessableEntity);
        var body = await AcmeSandboxHost.ReadJsonAsync(response);
        body.GetProperty("error").GetString().ShouldBe("validation_failed");
        body.GetProperty("fields").GetProperty("email").GetString().ShouldNotBeNullOrEmpty();
        body.GetProperty("fields").GetProperty("tags").GetString().ShouldNotBeNullOrEmpty();
    }

    [Fact]
    public async Task Contacts_ListUpdatedSince_ReturnsOnlyLaterChanges()
    {
        await using var host = await AcmeSandboxHost.StartAsync();
        using var api = host.ApiClient(host.State.IssueTokens().AccessToken);
        var firstId = (await AcmeSandboxHost.ReadJsonAsync(await api.GetAsync("contacts?limit=1", Ct))).GetProperty("data")[0].GetProperty("id").GetString()!;
        var since = host.Time.GetUtcNow();

        host.Time.Advance(TimeSpan.FromSeconds(1));
        (await api.PatchAsJsonAsync($"contacts/{firstId}", new { tags = new[] { "customer" } }, Ct)).EnsureSuccessStatusCode();
        var createdId = (await AcmeSandboxHost.ReadJsonAsync(await api.PostAsJsonAsync("contacts", new { email = "new@example.com" }, Ct)))
            .GetProperty("id").GetString();
        var changed = await AcmeSandboxHost.ReadJsonAsync(
            await api.GetAsync($"contacts?limit=1&updated_since={Uri.EscapeDataString(since.ToString("O"))}", Ct));
        var nextPage = await AcmeSandboxHost.ReadJsonAsync(
            await api.GetAsync($"contacts?limit=1&cursor={changed.GetProperty("next_cursor").GetString()}", Ct));

        changed.GetProperty("data")[0].GetProperty("id").GetString().ShouldBe(firstId);
        nextPage.GetProperty("data")[0].GetProperty("id").GetString().ShouldBe(createdId);
        nextPage.GetProperty("next_cursor").ValueKind.ShouldBe(JsonValueKind.Null);
    }

    [Theory]
    [InlineData("contacts?limit=0", "limit")]
    [InlineData("contacts?limit=abc", "limit")]
    [InlineData("contacts?cursor=garbage!", "cursor")]
    [InlineData("contacts?updated_since=yesterday", "updated_since")]
    public async Task Contacts_ListWithBadQuery_Returns422(string url, string field)
    {
        await using var host = await AcmeSandboxHost.StartAsync();
        using var api = host.ApiClient(host.State.IssueTokens().AccessToken);

        var response = await api.GetAsync(url, Ct);

        response.StatusCode.ShouldBe(HttpStatusCode.UnprocessableEntity);
        (await AcmeSandboxHost.ReadJsonAsync(response)).GetProperty("fields").TryGetProperty(field, out _).ShouldBeTrue();
    }

    [Fact]
    public async Task Contacts_WriteWithReadOnlyToken_Returns403InsufficientScope()
    {
        await using var host = await AcmeSandboxHost.StartAsync();
        using var api = host.ApiClient(host.State.IssueTokens([AcmeScopes.ContactsRead]).AccessToken);

        var response = await api.PostAsJsonAsync("contacts", new { email = "x@example.com" }, Ct);

        response.StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        response.Headers.WwwAuthenticate.ToString().ShouldContain("insufficient_scope");
    }

    [Fact]
    public async Task Api_MoreRequestsThanThePerTokenLimit_Returns429WithRetryAfter()
    {
        await using var host = await AcmeSandboxHost.StartAsync(o =>
        {
            o.RateLimitPermits = 3;
            o.RateLimitWindow = TimeSpan.FromSeconds(10);
        });
        using var api = host.ApiClient(host.State.IssueTokens().AccessToken);
        for (var i = 0; i < 3; i++)
        {
            (await api.GetAsync("me", Ct)).StatusCode.ShouldBe(HttpStatusCode.OK);
        }

        host.Time.Advance(TimeSpan.FromSeconds(4));
        var limited = await api.GetAsync("me", Ct);

        limited.StatusCode.ShouldBe(HttpStatusCode.TooManyRequests);
        limited.Headers.RetryAfter!.Delta.ShouldBe(TimeSpan.FromSeconds(6));
        (await AcmeSandboxHost.ReadJsonAsync(limited)).GetProperty("error").GetString().ShouldBe("rate_limited");
        using var otherToken = host.ApiClient(host.State.IssueTokens().AccessToken);
        (await otherToken.GetAsync("me", Ct)).StatusCode.ShouldBe(HttpStatusCode.OK);
        host.Time.Advance(TimeSpan.FromSeconds(6));
        (await api.GetAsync("me", Ct)).StatusCode.ShouldBe(HttpStatusCode.OK);
    }

    [Fact]
    public async Task FailNext_TwoFaults_FailsTwoRequestsThenRecovers()
    {
        await using var host = await AcmeSandboxHost.StartAsync();
        using var api = host.ApiClient(host.State.IssueTokens().AccessToken);
        host.State.Faults.FailNext(2, 503, retryAfter: TimeSpan.FromSeconds(2));

        var first = await api.GetAsync("me", Ct);
        var second = await api.GetAsync("contacts", Ct);
        var third = await api.GetAsync("me", Ct);

        first.StatusCode.ShouldBe(HttpStatusCode.ServiceUnavailable);
        first.Headers.RetryAfter!.Delta.ShouldBe(TimeSpan.FromSeconds(2));
        second.StatusCode.ShouldBe(HttpStatusCode.ServiceUnavailable);
        third.StatusCode.ShouldBe(HttpStatusCode.OK);
    }

    [Fact]
    public async Task ControlEndpoint_InjectTokenFault_FailsNextRefreshAndIsCounted()
    {
        await using var host = await AcmeSandboxHost.StartAsync();
        var tokens = host.State.IssueTokens();
        var inject = await host.Http.PostAsJsonAsync("_sandbox/faults", new { count = 1, status = 500, target = "token" }, Ct);
        inject.StatusCode.ShouldBe(HttpStatusCode.OK);

        var failed = await AcmeOAuthScript.RefreshAsync(host.Http, tokens.RefreshToken!);
        var succeeded = await AcmeOAuthScript.RefreshAsync(host.Http, tokens.RefreshToken!);

        failed.StatusCode.ShouldBe(HttpStatusCode.InternalServerError);
        succeeded.StatusCode.ShouldBe(HttpStatusCode.OK);
        var state = await AcmeSandboxHost.ReadJsonAsync(await host.Http.GetAsync("_sandbox/state", Ct));
        state.GetProperty("refresh_requests").GetInt32().ShouldBe(2);
        state.GetProperty("successful_refreshes").GetInt32().ShouldBe(1);
    }

    [Fact]
    public async Task DelayNext_OneDelay_HoldsTheResponseUntilTheClockMoves()
    {
        await using var host = await AcmeSandboxHost.StartAsync();
        using var api = host.ApiClient(host.State.IssueTokens().AccessToken);
        host.State.Faults.DelayNext(1, TimeSpan.FromSeconds(30));

        var pending = api.GetAsync("me", Ct);
        var deadline = DateTime.UtcNow.AddSeconds(10);
        while (host.State.Faults.Pending(AcmeFaultTarget.Api) > 0 && DateTime.UtcNow < deadline)
        {
            await Task.Delay(10, Ct);
        }

        pending.IsCompleted.ShouldBeFalse();
        // The delay may register on the fake clock just after the fault is taken: advance until it fires.
        while (!pending.IsCompleted && DateTime.UtcNow < deadline)
        {
            host.Time.Advance(TimeSpan.FromSeconds(30));
            await Task.WhenAny(pending, Task.Delay(50, Ct));
        }

        (await pending).StatusCode.ShouldBe(HttpStatusCode.OK);
    }
}
