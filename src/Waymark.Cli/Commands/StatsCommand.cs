using System.CommandLine;
using System.Diagnostics;
using System.Globalization;
using Waymark.Statistics;
using Waymark.Statistics.Rendering;

namespace Waymark.Cli.Commands;

/// <summary><c>waymark stats freq|crosstab|logit DATA.csv … --json</c>: the survey statistics, figures as R's.</summary>
internal static class StatsCommand
{
    public static Command Create()
    {
        var command = new Command("stats", "Frequencies, cross-tabulations and logistic regression on a CSV file; numbers equal R's.");
        command.Subcommands.Add(Freq());
        command.Subcommands.Add(CrossTab());
        command.Subcommands.Add(Logit());
        command.Subcommands.Add(Describe());
        foreach (var subcommand in command.Subcommands)
        {
            subcommand.Options.Add(new Option<bool>("--timing") { Description = "Print the seconds spent reading the CSV and on the analysis to standard error (benchmarks)." });
        }

        return command;
    }

    private static Command Freq()
    {
        var data = DataArgument();
        var variable = new Option<string>("--var") { Description = "Column to count.", Required = true };
        var weight = WeightOption();
        var json = JsonOption();
        var form = FormOption();
        var command = new Command("freq", "Counts, percent and valid percent of one column.") { data, variable, weight, json, form };
        command.SetAction(async (parseResult, _) =>
        {
            var levels = await LevelsAsync(parseResult, form).ConfigureAwait(false);
            return levels is null
                ? ExitCodes.Failure
                : await RunAsync(parseResult, "freq", data, levels, table => Analyse.Frequencies(table, parseResult.GetValue(variable)!, parseResult.GetValue(weight))).ConfigureAwait(false);
        });
        return command;
    }

    private static Command CrossTab()
    {
        var data = DataArgument();
        var row = new Option<string>("--row") { Description = "Column whose categories are the table rows.", Required = true };
        var col = new Option<string>("--col") { Description = "Column whose categories are the table columns.", Required = true };
        var weight = WeightOption();
        var json = JsonOption();
        var form = FormOption();
        var command = new Command("crosstab", "Contingency table with chi-square, G-test, Cramér's V, residuals; odds ratio and Fisher's exact test for 2x2.")
        {
            data, row, col, weight, json, form,
        };
        command.SetAction(async (parseResult, _) =>
        {
            var levels = await LevelsAsync(parseResult, form).ConfigureAwait(false);
            return levels is null
                ? ExitCodes.Failure
                : await RunAsync(parseResult, "crosstab", data, levels, table => Analyse.CrossTabulate(table, parseResult.GetValue(row)!, parseResult.GetValue(col)!, parseResult.GetValue(weight))).ConfigureAwait(false);
        });
        return command;
    }

    private static Command Describe()
    {
        var data = DataArgument();
        var variable = new Option<string>("--var") { Description = "Numeric column to describe.", Required = true };
        var json = JsonOption();
        var command = new Command("describe", "N, missing, mean, SD, quartiles (R's type 7) and the histogram's breaks and counts (as R's hist) of a numeric column.") { data, variable, json };
        command.SetAction((parseResult, _) => RunAsync(parseResult, "describe", data, null, table => Analyse.Describe(table, parseResult.GetValue(variable)!)));
        return command;
    }

