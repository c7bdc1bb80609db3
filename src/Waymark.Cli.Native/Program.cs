using Waymark.Cli;

// `waymark code …` runs here; anything else (other commands, --help, --version, no arguments) is the full CLI's.
if (args.Length == 0 || args[0] != "code")
{
    return FullCli.Run(args);
}

return await WaymarkCommandLine.RunAsync(args, Console.Out, Console.Error).ConfigureAwait(false);
