using System.Net;
using System.Text;
using Fastn.Server.Tests.Infrastructure;

namespace Fastn.Server.Tests.PlatformCore;

/// <summary>DESIGN §6: no secret in the database files, the logs, or any API answer.</summary>
[Collection(ServerCollection.Name)]
public sealed class SecretsAtRestTests(ServerFixture fixture)
{
    private FastnTestServer Server => fixture.Server;

    [Fact]
    public async Task Secrets_AfterConnectingRefreshingAndRegistering_NeverInDatabaseFilesLogsOrApi()
    {
        var tenant = Scenarios.NewTenant();
        var secrets = new List<string> { Server.AdminKey, "acme-local-secret" };

        // An Acme OAuth connection, used, then refreshed (so first and second generation tokens were both stored).
        var acmeId = await AcmeBrowser.ConnectAsync(Server, tenant);
        var first = await Scenarios.StoredSecretsAsync(Server, acmeId);
        await CallAsync(tenant, acmeId, "list_contacts", new { limit = 3 });
        await Scenarios.RevokeAtAcmeAsync(Server, first["access_token"]);
        await CallAsync(tenant, acmeId, "list_contacts", new { limit = 3 });
        var second = await Scenarios.StoredSecretsAsync(Server, acmeId);
        second["access_token"].ShouldNotBe(first["access_token"]);
        secrets.AddRange([first["access_token"], first["refresh_token"], second["access_token"], second["refresh_token"]]);

        // An API-key connection whose key travels in the app's query string, used once.
        var apiKey = "sk_live_" + Guid.NewGuid().ToString("N");
        secrets.Add(apiKey);
        var stubId = await Scenarios.ConnectStubAsync(Server, tenant, StubConnectors.Query, apiKey);
        await CallAsync(tenant, stubId, "echo", new { });
        fixture.Stub.Requests.ShouldContain(r => r.QueryApiKey == apiKey);

        // OAuth app secrets registered through the API, and an API key created through it.
        var appSecret = "oauth_app_secret_" + Guid.NewGuid().ToString("N");
        secrets.Add(appSecret);
        await PutOAuthAppAsync(StubConnectors.Header, "stub-client", appSecret);
        await PutOAuthAppAsync("acme-crm", "fastn-local", "acme-local-secret");
        using (var created = await Server.SendAsync(HttpMethod.Post, "api/v1/api-keys", json: new { name = "ci" }))
        {
            secrets.Add((await created.ReadJsonAsync(HttpStatusCode.Created)).GetProperty("key").GetString()!);
        }

        // Nothing the API returns about them carries a secret.
        var answers = new StringBuilder();
        foreach (var path in new[]
        {
            $"api/v1/connections/{acmeId}", $"api/v1/connections/{stubId}", "api/v1/connections",
            $"api/v1/connections/{acmeId}/calls", $"api/v1/connections/{stubId}/calls", "api/v1/oauth-apps", "api/v1/api-keys",
        })
        {
            using var response = await Server.SendAsync(HttpMethod.Get, path, tenant);
            response.StatusCode.ShouldBe(HttpStatusCode.OK, path);
            answers.AppendLine(await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken));
        }

        var api = answers.ToString();
        api.ShouldContain(acmeId);
        var files = Directory.EnumerateFiles(Server.DataDirectory, "*", SearchOption.AllDirectories)
            .Where(f => Path.GetFileName(f) != "master.key")
            .ToDictionary(f => Path.GetFileName(f), ReadShared);
        files.Keys.ShouldContain("fastn.db");
        files.Keys.ShouldContain("fastn.db-wal");
        files.Keys.ShouldContain("fastn.db-shm");
        // The probe works: plain, non-secret data written in the same tables is found in the files.
        files.Values.ShouldContain(bytes => Contains(bytes, acmeId));
        var logs = Server.Logs.AllText;
        logs.ShouldContain(acmeId);

        foreach (var secret in secrets)
        {
            foreach (var (name, bytes) in files)
            {
                Contains(bytes, secret).ShouldBeFalse($"a secret ({Describe(secret)}) is in clear in {name}");
            }

            logs.ShouldNotContain(secret, customMessage: $"a secret ({Describe(secret)}) was logged");
            api.ShouldNotContain(secret, customMessage: $"a secret ({Describe(secret)}) is in an API answer");
        }
    }

    private async Task CallAsync(string tenant, string id, string action, object input)
    {
        using var response = await Server.SendAsync(HttpMethod.Post, $"api/v1/connections/{id}/actions/{action}", tenant, input);
        response.StatusCode.ShouldBe(HttpStatusCode.OK, await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken));
    }

    private async Task PutOAuthAppAsync(string connector, string clientId, string clientSecret)
    {
        using var response = await Server.SendAsync(HttpMethod.Put, $"api/v1/oauth-apps/{connector}", json: new { clientId, clientSecret });
        (await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken)).ShouldNotContain(clientSecret);
        response.StatusCode.ShouldBe(HttpStatusCode.OK);
    }

    private static byte[] ReadShared(string path)
    {
        using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
        using var copy = new MemoryStream();
        stream.CopyTo(copy);
        return copy.ToArray();
    }

    private static bool Contains(byte[] haystack, string needle) =>
        haystack.AsSpan().IndexOf(Encoding.UTF8.GetBytes(needle)) >= 0 || haystack.AsSpan().IndexOf(Encoding.Unicode.GetBytes(needle)) >= 0;

    private static string Describe(string secret) => secret[..Math.Min(6, secret.Length)] + "…";
}
