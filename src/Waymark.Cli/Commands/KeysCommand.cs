using System.CommandLine;
using Waymark.Responses;

namespace Waymark.Cli.Commands;

/// <summary><c>waymark keys generate --out DIR</c>: the research team's key pair for sealed responses.</summary>
internal static class KeysCommand
{
    public static Command Create()
    {
        var outOption = new Option<string>("--out") { Description = "Folder to write research.pub and research.key into (created if missing).", Required = true };
        var generate = new Command("generate", "Make an X25519 key pair for libsodium sealed boxes: research.pub goes to the server, research.key never does.") { outOption };
        generate.SetAction(async (parseResult, _) =>
        {
            var result = SealingKeys.Generate(parseResult.GetValue(outOption)!);
            if (!result.IsSuccess)
            {
                await parseResult.InvocationConfiguration.Error.WriteLineAsync("waymark keys generate: " + result.Error).ConfigureAwait(false);
                return ExitCodes.Failure;
            }

            var output = parseResult.InvocationConfiguration.Output;
            await output.WriteLineAsync($"Public key (give it to the server with the instrument): {result.Value.PublicKeyPath}").ConfigureAwait(false);
            await output.WriteLineAsync($"Secret key (keep it off the server; whoever holds it reads every response): {result.Value.SecretKeyPath}").ConfigureAwait(false);
            return ExitCodes.Ok;
        });
        var command = new Command("keys", "Keys for sealed survey responses.");
        command.Subcommands.Add(generate);
        return command;
    }
}
