using System.CommandLine;

namespace Fastn.Cli.Commands.New;

/// <summary><c>fastn new</c>: scaffolding verbs.</summary>
internal static class NewCommand
{
    public static Command Create()
    {
        var command = new Command("new", "Create something new from a template.");
        command.Add(NewConnectorCommand.Create());
        return command;
    }
}
