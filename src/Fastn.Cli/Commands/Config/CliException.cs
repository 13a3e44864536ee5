namespace Fastn.Cli.Commands.Config;

/// <summary>A user-facing CLI error: its message says what is wrong and what to do; the command exits with 1.</summary>
internal sealed class CliException(string message) : Exception(message);
