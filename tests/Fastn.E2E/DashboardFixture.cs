using Fastn.Tests.Support;
using Microsoft.Playwright;

namespace Fastn.E2E;

/// <summary>
/// One real Fastn server (Kestrel on 127.0.0.1, SQLite, the sandbox apps) and one Debian Chromium for the whole class;
/// each test opens its own browser context, so cookies never leak between tests.
/// </summary>
public sealed class DashboardFixture : IAsyncLifetime
{
    /// <summary>Chromium flags for a sandboxed CI machine with no network beyond loopback.</summary>
    private static readonly string[] ChromiumArgs = ["--no-sandbox", "--disable-background-networking", "--disable-component-update", "--no-first-run"];

    private IPlaywright? _playwright;

    public FastnServerHost Server { get; private set; } = default!;

    public IBrowser Browser { get; private set; } = default!;

    private readonly System.Runtime.CompilerServices.ConditionalWeakTable<IPage, PageLog> _logs = [];

    /// <summary>Where the tests save their screenshots.</summary>
    public string ScreenshotDirectory { get; } = Path.Combine(AppContext.BaseDirectory, "screenshots");

    public async ValueTask InitializeAsync()
    {
        Directory.CreateDirectory(ScreenshotDirectory);
        Server = await FastnServerHost.StartAsync([]);
        _playwright = await Playwright.CreateAsync();
        // Expectations wait as long as actions do: a test run's step status can take more than Playwright's 5 s on a busy 2-core machine.
        Assertions.SetDefaultExpectTimeout(15_000);
        Browser = await _playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = FindChromium(),
            Headless = true,
            Args = ChromiumArgs,
        });
    }

    /// <summary>A fresh context (no cookies) whose pages time out after 15 s instead of Playwright's 30 s.</summary>
    public async Task<IPage> NewPageAsync(int width = 1280, int height = 900)
    {
        var context = await Browser.NewContextAsync(new BrowserNewContextOptions { BaseURL = Server.BaseUrl, ViewportSize = new ViewportSize { Width = width, Height = height } });
        context.SetDefaultTimeout(15_000);
        var page = await context.NewPageAsync();
        var log = _logs.GetValue(page, _ => new PageLog());
        page.Request += (_, request) =>
        {
            if (!request.Url.StartsWith(Server.BaseUrl + "/", StringComparison.Ordinal) && !request.Url.StartsWith("data:", StringComparison.Ordinal))
            {
                log.OutsideRequests.Enqueue(request.Url);
            }
        };
        page.Response += (_, response) =>
        {
            if (response.Status >= 400)
            {
                log.FailedResponses.Enqueue($"{response.Status} {response.Url}");
            }
        };
        page.PageError += (_, error) => log.PageErrors.Enqueue(error);
        return page;
    }

    /// <summary>What a page of <see cref="NewPageAsync"/> requested and saw go wrong.</summary>
    public PageLog Log(IPage page) => _logs.GetValue(page, _ => new PageLog());

    public async ValueTask DisposeAsync()
    {
        if (Browser is not null)
        {
            await Browser.DisposeAsync();
        }

        _playwright?.Dispose();
        if (Server is not null)
        {
            await Server.DisposeAsync();
        }
    }

    /// <summary>Debian's <c>chromium</c> on PATH (test.sh installs it); never a downloaded browser.</summary>
    private static string FindChromium()
    {
        foreach (var directory in (Environment.GetEnvironmentVariable("PATH") ?? "").Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries))
        {
            var candidate = Path.Combine(directory, "chromium");
            if (File.Exists(candidate))
            {
                return candidate;
            }
        }

        throw new InvalidOperationException("Chromium is not on PATH: install Debian's package with 'apt-get install chromium' (./test.sh does this when it runs as root).");
    }
}
