using Fastn.Server;

await FastnServer.Build(args).RunAsync();

/// <summary>The entry point, public for WebApplicationFactory-based tests.</summary>
public partial class Program;
