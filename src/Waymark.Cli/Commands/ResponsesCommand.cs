using System.CommandLine;
using System.Text;
using Waymark.Responses;
using Waymark.Storage;

namespace Waymark.Cli.Commands;

/// <summary>
/// <c>waymark responses export</c> (on the server: the stored responses, ciphertext as it is) and
/// <c>waymark responses decrypt</c> (on the researcher's machine: opens them with the secret key).
/// </summary>
internal static class ResponsesCommand
{
    public static Command Create()
    {
        var command = new Command("responses", "Survey responses: export them from the database, decrypt them on the researcher's machine.");
        command.Subcommands.Add(Export());
        command.Subcommands.Add(Decrypt());
        return command;
    }

    private static Command Export()
    {
        var instrument = new Option<string?>("--instrument") { Description = "Only this instrument's responses (default: all)." };
        var outOption = new Option<string>("--out") { Description = "File to write (JSON Lines; sealed payloads stay sealed).", Required = true };
        var dataDir = new Option<string?>("--data-dir") { Description = $"Folder of the SQLite database (default ./data; env {ServeConfiguration.DataDirectoryVariable})." };
        var postgres = new Option<string?>("--postgres") { Description = $"PostgreSQL connection string (env {ServeConfiguration.PostgresVariable})." };
        var command = new Command("export", "Write the stored responses to a file, exactly as stored (no key needed, nothing decrypted).") { instrument, outOption, dataDir, postgres };
        command.SetAction(async (parseResult, cancellationToken) =>
        {
            var settings = ServeConfiguration.Resolve(
                ServeConfiguration.LoadAppSettings(),
                Environment.GetEnvironmentVariable,
                new ServeConfiguration.Overrides(null, null, parseResult.GetValue(dataDir), parseResult.GetValue(postgres)));
            var path = parseResult.GetValue(outOption)!;
            IReadOnlyList<StoredResponse> responses;
            try
            {
                await using var database = await WaymarkDatabase.OpenAsync(settings.Storage, cancellationToken).ConfigureAwait(false);
                responses = await database.SurveyResponses.ReadAsync(parseResult.GetValue(instrument), cancellationToken).ConfigureAwait(false);
            }
            catch (Exception exception) when (exception is System.Data.Common.DbException or IOException or UnauthorizedAccessException)
            {
                await parseResult.InvocationConfiguration.Error.WriteLineAsync($"waymark responses export: cannot read the database: {exception.Message}").ConfigureAwait(false);
                return ExitCodes.Failure;
            }

            await using (var writer = new StreamWriter(path, append: false, new UTF8Encoding(false)))
            {
                await ResponseArchive.WriteAsync(responses, writer).ConfigureAwait(false);
            }

            await parseResult.InvocationConfiguration.Output.WriteLineAsync(
                $"{responses.Count} responses ({responses.Count(r => r.Sealed)} sealed) written to {path}.").ConfigureAwait(false);
            return ExitCodes.Ok;
        });
        return command;
    }

    private static Command Decrypt()
    {
        var key = new Option<string[]>("--key")
        {
            Description = "The research team's secret key file (research.key); needed for sealed responses. Repeat it for an instrument whose key changed: each response opens with whichever key fits.",
            Arity = ArgumentArity.ZeroOrMore,
        };
        var input = new Option<string>("--in") { Description = "A file written by 'waymark responses export'.", Required = true };
        var form = SurveyCommand.FormArgument();
        var outOption = new Option<string>("--out") { Description = "Folder for responses.jsonl, the CSV, codebook, R, SPSS and Stata syntax and the Stata data file.", Required = true };
        var language = new Option<string?>("--language") { Description = "Language of the labels (default: the form's default language)." };
        var others = SurveyCommand.OtherFormsOption();
        var command = new Command("decrypt", "Open exported responses with the secret key (on the researcher's machine), add the set-level quality flags and write the survey exports.")
        {
            form, key, input, outOption, language, others,
        };
        command.SetAction(async (parseResult, _) =>
        {
            var error = parseResult.InvocationConfiguration.Error;
            var instrument = await SurveyCommand.LoadAsync(parseResult, parseResult.GetValue(form)!).ConfigureAwait(false);
            if (instrument is null)
            {
                return ExitCodes.Failure;
            }

            var versions = await SurveyCommand.LoadOtherVersionsAsync(parseResult, others, instrument).ConfigureAwait(false);
            if (versions is null)
            {
                return ExitCodes.Failure;
            }

            var opened = ReadRecords(parseResult.GetValue(input)!, parseResult.GetValue(key) ?? []);
            if (!opened.IsSuccess)
            {
                await error.WriteLineAsync("waymark responses decrypt: " + opened.Error).ConfigureAwait(false);
                return ExitCodes.Failure;
            }

            var records = opened.Value!.Records;
            var folder = parseResult.GetValue(outOption)!;
            var written = await ResponseExports.WriteAsync(instrument, records, folder, parseResult.GetValue(language), versions).ConfigureAwait(false);
            if (!written.IsSuccess)
            {
                await error.WriteLineAsync("waymark responses decrypt: " + written.Error).ConfigureAwait(false);
                return ExitCodes.Failure;
            }

            await parseResult.InvocationConfiguration.Output.WriteLineAsync(
                $"{records.Count} responses decrypted into {folder}: {string.Join(", ", written.Value!.Files)}.").ConfigureAwait(false);
            foreach (var warning in written.Value.Warnings)
            {
                await error.WriteLineAsync("warning: " + warning).ConfigureAwait(false);
            }

            if (opened.Value.Summary is { } notOpened)
            {
                // The files hold every response that opened; the rest are named, never dropped silently.
                await error.WriteLineAsync($"waymark responses decrypt: {notOpened}. They are not in the files: give the key they were sealed with (--key, repeated).").ConfigureAwait(false);
                return ExitCodes.Failure;
            }

            return ExitCodes.Ok;
        });
        return command;
    }

    private static Result<OpenedArchive> ReadRecords(string inputPath, IReadOnlyList<string> keyPaths)
    {
        var secretKeys = new List<byte[]>();
        foreach (var keyPath in keyPaths)
        {
            var read = SealingKeys.ReadSecret(keyPath);
            if (!read.IsSuccess)
            {
                return Result.Fail<OpenedArchive>(read.Error!);
            }

            secretKeys.Add(read.Value!);
        }

        if (!File.Exists(inputPath))
        {
            return Result.Fail<OpenedArchive>($"{inputPath}: no such file.");
        }

        using var reader = new StreamReader(inputPath, Encoding.UTF8);
        var stored = ResponseArchive.Read(reader, inputPath);
        return stored.IsSuccess ? Result.Ok(ResponseArchive.Open(stored.Value!, secretKeys)) : Result.Fail<OpenedArchive>(stored.Error!);
    }
}
