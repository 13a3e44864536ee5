using Fastn.Cli.Commands.Config;

namespace Fastn.Cli.Tests.Commands.Connect;

/// <summary>One real Fastn server (Acme sandbox + <see cref="CliEchoConnector"/>) shared by the CLI verb tests.</summary>
public sealed class CliServerFixture : IAsyncLifetime
{
    public FastnServerHost Server { get; private set; } = null!;

    public static string NewTenant() => "t-" + Guid.NewGuid().ToString("N")[..12];

    public async ValueTask InitializeAsync() => Server = await FastnServerHost.StartAsync([CliEchoConnector.Create()]);

    public async ValueTask DisposeAsync()
    {
        if (Server is not null)
        {
            await Server.DisposeAsync();
        }
    }

    /// <summary>
    /// Runs <c>fastn</c> in-process against the server: FASTN_URL and FASTN_API_KEY point at it, HOME is a fresh
    /// folder (no config file), CI is set (no browser). <paramref name="output"/> lets a test watch stdout while it runs.
    /// </summary>
    internal async Task<CliInvocation> RunAsync(string[] args, IDictionary<string, string?>? environment = null, TextWriter? output = null)
    {
        using var home = new TempDirectory();
        var variables = new Dictionary<string, string?>
        {
            [CliSettings.UrlVariable] = Server.BaseUrl,
            [CliSettings.ApiKeyVariable] = Server.AdminKey,
            ["HOME"] = home.Path,
            ["CI"] = "true",
        };
        foreach (var (key, value) in environment ?? new Dictionary<string, string?>())
        {
            variables[key] = value;
        }

        using var scope = CliEnvironment.Use(variables);
        var stdout = output ?? new StringWriter();
        using var stderr = new StringWriter();
        var exitCode = await FastnCommandLine.InvokeAsync(args, stdout, stderr, TestContext.Current.CancellationToken);
        return new CliInvocation(exitCode, stdout.ToString() ?? "", stderr.ToString());
    }
}

/// <summary>The CLI verb tests share one server.</summary>
[CollectionDefinition(Name)]
public sealed class CliServerCollection : ICollectionFixture<CliServerFixture>
{
    public const string Name = "CliServer";
}

/// <summary>A StringWriter safe to read while the CLI writes to it from another thread.</summary>
public sealed class LockedStringWriter : StringWriter
{
    private readonly Lock _lock = new();

    public override void Write(char value)
    {
        lock (_lock)
        {
            base.Write(value);
        }
    }

    public override void Write(string? value)
    {
        lock (_lock)
        {
            base.Write(value);
        }
    }

    public override void Write(char[] buffer, int index, int count)
    {
        lock (_lock)
        {
            base.Write(buffer, index, count);
        }
    }

    public override string ToString()
    {
        lock (_lock)
        {
            return base.ToString();
        }
    }
}
