namespace Fastn.Cli.Tests;

public sealed class FastnCommandLineTests
{
    [Fact]
    public async Task InvokeAsync_RootHelp_ShowsUsageAndNewCommand()
    {
        var result = await CliInvocation.RunAsync("--help");

        result.ExitCode.ShouldBe(0, result.ToString());
        result.Output.ShouldContain("Usage:");
        result.Output.ShouldContain("fastn [command] [options]");
        result.Output.ShouldContain("new");
        result.Output.ShouldContain("Create something new from a template.");
    }

    [Fact]
    public async Task InvokeAsync_NewHelp_ListsConnectorSubcommand()
    {
        var result = await CliInvocation.RunAsync("new", "--help");

        result.ExitCode.ShouldBe(0, result.ToString());
        result.Output.ShouldContain("fastn new [command] [options]");
        result.Output.ShouldContain("connector");
    }

    [Fact]
    public async Task InvokeAsync_NewConnectorHelp_DescribesArgumentAndEveryOption()
    {
        var result = await CliInvocation.RunAsync("new", "connector", "--help");

        result.ExitCode.ShouldBe(0, result.ToString());
        result.Output.ShouldContain("fastn new connector <name> [options]");
        result.Output.ShouldContain("kebab-case");
        result.Output.ShouldContain("--auth <none|basic|bearer|apikey|oauth2|custom> (REQUIRED)");
        result.Output.ShouldContain("--output <dir>");
        result.Output.ShouldContain("[default: connectors]");
        result.Output.ShouldContain("--display-name <text>");
        result.Output.ShouldContain("--fastn-source <path>");
        result.Output.ShouldContain("--force");
    }

    [Fact]
    public async Task InvokeAsync_NoCommand_FailsAndShowsHelp()
    {
        var result = await CliInvocation.RunAsync();

        result.ExitCode.ShouldNotBe(0);
        result.Output.ShouldContain("Usage:");
    }

    [Fact]
    public async Task InvokeAsync_UnknownCommand_Fails()
    {
        var result = await CliInvocation.RunAsync("frobnicate");

        result.ExitCode.ShouldNotBe(0);
        result.Error.ShouldContain("frobnicate");
    }
}
