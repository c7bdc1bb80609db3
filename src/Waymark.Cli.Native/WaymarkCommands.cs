using System.CommandLine;
using Waymark.Cli.Commands;

namespace Waymark.Cli;

/// <summary>The one command this build holds; <see cref="FullCli"/> runs every other command line.</summary>
internal static partial class WaymarkCommandLine
{
    private static readonly (string Name, Func<Command> Create)[] Commands =
    [
        ("code", CodeCommand.Create),
    ];
}
