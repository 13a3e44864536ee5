using Fastn.Server;
using Fastn.Server.Hosting;

if (AdminCommand.Matches(args))
{
    return await AdminCommand.RunAsync(args, Console.Out, Console.Error);
}

await FastnServer.Build(args).RunAsync();
return 0;

/// <summary>The entry point, public for WebApplicationFactory-based tests.</summary>
public partial class Program;
