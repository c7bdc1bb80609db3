using System.CommandLine;
using Waymark.Surveys.Export;
using Waymark.Surveys.Responses;

namespace Waymark.Cli.Commands;

/// <summary><c>waymark survey export FORM.xlsx RESPONSES.jsonl --out DIR</c>: CSV, codebook, R, SPSS and Stata syntax, Stata data file.</summary>
internal static class SurveyExportCommand
{
    public static Command Create()
    {
        var form = SurveyCommand.FormArgument();
        var responses = new Argument<string>("RESPONSES.jsonl") { Description = "Responses as JSON Lines: {\"id\",\"date\",\"version\",\"language\",\"duration_s\",\"answers\":{name:raw},\"flags\":[…]} per line (version, language and duration_s optional)." };
        var output = new Option<string>("--out") { Description = "Folder for the files (created if missing).", Required = true };
        var language = new Option<string?>("--language") { Description = "Language of the labels (default: the form's default language)." };
        var others = SurveyCommand.OtherFormsOption();
        var command = new Command("export", "Write a CSV (one row per response), a codebook, R, SPSS and Stata syntax that label it, and a labelled Stata data file (.dta).")
        {
            form, responses, output, language, others,
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

            var responsesPath = parseResult.GetValue(responses)!;
            if (!File.Exists(responsesPath))
            {
                await error.WriteLineAsync($"waymark survey export: {responsesPath}: no such file").ConfigureAwait(false);
                return ExitCodes.Failure;
            }

            using var reader = new StreamReader(responsesPath);
            var (records, readError) = ResponseLines.Read(reader);
            if (readError is not null)
            {
                await error.WriteLineAsync($"waymark survey export: {responsesPath}: {readError}").ConfigureAwait(false);
                return ExitCodes.Failure;
            }

            var export = SurveyExport.Create(instrument, records, parseResult.GetValue(language), versions);
            foreach (var warning in export.Warnings)
            {
                await error.WriteLineAsync("warning: " + warning).ConfigureAwait(false);
            }

            var files = SurveyExport.WriteTo(export, parseResult.GetValue(output)!);
            foreach (var file in files)
            {
                await parseResult.InvocationConfiguration.Output.WriteLineAsync(file).ConfigureAwait(false);
            }

            return ExitCodes.Ok;
        });
        return command;
    }
}
