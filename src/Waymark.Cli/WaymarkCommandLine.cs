using System.CommandLine;

namespace Waymark.Cli;

/// <summary>
/// The <c>waymark</c> command tree. Each capability adds its command to <see cref="Commands"/>, one line each;
/// the commands themselves live in <c>Commands/</c>.
/// </summary>
internal static partial class WaymarkCommandLine
{
    public static RootCommand Build() => Build(only: null);

    /// <summary>
    /// The tree; when <paramref name="only"/> names a command, that command alone is built: building every command
    /// loads their libraries (ASP.NET Core's among them), a tenth of the start-up of <c>waymark code</c>. Any other
    /// first argument (--help, --version, a typo) gets the whole tree, so help and errors are as before.
    /// </summary>
    internal static RootCommand Build(string? only)
    {
        var root = new RootCommand("Waymark: anonymous prevention services and research tools.");
        var one = Array.Exists(Commands, command => command.Name == only);
        foreach (var (name, create) in Commands)
        {
            if (!one || name == only)
            {
                root.Subcommands.Add(create());
            }
        }

        return root;
    }

    /// <summary>Parses and runs; usage errors print a clear message and return <see cref="ExitCodes.Usage"/>.</summary>
    public static async Task<int> RunAsync(string[] args, TextWriter output, TextWriter error)
    {
        var parseResult = Build(args.Length > 0 ? args[0] : null).Parse(args);
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
