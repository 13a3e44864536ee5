using Fastn.Cli;

return await FastnCommandLine.InvokeAsync(args, Console.Out, Console.Error);
