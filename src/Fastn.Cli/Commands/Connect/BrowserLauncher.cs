using System.ComponentModel;
using System.Diagnostics;
using Fastn.Cli.Commands.Config;

namespace Fastn.Cli.Commands.Connect;

/// <summary>Opens a URL in the user's browser, but only where there is one: never in CI or on a Linux box without a display.</summary>
internal static class BrowserLauncher
{
    public static bool CanOpen() =>
        CliEnvironment.Get("CI") is null
        && (!OperatingSystem.IsLinux() || CliEnvironment.Get("DISPLAY") is not null || CliEnvironment.Get("WAYLAND_DISPLAY") is not null);

    /// <summary>Tries to open <paramref name="url"/>; false when there is no browser or it could not be started.</summary>
    public static bool TryOpen(string url)
    {
        if (!CanOpen())
        {
            return false;
        }

        var start = OperatingSystem.IsWindows() ? new ProcessStartInfo(url) { UseShellExecute = true }
            : OperatingSystem.IsMacOS() ? new ProcessStartInfo("open", [url])
            : new ProcessStartInfo("xdg-open", [url]);
        start.RedirectStandardOutput = !start.UseShellExecute;
        start.RedirectStandardError = !start.UseShellExecute;
        try
        {
            using var process = Process.Start(start);
            return process is not null;
        }
        catch (Win32Exception)
        {
            return false;
        }
    }
}
