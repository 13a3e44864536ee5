using Fastn.Storage;
using Fastn.Storage.ApiKeys;
using Fastn.Storage.Workspaces;

namespace Fastn.Server.Hosting;

/// <summary>
/// First start: creates the default workspace and its admin API key — <c>FASTN_ADMIN_API_KEY</c> when set,
/// otherwise a generated key printed once and written to <c>data/admin-api-key</c> (owner-only).
/// </summary>
public sealed class AdminKeyBootstrapper(IServiceScopeFactory scopes, IConfiguration configuration, IHostEnvironment environment, ILogger<AdminKeyBootstrapper> logger)
{
    /// <summary>The default workspace id.</summary>
    public const string DefaultWorkspaceId = "default";

    /// <summary>Ensures the default workspace and admin key exist.</summary>
    public async Task RunAsync(CancellationToken cancellationToken)
    {
        using var scope = scopes.CreateSystemScope("creates the default workspace and its first admin key");
        var workspaces = scope.ServiceProvider.GetRequiredService<WorkspaceStore>();
        var keys = scope.ServiceProvider.GetRequiredService<ApiKeyStore>();
        var configured = configuration["Fastn:Bootstrap:AdminApiKey"] ?? configuration["FASTN_ADMIN_API_KEY"];
        if (configured is not null && !configured.StartsWith(ApiKeyStore.KeyPrefix, StringComparison.Ordinal))
        {
            throw new InvalidOperationException($"FASTN_ADMIN_API_KEY must start with '{ApiKeyStore.KeyPrefix}' and be at least 24 characters.");
        }

        if (await workspaces.GetWorkspaceAsync(DefaultWorkspaceId, cancellationToken) is null)
        {
            await workspaces.CreateWorkspaceAsync("Default workspace", id: DefaultWorkspaceId, cancellationToken: cancellationToken);
            var created = await keys.CreateAsync(DefaultWorkspaceId, "admin", ApiKeyRole.Admin, plaintextKey: configured, cancellationToken: cancellationToken);
            if (configured is null)
            {
                var file = WriteKeyFile(created.PlaintextKey);
                // Shown once on purpose, and only to a person at a terminal: this is how a newcomer gets in. Redirected
                // output (a service log, CI) gets the file's path instead, never the key. It is never logged.
                Console.WriteLine();
                if (Console.IsOutputRedirected)
                {
                    Console.WriteLine($"  Fastn admin API key saved to {file} (readable by this user only).");
                }
                else
                {
                    Console.WriteLine($"  Fastn admin API key (shown once, also saved to {file}):");
                    Console.WriteLine($"  {created.PlaintextKey}");
                }

                var dashboard = (configuration["Fastn:PublicBaseUrl"] ?? "http://localhost:5173").TrimEnd('/') + "/";
                Console.WriteLine($"  Sign in to the dashboard at {dashboard} with this key; API calls send it as 'Authorization: Bearer <key>'.");

                Console.WriteLine();
            }
            else
            {
                logger.LogInformation("Default workspace created with the admin key from FASTN_ADMIN_API_KEY; sign in to the dashboard at {Dashboard} with it",
                    (configuration["Fastn:PublicBaseUrl"] ?? "http://localhost:5173").TrimEnd('/') + "/");
            }
        }
        else if (configured is not null && await keys.FindAsync(configured, cancellationToken) is null)
        {
            await keys.CreateAsync(DefaultWorkspaceId, "admin (FASTN_ADMIN_API_KEY)", ApiKeyRole.Admin, plaintextKey: configured, cancellationToken: cancellationToken);
        }
    }

    private string WriteKeyFile(string key)
    {
        var directory = Path.Combine(environment.ContentRootPath, configuration["Fastn:Storage:DataDirectory"] ?? "data");
        Directory.CreateDirectory(directory);
        var path = Path.Combine(directory, "admin-api-key");
        var options = new FileStreamOptions { Mode = FileMode.Create, Access = FileAccess.Write };
        if (!OperatingSystem.IsWindows())
        {
            options.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
        }

        using var writer = new StreamWriter(new FileStream(path, options));
        writer.WriteLine(key);
        return path;
    }
}
