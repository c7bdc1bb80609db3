using System.CommandLine;
using Waymark.Cli.Commands;

namespace Waymark.Cli;

/// <summary>
/// The <c>waymark</c> command tree. Each capability adds its command here, one line each;
/// the commands themselves live in <c>Commands/</c>.
/// </summary>
internal static class WaymarkCommandLine
{
    public static RootCommand Build()
    {
        var root = new RootCommand("Waymark: anonymous prevention services and research tools.");
        root.Subcommands.Add(ServeCommand.Create());
        root.Subcommands.Add(StatsCommand.Create());
        root.Subcommands.Add(ReportCommand.Create());
        root.Subcommands.Add(CodeCommand.Create());
        root.Subcommands.Add(CommunityCommand.Create());
        root.Subcommands.Add(ScreenCommand.Create());
        root.Subcommands.Add(KeysCommand.Create());
        root.Subcommands.Add(ResponsesCommand.Create());
        root.Subcommands.Add(SurveyCommand.Create());
        root.Subcommands.Add(UsersCommand.Create());
        return root;
    }

    /// <summary>Parses and runs; usage errors print a clear message and return <see cref="ExitCodes.Usage"/>.</summary>
    public static async Task<int> RunAsync(string[] args, TextWriter output, TextWriter error)
    {
        var parseResult = Build().Parse(args);
        if (parseResult.Errors.Count > 0)
        {
            foreach (var parseError in parseResult.Errors)
            {
                await error.WriteLineAsync("waymark: " + parseError.Message).ConfigureAwait(false);
            }

            await error.WriteLineAsync("Run 'waymark --help' for usage.").ConfigureAwait(false);
            return ExitCodes.Usage;
        }

        var configuration = new InvocationConfiguration { Output = output, Error = error };
        return await parseResult.InvokeAsync(configuration).ConfigureAwait(false);
    }
}
