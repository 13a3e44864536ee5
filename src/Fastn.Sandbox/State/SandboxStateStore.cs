using System.Security.Cryptography;
using System.Text.Json;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Fastn.Sandbox.State;

/// <summary>
/// Keeps each sandbox app's state that must outlive a restart (issued tokens, so connections stay active) in one
/// owner-only JSON file per app under <see cref="SandboxOptions.StateDirectory"/>, encrypted with ASP.NET Core Data Protection
/// when the host has it (the server does), so no token is readable in the data directory. With no directory, state lives in memory only.
/// </summary>
public sealed partial class SandboxStateStore(IOptions<SandboxOptions> options, ILogger<SandboxStateStore> logger, IDataProtectionProvider? dataProtection = null)
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);
    private readonly string? _directory = string.IsNullOrWhiteSpace(options.Value.StateDirectory) ? null : options.Value.StateDirectory;
    private readonly IDataProtector? _protector = dataProtection?.CreateProtector("Fastn.Sandbox.State");
    private readonly Lock _lock = new();

    /// <summary>Whether state is written to disk.</summary>
    public bool IsPersistent => _directory is not null;

    /// <summary>The app's saved state, or null when there is none, it is unreadable (logged, then ignored) or state is not persisted.</summary>
    public T? Load<T>(string appName)
        where T : class
    {
        if (_directory is null)
        {
            return null;
        }

        var path = PathOf(appName);
        try
        {
            var bytes = File.ReadAllBytes(path);
            return JsonSerializer.Deserialize<T>(_protector is null ? bytes : _protector.Unprotect(bytes), Json);
        }
        catch (FileNotFoundException)
        {
            return null;
        }
        catch (DirectoryNotFoundException)
        {
            return null;
        }
        catch (Exception e) when (e is JsonException or CryptographicException or IOException or UnauthorizedAccessException or NotSupportedException)
        {
            // A corrupt file must not keep the server from starting: the app starts fresh, connections re-authorize.
            LogUnreadable(logger, appName, path, e.GetType().Name);
            return null;
        }
    }

    /// <summary>Replaces the app's saved state atomically (temporary file, then rename); a no-op when state is not persisted.</summary>
    public void Save<T>(string appName, T state)
        where T : class
    {
        if (_directory is null)
        {
            return;
        }

        var path = PathOf(appName);
        var temporary = path + ".tmp";
        lock (_lock)
        {
            try
            {
                CreateDirectory(_directory);
                var fileOptions = new FileStreamOptions { Mode = FileMode.Create, Access = FileAccess.Write };
                if (!OperatingSystem.IsWindows())
                {
                    // The file holds live tokens: owner-only from its creation.
                    fileOptions.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
                }

                var bytes = JsonSerializer.SerializeToUtf8Bytes(state, Json);
                using (var stream = new FileStream(temporary, fileOptions))
                {
                    stream.Write(_protector is null ? bytes : _protector.Protect(bytes));
                    stream.Flush(flushToDisk: true);
                }

                if (!OperatingSystem.IsWindows())
                {
                    // UnixCreateMode does not apply when the temporary file was left over from an earlier run.
                    File.SetUnixFileMode(temporary, UnixFileMode.UserRead | UnixFileMode.UserWrite);
                }

                File.Move(temporary, path, overwrite: true);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException or CryptographicException)
            {
                // The app keeps working from memory; only survival across a restart is lost.
                LogUnwritable(logger, appName, path, e.GetType().Name);
            }
        }
    }

    private string PathOf(string appName) => Path.Combine(_directory!, appName + ".json");

    private static void CreateDirectory(string directory)
    {
        if (OperatingSystem.IsWindows())
        {
            Directory.CreateDirectory(directory);
        }
        else
        {
            Directory.CreateDirectory(directory, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Sandbox app {App}: saved state at {Path} is unreadable ({Error}); starting fresh")]
    private static partial void LogUnreadable(ILogger logger, string app, string path, string error);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Sandbox app {App}: could not save state to {Path} ({Error}); it will not survive a restart")]
    private static partial void LogUnwritable(ILogger logger, string app, string path, string error);
}
