using System.CommandLine;
using Waymark.Screening;
using Waymark.Screening.Evaluation;
using Waymark.Screening.Terms;

namespace Waymark.Cli.Commands;

/// <summary>
/// <c>waymark screen "QUERY" --json</c>, <c>waymark screen batch &lt; queries.txt</c> and
/// <c>waymark screen eval</c>: search screening without a server, the JSON the API gives.
/// </summary>
internal static class ScreenCommand
{
    public static Command Create()
    {
        var query = new Argument<string>("QUERY") { Description = "The search query to screen." };
        var terms = TermsOption();
        var language = LanguageOption();
        var json = new Option<bool>("--json") { Description = "Print the API's JSON (the only format so far; accepted for scripts)." };
        var strict = StrictOption();
        var command = new Command("screen", "Screen a search query against a term list; prints the warning to show, as GET /api/screen does.")
        {
            query, terms, language, json, strict,
        };
        command.SetAction((parseResult, _) => WithScreenerAsync(parseResult, terms, strict, async (screener, output) =>
        {
            await output.WriteLineAsync(screener.Screen(parseResult.GetValue(query)!, parseResult.GetValue(language)).ToJson()).ConfigureAwait(false);
            return ExitCodes.Ok;
        }));
        command.Subcommands.Add(Batch());
        command.Subcommands.Add(Eval());
        return command;
    }

    private static Command Batch()
    {
        var terms = TermsOption();
        var language = LanguageOption();
        var summary = new Option<bool>("--summary") { Description = "Print only the totals: {\"screened\":N,\"matched\":M}." };
        var input = new Option<FileInfo?>("--input") { Description = "Read the queries from this file instead of standard input." };
        var strict = StrictOption();
        var command = new Command("batch", "Screen one query per line of standard input; print one JSON object per line (or only the totals).")
        {
            terms, language, summary, input, strict,
        };
        command.SetAction((parseResult, _) => WithScreenerAsync(parseResult, terms, strict, async (screener, output) =>
        {
            var lang = parseResult.GetValue(language);
            var onlyTotals = parseResult.GetValue(summary);
            long screened = 0, matched = 0;
            var file = parseResult.GetValue(input);
            using var queries = new StreamReader(file is null ? Console.OpenStandardInput() : file.OpenRead(), System.Text.Encoding.UTF8, true, 1 << 16);
            while (queries.ReadLine() is { } line)
            {
                screened++;
                if (onlyTotals)
                {
                    // Only the totals: the same search, without writing out a warning nobody reads.
                    matched += screener.FindTerm(line, lang) is null ? 0 : 1;
                    continue;
                }

                var result = screener.Screen(line, lang);
                matched += result.Matched ? 1 : 0;
                await output.WriteLineAsync(result.ToJson()).ConfigureAwait(false);
            }

            if (onlyTotals)
            {
                await output.WriteLineAsync($"{{\"screened\":{screened},\"matched\":{matched}}}").ConfigureAwait(false);
            }

            return ExitCodes.Ok;
        }));
        return command;
    }

    private static Command Eval()
    {
        var terms = new Option<string?>("--terms") { Description = "Term list to evaluate (Waymark TSV or Ahmia's .map).", Required = true };
        var benign = new Option<string[]>("--benign")
        {
            Description = "Benign text: one query per line, or a JSON array of strings. Repeat or list several.",
            Required = true,
            AllowMultipleArgumentsPerToken = true,
        };
        var mutations = new Option<int>("--mutations") { Description = "Obfuscated queries generated per term and class.", DefaultValueFactory = _ => 10 };
        var seed = new Option<int>("--seed") { Description = "Seed of the generator (the same seed gives the same queries).", DefaultValueFactory = _ => 1 };
        var json = new Option<bool>("--json") { Description = "Print JSON (the only format so far)." };
        var baseline = new Option<string?>("--baseline")
        {
            Description = "Also run another filter on the same queries and report what it flags that Waymark misses: ahmia (Ahmia's banned_search).",
        };
        baseline.AcceptOnlyFromAmong(ScreeningEvaluation.Baselines);
        var command = new Command("eval", "Recall per obfuscation class on generated variants of the terms, and the false-positive rate on benign text.")
        {
            terms, benign, mutations, seed, json, baseline,
        };
        command.SetAction((parseResult, _) => WithScreenerAsync(parseResult, terms, async (screener, output) =>
        {
            var report = TermListParser.Load(parseResult.GetValue(terms)!)
                .Then(list => ScreeningEvaluation.Run(screener, list, parseResult.GetValue(benign)!, parseResult.GetValue(mutations), parseResult.GetValue(seed), parseResult.GetValue(baseline)));
            if (!report.IsSuccess)
            {
                await parseResult.InvocationConfiguration.Error.WriteLineAsync("waymark screen eval: " + report.Error).ConfigureAwait(false);
                return ExitCodes.Failure;
            }

            await output.WriteLineAsync(report.Value!.ToJson()).ConfigureAwait(false);
            return ExitCodes.Ok;
        }));
        return command;
    }

    private static Option<string?> TermsOption() => new("--terms")
    {
        Description = "Term list: Waymark TSV (term, language, mode, category, source) or Ahmia's banned_terms.map. Default: the shipped generic list.",
    };

    private static Option<bool> StrictOption() => new("--strict")
    {
        Description = "Refuse a term list with a line that cannot be read (by default such a line is named on standard error and skipped).",
    };

    private static Option<string?> LanguageOption() => new("--lang") { Description = "Interface language of the searcher (allow-list and warning language), such as en or fi." };

    private static async Task<int> WithScreenerAsync(ParseResult parseResult, Option<string?> terms, Option<bool> strict, Func<Screener, TextWriter, Task<int>> run) =>
        await WithScreenerAsync(parseResult, parseResult.GetValue(terms), parseResult.GetValue(strict), run).ConfigureAwait(false);

    private static async Task<int> WithScreenerAsync(ParseResult parseResult, Option<string?> terms, Func<Screener, TextWriter, Task<int>> run) =>
        await WithScreenerAsync(parseResult, parseResult.GetValue(terms), strict: true, run).ConfigureAwait(false);

    private static async Task<int> WithScreenerAsync(ParseResult parseResult, string? termsPath, bool strict, Func<Screener, TextWriter, Task<int>> run)
    {
        var error = parseResult.InvocationConfiguration.Error;
        var options = new ScreenerOptions { TermsPath = termsPath, StrictTerms = strict };
        var loaded = Screener.LoadWithTermFile(options);
        if (!loaded.IsSuccess)
        {
            await error.WriteLineAsync("waymark screen: " + loaded.Error).ConfigureAwait(false);
            return ExitCodes.Failure;
        }

        var (screener, file) = loaded.Value!;
        foreach (var skipped in file.DescribeSkipped())
        {
            await error.WriteLineAsync("waymark screen: skipped " + skipped).ConfigureAwait(false);
        }

        if (file.SkippedSummary is { } summary)
        {
            await error.WriteLineAsync($"waymark screen: {summary} Give --strict to refuse such a list.").ConfigureAwait(false);
        }

        return await run(screener, parseResult.InvocationConfiguration.Output).ConfigureAwait(false);
    }
}
