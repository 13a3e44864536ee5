using Fastn.Storage;
using Fastn.Storage.ApiKeys;
using Fastn.Storage.Workspaces;

namespace Fastn.Server.Hosting;

/// <summary>
/// <c>Fastn.Server admin create-key [--data &lt;dir&gt;] [--workspace &lt;id&gt;] [--name &lt;name&gt;]</c>: mints an admin
/// API key straight into the store, without a running server or an existing key. This is the operator's way back in
/// when every admin key is lost. It reads the same configuration as the server (so <c>ConnectionStrings:Fastn</c>
/// selects PostgreSQL), applies pending migrations, and prints only the new key on standard output.
/// </summary>
public static class AdminCommand
{
    /// <summary>The usage text.</summary>
    public const string Usage = "usage: Fastn.Server admin create-key [--data <dir>] [--workspace <id>] [--name <name>] [other server settings]";

    /// <summary>Whether <paramref name="args"/> ask for an admin command rather than the server.</summary>
    public static bool Matches(string[] args) => args is ["admin", ..];

    /// <summary>Runs the command; returns the process exit code (0 done, 2 usage or input error).</summary>
    public static async Task<int> RunAsync(string[] args, TextWriter output, TextWriter error, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(args);
        ArgumentNullException.ThrowIfNull(output);
        ArgumentNullException.ThrowIfNull(error);
        if (args is not ["admin", "create-key", .. var rest])
        {
            await error.WriteLineAsync(Usage);
            return 2;
        }

        var workspace = AdminKeyBootstrapper.DefaultWorkspaceId;
        var name = "admin (created offline)";
        var settings = new List<string>();
        for (var i = 0; i < rest.Length; i++)
        {
            var option = rest[i];
            if (option is "--data" or "--workspace" or "--name")
            {
                if (i + 1 >= rest.Length)
                {
                    await error.WriteLineAsync($"'{option}' needs a value. {Usage}");
                    return 2;
                }

                var value = rest[++i];
                switch (option)
                {
                    case "--data":
                        settings.Add($"--Fastn:Storage:DataDirectory={value}");
                        break;
                    case "--workspace":
                        workspace = value;
                        break;
                    default:
                        name = value;
                        break;
                }
            }
            else
            {
                settings.Add(option);
            }
        }

        if (ApiKeyName.Validate(name) is { } nameError)
        {
            await error.WriteLineAsync($"The key name {nameError}.");
            return 2;
        }

        // Logs go to standard error, so standard output carries nothing but the key.
        await using var app = FastnServer.Build([.. settings], b =>
            b.Logging.AddConsole(o => o.LogToStandardErrorThreshold = LogLevel.Trace));
        await app.Services.GetRequiredService<IStorageInitializer>().InitializeAsync(cancellationToken);
        await using var scope = app.Services.GetRequiredService<IServiceScopeFactory>()
            .CreateAsyncSystemScope("the operator mints an admin key offline");
        if (await scope.ServiceProvider.GetRequiredService<WorkspaceStore>().GetWorkspaceAsync(workspace, cancellationToken) is null)
        {
            await error.WriteLineAsync($"There is no workspace '{workspace}' in this store. Start the server once to create the default workspace, or pass --workspace with an existing id.");
            return 2;
        }

        var created = await scope.ServiceProvider.GetRequiredService<ApiKeyStore>()
            .CreateAsync(workspace, name, ApiKeyRole.Admin, cancellationToken: cancellationToken);
        await error.WriteLineAsync($"Created admin key {created.Key.Prefix}… ('{name}') for workspace '{workspace}'. It is shown once:");
        await output.WriteLineAsync(created.PlaintextKey);
        return 0;
    }
}
