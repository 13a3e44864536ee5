namespace Fastn.Server.Hosting;

/// <summary>The embedded Orleans silo's settings (<c>Fastn:Cluster</c> section): ports, so several servers can run on one machine.</summary>
internal sealed class FastnClusterOptions
{
    public const string Section = "Fastn:Cluster";

    /// <summary>The silo-to-silo port; <c>0</c> picks a free port.</summary>
    public int SiloPort { get; set; } = 11111;

    /// <summary>The port Orleans clients connect to; <c>0</c> picks a free port.</summary>
    public int GatewayPort { get; set; } = 30000;

    /// <summary>The Orleans cluster id.</summary>
    public string ClusterId { get; set; } = "fastn-local";

    /// <summary>Reads the section, with a clear error for a port that cannot be one.</summary>
    /// <exception cref="InvalidOperationException">A port is outside 0–65535, or both are the same port.</exception>
    public static FastnClusterOptions From(IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        var section = configuration.GetSection(Section);
        var options = new FastnClusterOptions
        {
            SiloPort = Port(section, nameof(SiloPort), 11111),
            GatewayPort = Port(section, nameof(GatewayPort), 30000),
            ClusterId = string.IsNullOrWhiteSpace(section[nameof(ClusterId)]) ? "fastn-local" : section[nameof(ClusterId)]!.Trim(),
        };
        if (options.SiloPort != 0 && options.SiloPort == options.GatewayPort)
        {
            throw new InvalidOperationException(
                $"{Section}:{nameof(SiloPort)} and {Section}:{nameof(GatewayPort)} are both {options.SiloPort}: the silo and its gateway need two ports.");
        }

        return options;
    }

    private static int Port(IConfigurationSection section, string key, int defaultPort)
    {
        var value = section[key];
        if (string.IsNullOrWhiteSpace(value))
        {
            return defaultPort;
        }

        return int.TryParse(value.Trim(), System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var port) && port <= 65535
            ? port
            : throw new InvalidOperationException(
                $"{Section}:{key} is '{value}': it must be a TCP port from 1 to 65535, or 0 for a free port (default {defaultPort}). Two servers on one machine need different ports.");
    }
}
