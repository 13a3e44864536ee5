using System.CommandLine;
using Fastn.Cli.Commands.Cdm;
using Fastn.Cli.Commands.Config;
using Fastn.Cli.Commands.Connect;
using Fastn.Cli.Commands.Connectors;
using Fastn.Cli.Commands.Flows;
using Fastn.Cli.Commands.New;
using Fastn.Cli.Commands.Run;

namespace Fastn.Cli;

/// <summary>The <c>fastn</c> root command; each verb lives in its own folder under <c>Commands/</c>.</summary>
public static class FastnCommandLine
{
    /// <summary>Builds the command tree.</summary>
    public static RootCommand CreateRootCommand()
    {
        var root = new RootCommand("fastn — build, test and run Fastn connectors from the command line.")
        {
            HelpName = "fastn",
        };
        root.Add(NewCommand.Create());
        root.Add(ConnectorsCommand.Create());
        root.Add(ConnectCommand.Create());
        root.Add(RunCommand.Create());
        root.Add(FlowCommand.Create());
        root.Add(CdmCommand.Capabilities());
        root.Add(CdmCommand.Create());
        root.Add(ConfigCommand.Create());
        return root;
    }

    /// <summary>Parses and runs <paramref name="args"/>, writing to the given writers; returns the exit code.</summary>
    public static Task<int> InvokeAsync(string[] args, TextWriter output, TextWriter error, CancellationToken cancellationToken = default)
    {
        var configuration = new InvocationConfiguration { Output = output, Error = error };
        return CreateRootCommand().Parse(args).InvokeAsync(configuration, cancellationToken);
    }
}
