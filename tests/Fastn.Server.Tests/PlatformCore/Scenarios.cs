using System.Net;
using System.Text.Json;
using Fastn.Engine.Vault;
using Fastn.Samples.Acme;
using Fastn.Server.Tests.Infrastructure;
using Fastn.Storage.Connections;
using Microsoft.Extensions.DependencyInjection;

namespace Fastn.Server.Tests.PlatformCore;

/// <summary>Steps several tests share.</summary>
public static class Scenarios
{
    public static string NewTenant() => "t-" + Guid.NewGuid().ToString("N")[..12];

    /// <summary>
    /// The newcomer path: the admin key works, Acme is connected through its real login and consent pages, the
    /// connection is Active, list_contacts returns Acme's contacts, and the call log shows the call.
    /// </summary>
    public static async Task NewcomerPathAsync(FastnTestServer server)
    {
        var tenant = NewTenant();
        using (var connectors = await server.SendAsync(HttpMethod.Get, "api/v1/connectors"))
        {
            var list = await connectors.ReadJsonAsync();
            list.EnumerateArray().Select(c => c.GetProperty("name").GetString()).ShouldContain("acme-crm");
        }

        var id = await AcmeBrowser.ConnectAsync(server, tenant);

        using (var get = await server.SendAsync(HttpMethod.Get, $"api/v1/connections/{id}", tenant))
        {
            var connection = await get.ReadJsonAsync();
            connection.GetProperty("id").GetString().ShouldBe(id);
            connection.GetProperty("tenantId").GetString().ShouldBe(tenant);
            connection.GetProperty("connector").GetString().ShouldBe("acme-crm");
            connection.GetProperty("status").GetString().ShouldBe("Active");
        }

        string callId;
        using (var action = await server.SendAsync(HttpMethod.Post, $"api/v1/connections/{id}/actions/list_contacts", tenant, new { limit = 5 }))
        {
            var page = await action.ReadJsonAsync();
            callId = action.Headers.GetValues("x-fastn-call-id").Single();
            var data = page.GetProperty("data").EnumerateArray().ToList();
            data.Count.ShouldBe(5);
            var expected = server.Get<AcmeState>().Contacts.List(5).Data;
            data.Select(c => c.GetProperty("id").GetString()).ShouldBe(expected.Select(c => c.Id));
            data[0].GetProperty("given_name").GetString().ShouldBe(expected[0].GivenName);
            data[0].GetProperty("email").GetString().ShouldBe(expected[0].Email);
            page.GetProperty("next_cursor").GetString().ShouldNotBeNullOrEmpty();
        }

        using var calls = await server.SendAsync(HttpMethod.Get, $"api/v1/connections/{id}/calls", tenant);
        var log = await calls.ReadJsonAsync();
        var call = log.GetProperty("items").EnumerateArray().ShouldHaveSingleItem();
        call.GetProperty("id").GetString().ShouldBe(callId);
        call.GetProperty("action").GetString().ShouldBe("list_contacts");
        call.GetProperty("status").GetString().ShouldBe("Succeeded");
        call.GetProperty("input").GetProperty("limit").GetInt32().ShouldBe(5);
        call.GetProperty("output").GetProperty("data").GetArrayLength().ShouldBe(5);
    }

    /// <summary>The connection's secrets as Fastn stores them (decrypted with the server's own vault).</summary>
    public static Task<Dictionary<string, string>> StoredSecretsAsync(FastnTestServer server, string connectionId) =>
        server.InScopeAsync(async sp =>
        {
            var credential = await sp.GetRequiredService<ConnectionStore>().GetCredentialAsync(connectionId, TestContext.Current.CancellationToken);
            return sp.GetRequiredService<CredentialVault>().Unprotect(credential.ShouldNotBeNull().Protected);
        });

    /// <summary>Revokes a token at Acme (RFC 7009) as the Fastn client; a refresh token takes its whole grant with it.</summary>
    public static async Task RevokeAtAcmeAsync(FastnTestServer server, string token)
    {
        using var response = await server.Http.PostAsync("sandbox/acme/oauth/revoke", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["token"] = token,
            ["client_id"] = "fastn-local",
            ["client_secret"] = "acme-local-secret",
        }), TestContext.Current.CancellationToken);
        response.StatusCode.ShouldBe(HttpStatusCode.OK);
    }

    /// <summary>Whether Acme's API accepts an access token (GET /me).</summary>
    public static async Task<HttpStatusCode> AcmeAnswersAsync(FastnTestServer server, string accessToken)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "sandbox/acme/api/v1/me");
        request.Headers.Authorization = new("Bearer", accessToken);
        using var response = await server.Http.SendAsync(request, TestContext.Current.CancellationToken);
        return response.StatusCode;
    }

    public static async Task<JsonElement> GetConnectionAsync(FastnTestServer server, string tenant, string id)
    {
        using var response = await server.SendAsync(HttpMethod.Get, $"api/v1/connections/{id}", tenant);
        return await response.ReadJsonAsync();
    }

    public static async Task<int> CallCountAsync(FastnTestServer server, string tenant, string id)
    {
        using var response = await server.SendAsync(HttpMethod.Get, $"api/v1/connections/{id}/calls?limit=200", tenant);
        return (await response.ReadJsonAsync()).GetProperty("items").GetArrayLength();
    }

    public static async Task<List<string>> ConnectionIdsAsync(FastnTestServer server, string tenant)
    {
        using var response = await server.SendAsync(HttpMethod.Get, "api/v1/connections", tenant);
        return [.. (await response.ReadJsonAsync()).EnumerateArray().Select(c => c.GetProperty("id").GetString()!)];
    }

    /// <summary>Creates an API-key connection to the stub app.</summary>
    public static async Task<string> ConnectStubAsync(FastnTestServer server, string tenant, string connector, string apiKey)
    {
        using var response = await server.SendAsync(HttpMethod.Post, "api/v1/connections", tenant, new { connector, credentials = new Dictionary<string, string> { ["api_key"] = apiKey } });
        return (await response.ReadJsonAsync(HttpStatusCode.Created)).GetProperty("id").GetString()!;
    }
}
