namespace Fastn.Cli.Commands.New;

/// <summary>A scaffold request that cannot be carried out; the message says what to do instead.</summary>
internal sealed class ScaffoldException(string message) : Exception(message);
