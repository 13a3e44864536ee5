using System.Net;
using Fastn.Samples.Acme;
using Fastn.Server.Tests.Infrastructure;

namespace Fastn.Server.Tests.PlatformCore;

public sealed class SandboxRestartTests
{
    [Fact]
    public async Task ExecuteAction_AfterRestartOnSameDataDirectory_SandboxConnectionStillWorks()
    {
        var dataDirectory = Path.Combine(Path.GetTempPath(), "fastn-server-tests", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(dataDirectory);
        try
        {
            string tenant;
            string id;
            string adminKey;
            await using (var first = await FastnTestServer.StartAsync(new FastnTestServerOptions { DataDirectory = dataDirectory }))
            {
                tenant = Scenarios.NewTenant();
                id = await AcmeBrowser.ConnectAsync(first, tenant);
                adminKey = first.AdminKey;
            }

            await using var second = await FastnTestServer.StartAsync(new FastnTestServerOptions { DataDirectory = dataDirectory, AdminKey = adminKey });
            using var action = await second.SendAsync(HttpMethod.Post, $"api/v1/connections/{id}/actions/list_contacts", tenant, new { limit = 2 });

            action.StatusCode.ShouldBe(HttpStatusCode.OK, await action.Content.ReadAsStringAsync(TestContext.Current.CancellationToken));
            second.Get<AcmeState>().RefreshRequestCount.ShouldBe(0);
            (await Scenarios.GetConnectionAsync(second, tenant, id)).GetProperty("status").GetString().ShouldBe("Active");
            if (!OperatingSystem.IsWindows())
            {
                // The file holds live tokens.
                File.GetUnixFileMode(Path.Combine(dataDirectory, "sandbox", AcmeSandboxApp.AppName + ".json")).ShouldBe(UnixFileMode.UserRead | UnixFileMode.UserWrite);
            }
        }
        finally
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            Directory.Delete(dataDirectory, recursive: true);
        }
    }

    [Fact]
    public async Task Start_CorruptSandboxStateFile_StartsFreshWithWarning()
    {
        var dataDirectory = Path.Combine(Path.GetTempPath(), "fastn-server-tests", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(Path.Combine(dataDirectory, "sandbox"));
        await File.WriteAllTextAsync(Path.Combine(dataDirectory, "sandbox", AcmeSandboxApp.AppName + ".json"), "{ not json", TestContext.Current.CancellationToken);
        try
        {
            await using var server = await FastnTestServer.StartAsync(new FastnTestServerOptions { DataDirectory = dataDirectory });
            var tenant = Scenarios.NewTenant();

            var id = await AcmeBrowser.ConnectAsync(server, tenant);

            (await Scenarios.GetConnectionAsync(server, tenant, id)).GetProperty("status").GetString().ShouldBe("Active");
            server.Logs.Lines.ShouldContain(l => l.Contains("Sandbox app acme", StringComparison.Ordinal) && l.Contains("unreadable", StringComparison.Ordinal));
        }
        finally
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            Directory.Delete(dataDirectory, recursive: true);
        }
    }
}
