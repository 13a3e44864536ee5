namespace Fastn.Cli.Tests;

/// <summary>The result of running <c>fastn</c> in-process with captured output.</summary>
internal sealed record CliInvocation(int ExitCode, string Output, string Error)
{
    public static async Task<CliInvocation> RunAsync(params string[] args)
    {
        using var output = new StringWriter();
        using var error = new StringWriter();
        var exitCode = await FastnCommandLine.InvokeAsync(args, output, error, TestContext.Current.CancellationToken);
        return new CliInvocation(exitCode, output.ToString(), error.ToString());
    }

    public override string ToString() => $"exit {ExitCode}\n--- stdout\n{Output}\n--- stderr\n{Error}";
}
