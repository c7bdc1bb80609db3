using System.CommandLine;
using System.Globalization;
using System.Text;
using Waymark.Content;
using Waymark.Content.Coding;

namespace Waymark.Cli.Commands;

/// <summary>
/// <c>waymark code CORPUS… --codebook CB.yaml [--unit paragraph] [--bands …] [--min N] --json [--html F] [--qdpx F]</c>,
/// <c>waymark code kwic CORPUS… --codebook CB.yaml --code NAME [--width 8]</c> and
/// <c>waymark code convert FROM TO</c> (YAML ⇄ REFI-QDA .qdc).
/// </summary>
internal static class CodeCommand
{
    public static Command Create()
    {
        var corpus = CorpusArgument();
        var codebook = CodebookOption();
        var unit = new Option<string>("--unit") { Description = "What is counted: hit, sentence, paragraph, post or thread.", DefaultValueFactory = _ => "paragraph" };
        var bands = new Option<string?>("--bands") { Description = "Count bands over units, e.g. \"100-,40-80,30-39\"." };
        var min = new Option<long>("--min") { Description = "Leave out codes found in fewer units than this." };
        var json = new Option<bool>("--json") { Description = "Print machine-readable JSON instead of a table." };
        var html = new Option<string?>("--html") { Description = "Also write a self-contained HTML report (no JavaScript) to this file." };
        var qdpx = new Option<string?>("--qdpx") { Description = "Also write a REFI-QDA project (.qdpx) for ATLAS.ti, NVivo, MAXQDA, QualCoder." };
        var perDocument = new Option<bool>("--per-document") { Description = "Add per-document counts to the JSON." };
        var perThread = new Option<bool>("--per-thread") { Description = "Add per-thread counts to the JSON." };
        var timing = new Option<bool>("--timing") { Description = "Print the seconds spent on the codebook, the matcher, the corpus and the outputs to standard error (benchmarks)." };
        var command = new Command("code", "Code a corpus with a codebook: hits, units and documents per code, bands, co-occurrence.")
        {
            corpus, codebook, unit, bands, min, json, html, qdpx, perDocument, perThread, timing,
        };
        command.SetAction((parseResult, _) =>
        {
            if (!CodingUnits.TryParse(parseResult.GetValue(unit)!, out var counted))
            {
                return FailAsync(parseResult, "code", $"--unit '{parseResult.GetValue(unit)}': use hit, sentence, paragraph, post or thread.");
            }

            var parsedBands = Bands.Parse(parseResult.GetValue(bands));
            if (!parsedBands.IsSuccess)
            {
                return FailAsync(parseResult, "code", $"--bands: {parsedBands.Error}");
            }

            if (parseResult.GetValue(min) < 0)
            {
                return FailAsync(parseResult, "code", "--min must be 0 or more.");
            }

            var progress = Console.IsErrorRedirected ? null : new ProgressIndicator(Console.Error, TimeProvider.System, "coding");
            var run = ContentAnalysis.Code(
                new CodingOptions(parseResult.GetValue(corpus)!, parseResult.GetValue(codebook)!)
                {
                    Unit = counted,
                    Bands = parsedBands.Value,
                    Minimum = parseResult.GetValue(min),
                    KeepCodings = parseResult.GetValue(qdpx) is not null,
                    Progress = progress is null ? null : progress.Report,
                },
                TimeProvider.System);
            progress?.Done();
            return WriteAsync(parseResult, run, parseResult.GetValue(html), parseResult.GetValue(qdpx), parseResult.GetValue(timing), parseResult.GetValue(json)
                ? r => r.ToJson(parseResult.GetValue(perDocument), parseResult.GetValue(perThread)) + "\n"
                : r => Table(r.Summary));
        });
        command.Subcommands.Add(Kwic());
        command.Subcommands.Add(Convert());
        return command;
    }

    private static Command Kwic()
    {
        var corpus = CorpusArgument();
        var codebook = CodebookOption();
        var code = new Option<string>("--code") { Description = "The code whose matches to show.", Required = true };
        var width = new Option<int>("--width") { Description = "Words of context on each side.", DefaultValueFactory = _ => 8 };
        var json = new Option<bool>("--json") { Description = "Print JSON instead of tab-separated lines." };
        var command = new Command("kwic", "Keyword in context: every match of one code with the words around it.") { corpus, codebook, code, width, json };
        command.SetAction((parseResult, _) => parseResult.GetValue(width) < 0
            ? FailAsync(parseResult, "code kwic", "--width must be 0 or more.")
            : PrintAsync(parseResult, "code kwic", ContentAnalysis.Kwic(parseResult.GetValue(corpus)!, parseResult.GetValue(codebook)!, parseResult.GetValue(code)!, parseResult.GetValue(width))
                .Map(lines => lines.Render(parseResult.GetValue(json)) + "\n")));
        return command;
    }

    private static Command Convert()
    {
        var from = new Argument<string>("FROM") { Description = "Codebook to read (.yaml or .qdc)." };
        var to = new Argument<string>("TO") { Description = "Codebook to write (.yaml or .qdc)." };
        var command = new Command("convert", "Convert a codebook between YAML and REFI-QDA .qdc.") { from, to };
        command.SetAction((parseResult, _) => PrintAsync(parseResult, "code convert", ContentAnalysis.ConvertCodebook(parseResult.GetValue(from)!, parseResult.GetValue(to)!)
            .Map(written => string.Create(CultureInfo.InvariantCulture, $"{written.Path}: {written.Codes} codes in {written.Themes} themes.\n"))));
        return command;
    }

