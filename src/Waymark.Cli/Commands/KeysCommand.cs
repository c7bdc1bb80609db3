using System.CommandLine;
using System.Security.Cryptography;
using Waymark.Responses;

namespace Waymark.Cli.Commands;

/// <summary>
/// <c>waymark keys generate --out DIR</c>: the research team's key pair for sealed responses;
/// <c>waymark keys show FILE</c>: which half a key file holds and its fingerprint;
/// <c>waymark keys upgrade --dir DIR</c>: gives an older, unmarked pair its prefixes.
/// </summary>
internal static class KeysCommand
{
    public static Command Create()
    {
        var command = new Command("keys", "Keys for sealed survey responses.");
        command.Subcommands.Add(Generate());
        command.Subcommands.Add(Show());
        command.Subcommands.Add(Upgrade());
        return command;
    }

    private static Command Generate()
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

            var fingerprint = SealingKeys.Fingerprint(SealingKeys.ReadPublic(result.Value.PublicKeyPath).Value!);
            var output = parseResult.InvocationConfiguration.Output;
            await output.WriteLineAsync($"Public key (give it to the server with the instrument; starts with {SealingKeys.PublicPrefix}): {result.Value.PublicKeyPath}").ConfigureAwait(false);
            await output.WriteLineAsync($"Secret key (keep it off the server; whoever holds it reads every response; starts with {SealingKeys.SecretPrefix}): {result.Value.SecretKeyPath}").ConfigureAwait(false);
            await output.WriteLineAsync($"Fingerprint: {fingerprint} (the console shows it for the instruments sealed with this key)").ConfigureAwait(false);
            return ExitCodes.Ok;
        });
        return generate;
    }

    private static Command Show()
    {
        var file = new Argument<string>("FILE") { Description = "A key file (research.pub or research.key)." };
        var show = new Command("show", "Say which half a key file holds and print its fingerprint (the key itself is never printed).") { file };
        show.SetAction(async (parseResult, cancellationToken) =>
        {
            var path = parseResult.GetValue(file)!;
            if (!File.Exists(path))
            {
                await parseResult.InvocationConfiguration.Error.WriteLineAsync($"waymark keys show: {path}: no such key file.").ConfigureAwait(false);
                return ExitCodes.Failure;
            }

            var text = await File.ReadAllBytesAsync(path, cancellationToken).ConfigureAwait(false);
            var key = new byte[SealingKeys.KeyBytes];
            try
            {
                var line = SealingKeys.Decode(text, key) switch
                {
                    KeyKind.Public => $"{path}: public key, fingerprint {SealingKeys.Fingerprint(key)}",
                    KeyKind.Secret => $"{path}: SECRET key (keep it off the server), fingerprint {SealingKeys.Fingerprint(SealingKeys.PublicKeyOf(key))}",
                    KeyKind.Unmarked => $"{path}: a key without a prefix (written by an older Waymark): public or secret cannot be told; run 'waymark keys upgrade --dir DIR' where both halves are",
                    _ => null,
                };
                if (line is null)
                {
                    await parseResult.InvocationConfiguration.Error.WriteLineAsync($"waymark keys show: {path}: not a key.").ConfigureAwait(false);
                    return ExitCodes.Failure;
                }

                await parseResult.InvocationConfiguration.Output.WriteLineAsync(line).ConfigureAwait(false);
                return ExitCodes.Ok;
            }
            finally
            {
                CryptographicOperations.ZeroMemory(text);
                CryptographicOperations.ZeroMemory(key);
            }
        });
        return show;
    }

    private static Command Upgrade()
    {
        var dir = new Option<string>("--dir") { Description = "Folder holding research.pub and research.key as an older Waymark wrote them.", Required = true };
        var upgrade = new Command("upgrade", "Rewrite an older key pair (bare Base64) with the prefixes that tell the public and the secret key apart; the pair proves which half is which.") { dir };
        upgrade.SetAction(async (parseResult, _) =>
        {
            var result = SealingKeys.Upgrade(parseResult.GetValue(dir)!);
            if (!result.IsSuccess)
            {
                await parseResult.InvocationConfiguration.Error.WriteLineAsync("waymark keys upgrade: " + result.Error).ConfigureAwait(false);
                return ExitCodes.Failure;
            }

            await parseResult.InvocationConfiguration.Output.WriteLineAsync($"waymark keys upgrade: {result.Value}.").ConfigureAwait(false);
            return ExitCodes.Ok;
        });
        return upgrade;
    }
}
