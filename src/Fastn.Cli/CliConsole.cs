using Spectre.Console;

namespace Fastn.Cli;

/// <summary>Creates Spectre consoles over the writers a command was invoked with (the real console or a test's buffer).</summary>
internal static class CliConsole
{
    public static IAnsiConsole Create(TextWriter writer)
    {
        var isConsole = ReferenceEquals(writer, Console.Out) || ReferenceEquals(writer, Console.Error);
        var console = AnsiConsole.Create(new AnsiConsoleSettings
        {
            Out = new AnsiConsoleOutput(writer),
            Ansi = isConsole ? AnsiSupport.Detect : AnsiSupport.No,
            ColorSystem = isConsole ? ColorSystemSupport.Detect : ColorSystemSupport.NoColors,
            Interactive = isConsole ? InteractionSupport.Detect : InteractionSupport.No,
        });
        // Never break paths and commands across lines: a terminal soft-wraps them and copy-paste still works.
        console.Profile.Width = Math.Max(console.Profile.Width, 400);

        return console;
    }
}
