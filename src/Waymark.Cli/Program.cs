using Waymark.Cli;

return await WaymarkCommandLine.RunAsync(args, Console.Out, Console.Error).ConfigureAwait(false);