    internal static Argument<string[]> CorpusArgument() => new("CORPUS")
    {
        Description = "Files or directories: .txt (paragraphs by blank lines), .csv, .jsonl (posts), .html.",
        Arity = ArgumentArity.OneOrMore,
    };

    private static Option<string> CodebookOption() => new("--codebook") { Description = "Codebook: YAML or REFI-QDA .qdc.", Required = true };

    /// <summary>Prints the text, or the problem on standard error; the exit code.</summary>
    internal static Task<int> PrintAsync(ParseResult parseResult, string name, Result<string> text) =>
        text.IsSuccess ? PrintTextAsync(parseResult, text.Value!) : FailAsync(parseResult, name, text.Error!);

    internal static async Task<int> FailAsync(ParseResult parseResult, string name, string error)
    {
        await parseResult.InvocationConfiguration.Error.WriteLineAsync($"waymark {name}: {error}").ConfigureAwait(false);
        return ExitCodes.Failure;
    }

    private static async Task<int> PrintTextAsync(ParseResult parseResult, string text)
    {
        await parseResult.InvocationConfiguration.Output.WriteAsync(text).ConfigureAwait(false);
        return ExitCodes.Ok;
    }

    /// <summary>
    /// Writes the files asked for (HTML, REFI-QDA), then the JSON or the table; with <paramref name="timing"/>, the
    /// seconds each stage took on standard error (the outputs timed here, where they are written).
    /// </summary>
    private static async Task<int> WriteAsync(ParseResult parseResult, Result<CodingRun> result, string? html, string? qdpx, bool timing, Func<CodingRun, string> render)
    {
        if (!result.IsSuccess)
        {
            return await FailAsync(parseResult, "code", result.Error!).ConfigureAwait(false);
        }

        var run = result.Value!;
        var started = TimeProvider.System.GetTimestamp();
        if (html is not null)
        {
            await File.WriteAllTextAsync(html, run.ToHtml()).ConfigureAwait(false);
        }

        if (qdpx is not null && run.WriteQdpx(qdpx) is { IsSuccess: false } written)
        {
            return await FailAsync(parseResult, "code", written.Error!).ConfigureAwait(false);
        }

        var text = render(run);
        if (timing)
        {
            var output = TimeProvider.System.GetElapsedTime(started);
            await parseResult.InvocationConfiguration.Error.WriteLineAsync(string.Create(
                CultureInfo.InvariantCulture,
                $"codebook={run.CodebookTime.TotalSeconds:F3} matcher={run.MatcherTime.TotalSeconds:F3} corpus={run.CorpusTime.TotalSeconds:F3} output={output.TotalSeconds:F3}")).ConfigureAwait(false);
        }

        return await PrintTextAsync(parseResult, text).ConfigureAwait(false);
    }

    /// <summary>
    /// The terminal table of a coding run: one line per code; with a codebook that carries published counts, the
    /// published count and observed / published beside each, then the study's method and known gaps.
    /// </summary>
    internal static string Table(CodingSummary coding)
    {
        var unit = coding.Unit;
        List<string> headers = ["Theme", "Code", "Hits", Plural(unit), "Documents", "Band"];
        if (coding.ComparesWithPublished)
        {
            headers.AddRange(["Published", "Observed/published"]);
        }

        var rows = coding.Codes.Select(c =>
        {
            List<string> cells = [c.Theme, c.Code, Count(c.Hits), Count(c.Units), Count(c.Documents), c.Band ?? ""];
            if (coding.ComparesWithPublished)
            {
                cells.AddRange([c.Published is { } p ? Count(p) : "", c.Ratio is { } r ? r.ToString("F2", CultureInfo.InvariantCulture) : ""]);
            }

            return (IReadOnlyList<string>)cells;
        });
        var text = new StringBuilder();
        text.Append(CultureInfo.InvariantCulture, $"{coding.Codebook}: {Count(coding.Units)} {Plural(unit).ToLowerInvariant()} in {Count(coding.Documents)} documents\n\n");
        text.Append(TextTable.Render(headers, rows, new HashSet<int> { 2, 3, 4, 6, 7 }));
        if (coding.Study is { } study)
        {
            text.Append(CultureInfo.InvariantCulture, $"\nPublished: {study.Citation}\n");
            var counted = new List<string>();
            if (study.Unit is { } published)
            {
                counted.Add(string.Equals(published, unit, StringComparison.Ordinal)
                    ? $"unit {published}"
                    : $"unit {published} (this run counted {unit}s: no ratio)");
            }

            if (study.Documents is { } documents)
            {
                counted.Add($"{Count(documents)} documents");
            }

            if (study.Communities is { } communities)
            {
                counted.Add($"{Count(communities)} communities");
            }

            if (study.Tool is { } tool)
            {
                counted.Add(tool);
            }

            if (counted.Count > 0)
            {
                text.Append(CultureInfo.InvariantCulture, $"Method: {string.Join("; ", counted)}\n");
            }

            foreach (var gap in study.Gaps)
            {
                text.Append(CultureInfo.InvariantCulture, $"Gap: {gap}\n");
            }
        }

        return text.ToString();
    }

    private static string Count(long value) => value.ToString(CultureInfo.InvariantCulture);

    private static string Plural(string unit) => char.ToUpperInvariant(unit[0]) + unit[1..] + "s";
}
