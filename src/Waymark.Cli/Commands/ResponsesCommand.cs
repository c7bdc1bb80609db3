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
        var key = new Option<string?>("--key") { Description = "The research team's secret key file (research.key); needed for sealed responses." };
        var input = new Option<string>("--in") { Description = "A file written by 'waymark responses export'.", Required = true };
        var form = SurveyCommand.FormArgument();
        var outOption = new Option<string>("--out") { Description = "Folder for responses.jsonl, the CSV, codebook and R, SPSS and Stata syntax.", Required = true };
        var language = new Option<string?>("--language") { Description = "Language of the labels (default: the form's default language)." };
        var command = new Command("decrypt", "Open exported responses with the secret key (on the researcher's machine), add the set-level quality flags and write the survey exports.")
        {
            form, key, input, outOption, language,
        };
        command.SetAction(async (parseResult, _) =>
        {
            var error = parseResult.InvocationConfiguration.Error;
            var instrument = await SurveyCommand.LoadAsync(parseResult, parseResult.GetValue(form)!).ConfigureAwait(false);
            if (instrument is null)
            {
                return ExitCodes.Failure;
            }

            var records = ReadRecords(parseResult.GetValue(input)!, parseResult.GetValue(key));
            if (!records.IsSuccess)
            {
                await error.WriteLineAsync("waymark responses decrypt: " + records.Error).ConfigureAwait(false);
                return ExitCodes.Failure;
            }

            var folder = parseResult.GetValue(outOption)!;
            var written = await ResponseExports.WriteAsync(instrument, records.Value!, folder, parseResult.GetValue(language)).ConfigureAwait(false);
            if (!written.IsSuccess)
            {
                await error.WriteLineAsync("waymark responses decrypt: " + written.Error).ConfigureAwait(false);
                return ExitCodes.Failure;
            }

            await parseResult.InvocationConfiguration.Output.WriteLineAsync(
                $"{records.Value!.Count} responses decrypted into {folder}: {string.Join(", ", written.Value!)}.").ConfigureAwait(false);
            return ExitCodes.Ok;
        });
        return command;
    }

    private static Result<IReadOnlyList<ResponseRecord>> ReadRecords(string inputPath, string? keyPath)
    {
        byte[]? secretKey = null;
        if (keyPath is not null)
        {
            var read = SealingKeys.ReadSecret(keyPath);
            if (!read.IsSuccess)
            {
                return Result.Fail<IReadOnlyList<ResponseRecord>>(read.Error!);
            }

            secretKey = read.Value;
        }

        if (!File.Exists(inputPath))
        {
            return Result.Fail<IReadOnlyList<ResponseRecord>>($"{inputPath}: no such file.");
        }

        using var reader = new StreamReader(inputPath, Encoding.UTF8);
        var stored = ResponseArchive.Read(reader, inputPath);
        return stored.IsSuccess ? ResponseArchive.Open(stored.Value!, secretKey) : Result.Fail<IReadOnlyList<ResponseRecord>>(stored.Error!);
    }
}
