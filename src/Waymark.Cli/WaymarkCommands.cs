using System.CommandLine;
using Waymark.Cli.Commands;

namespace Waymark.Cli;

/// <summary>The commands of the full <c>waymark</c> (the coding-only build has its own list: src/Waymark.Cli.Native).</summary>
internal static partial class WaymarkCommandLine
{
    // Each capability adds its command here, one line each: its name (the command's own) and how it is made.
    private static readonly (string Name, Func<Command> Create)[] Commands =
    [
        ("serve", ServeCommand.Create),
        ("stats", StatsCommand.Create),
        ("report", ReportCommand.Create),
        ("code", CodeCommand.Create),
        ("community", CommunityCommand.Create),
        ("screen", ScreenCommand.Create),
        ("keys", KeysCommand.Create),
        ("responses", ResponsesCommand.Create),
        ("survey", SurveyCommand.Create),
        ("users", UsersCommand.Create),
        ("storage", StorageCommand.Create),
    ];
}