    private static Command Logit()
    {
        var data = DataArgument();
        var outcome = new Option<string>("--outcome") { Description = "Outcome column: 0/1, TRUE/FALSE, or two categories (the second in sorted order is success, as R's glm).", Required = true };
        var predictors = new Option<string>("--predictors") { Description = "Predictor columns, comma-separated; non-numeric columns are categorical.", Required = true };
        var weight = WeightOption();
        var references = new Option<string[]>("--ref")
        {
            Description = "Reference level of a categorical predictor, COLUMN=LEVEL (default: first level in sorted order, as R).",
            AllowMultipleArgumentsPerToken = false,
        };
        var json = JsonOption();
        var waldOnly = new Option<bool>("--wald-only")
        {
            Description = "Leave out the profile-likelihood intervals (ci_profile): on very large files they cost about a dozen refits per coefficient.",
        };
        var command = new Command("logit", "Logistic regression (binomial GLM, logit link) by IRLS, as R's glm; odds ratios with Wald (ci) and profile-likelihood (ci_profile, R's confint) intervals.")
        {
            data, outcome, predictors, weight, references, json, waldOnly,
        };
        command.SetAction(async (parseResult, _) =>
        {
            var chosen = References(parseResult.GetValue(references));
            if (!chosen.IsSuccess)
            {
                await parseResult.InvocationConfiguration.Error.WriteLineAsync($"waymark stats logit: {chosen.Error}").ConfigureAwait(false);
                return ExitCodes.Failure;
            }

            return await RunAsync(parseResult, "logit", data, null, table => Analyse.Logit(
                table,
                parseResult.GetValue(outcome)!,
                parseResult.GetValue(predictors)!.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries),
                parseResult.GetValue(weight),
                chosen.Value,
                profile: !parseResult.GetValue(waldOnly))).ConfigureAwait(false);
        });
        return command;
    }

    /// <summary>The <c>--ref COLUMN=LEVEL</c> options as column to reference level.</summary>
    internal static Result<IReadOnlyDictionary<string, string>> References(IReadOnlyList<string>? references)
    {
        var chosen = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var reference in references ?? [])
        {
            var equals = reference.IndexOf('=', StringComparison.Ordinal);
            if (equals <= 0)
            {
                return Result.Fail<IReadOnlyDictionary<string, string>>($"Reference '{reference}' should read COLUMN=LEVEL, for example --ref region=North.");
            }

            chosen[reference[..equals]] = reference[(equals + 1)..];
        }

        return Result.Ok<IReadOnlyDictionary<string, string>>(chosen);
    }

    internal static Option<string?> FormOption() => new("--form")
    {
        Description = "The XLSForm the data came from: single-choice answers in the form's choice order, choices nobody picked kept (default: R's sorted order).",
    };

    /// <summary>The form's choice orders (empty without --form), or null when the form does not load (its problems printed).</summary>
    internal static async Task<IReadOnlyDictionary<string, IReadOnlyList<string>>?> LevelsAsync(ParseResult parseResult, Option<string?> form)
    {
        if (parseResult.GetValue(form) is not { } path)
        {
            return new Dictionary<string, IReadOnlyList<string>>(StringComparer.Ordinal);
        }

        var instrument = await SurveyCommand.LoadAsync(parseResult, path).ConfigureAwait(false);
        return instrument?.ChoiceOrder();
    }

    private static Argument<string> DataArgument() => new("DATA.csv") { Description = "CSV file with a header line." };

    private static Option<string?> WeightOption() => new("--weight") { Description = "Column of frequency weights (non-negative numbers)." };

    // JSON is the only output format so far; the flag is accepted so scripts that pass it keep working.
    private static Option<bool> JsonOption() => new("--json") { Description = "Print machine-readable JSON (the only format so far)." };

    /// <summary>Reads the CSV, applies the form's level orders, runs the analysis and prints its JSON or its message (exit 1).</summary>
    private static async Task<int> RunAsync<T>(
        ParseResult parseResult, string name, Argument<string> data, IReadOnlyDictionary<string, IReadOnlyList<string>>? levels, Func<Dataset, Result<T>> analyse)
        where T : IAnalysis
    {
        var start = Stopwatch.GetTimestamp();
        var table = Dataset.ReadCsv(parseResult.GetValue(data)!);
        var read = Stopwatch.GetElapsedTime(start);
        var result = table.Then(t => analyse(levels is null ? t : t.WithLevelOrders(levels)));
        var json = result.IsSuccess ? StatisticsJson.Write(result.Value!) : null;
        if (parseResult.GetValue<bool>("--timing"))
        {
            await parseResult.InvocationConfiguration.Error.WriteLineAsync(string.Create(
                CultureInfo.InvariantCulture, $"read={read.TotalSeconds:F3} analysis={(Stopwatch.GetElapsedTime(start) - read).TotalSeconds:F3}")).ConfigureAwait(false);
        }

        if (json is null)
        {
            await parseResult.InvocationConfiguration.Error.WriteLineAsync($"waymark stats {name}: {result.Error}").ConfigureAwait(false);
            return ExitCodes.Failure;
        }

        await parseResult.InvocationConfiguration.Output.WriteLineAsync(json).ConfigureAwait(false);
        return ExitCodes.Ok;
    }
}
