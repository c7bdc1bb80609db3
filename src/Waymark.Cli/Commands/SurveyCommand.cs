using System.CommandLine;
using Waymark.Surveys;
using Waymark.Surveys.Json;
using Waymark.Surveys.XlsForm;

namespace Waymark.Cli.Commands;

/// <summary><c>waymark survey validate|show|export</c>: XLSForm instruments and their exports.</summary>
internal static class SurveyCommand
{
    public static Command Create()
    {
        var command = new Command("survey", "Check, show and export XLSForm survey instruments.");
        command.Subcommands.Add(Validate());
        command.Subcommands.Add(Show());
        command.Subcommands.Add(SurveyExportCommand.Create());
        return command;
    }

    private static Command Validate()
    {
        var form = FormArgument();
        var command = new Command("validate", "Print every problem of an XLSForm with sheet, row and column; exit 1 if any is fatal.") { form };
        command.SetAction(async (parseResult, _) =>
        {
            var path = parseResult.GetValue(form)!;
            var build = XlsFormFile.Load(path);
            var output = parseResult.InvocationConfiguration.Output;
            foreach (var problem in build.Problems)
            {
                await output.WriteLineAsync(problem.ToString()).ConfigureAwait(false);
            }

            var errors = build.Problems.Count(p => p.Fatal);
            var warnings = build.Problems.Count - errors;
            await output.WriteLineAsync(build.IsSuccess
                ? $"{path}: valid ({build.Instrument!.Questions.Count} questions, {build.Instrument.Languages.Count} languages; {warnings} warning(s))"
                : $"{path}: invalid ({errors} error(s), {warnings} warning(s))").ConfigureAwait(false);
            return build.IsSuccess ? ExitCodes.Ok : ExitCodes.Failure;
        });
        return command;
    }

    private static Command Show()
    {
        var form = FormArgument();
        var json = new Option<bool>("--json") { Description = "Print the instrument as JSON (the only format so far)." };
        var command = new Command("show", "Print the instrument (questions in order, groups flattened) as JSON.") { form, json };
        command.SetAction(async (parseResult, _) =>
        {
            var build = await LoadAsync(parseResult, parseResult.GetValue(form)!).ConfigureAwait(false);
            if (build is null)
            {
                return ExitCodes.Failure;
            }

            await parseResult.InvocationConfiguration.Output.WriteLineAsync(InstrumentJson.Write(build)).ConfigureAwait(false);
            return ExitCodes.Ok;
        });
        return command;
    }

    internal static Argument<string> FormArgument() => new("FORM.xlsx") { Description = "An XLSForm (.xlsx)." };

    /// <summary>The other versions of the form that responses may have been given in (<c>--other-form</c>, repeatable).</summary>
    internal static Option<string[]> OtherFormsOption() => new("--other-form")
    {
        Description = "Another version of the same form (an XLSForm), repeatable: responses given in it get its questions' columns and labels, "
            + "and a question their version did not have is coded 'not asked in this version' instead of left empty.",
        Arity = ArgumentArity.ZeroOrMore,
    };

    /// <summary>Loads the <c>--other-form</c> files; null (with the reason on standard error) when one does not load or is another form.</summary>
    internal static async Task<IReadOnlyList<Instrument>?> LoadOtherVersionsAsync(ParseResult parseResult, Option<string[]> option, Instrument layout)
    {
        var versions = new List<Instrument>();
        foreach (var path in parseResult.GetValue(option) ?? [])
        {
            if (await LoadAsync(parseResult, path).ConfigureAwait(false) is not { } other)
            {
                return null;
            }

            if (other.Settings.FormId != layout.Settings.FormId)
            {
                await parseResult.InvocationConfiguration.Error.WriteLineAsync(
                    $"waymark survey: {path}: form_id '{other.Settings.FormId}' is not the form's ('{layout.Settings.FormId}'); --other-form takes versions of the same form").ConfigureAwait(false);
                return null;
            }

            versions.Add(other);
        }

        return versions;
    }

    /// <summary>Loads a form; on failure prints its fatal problems to standard error and returns null.</summary>
    internal static async Task<Instrument?> LoadAsync(ParseResult parseResult, string path)
    {
        var build = XlsFormFile.Load(path);
        if (build.IsSuccess)
        {
            return build.Instrument;
        }

        var error = parseResult.InvocationConfiguration.Error;
        foreach (var problem in build.Problems.Where(p => p.Fatal))
        {
            await error.WriteLineAsync($"waymark survey: {path}: {problem}").ConfigureAwait(false);
        }

        return null;
    }
}
