using System.CommandLine;
using System.Globalization;
using Waymark.Content;

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
        var json = new Option<bool>("--json") { Description = "Print machine-readable JSON (the only format so far)." };
        var html = new Option<string?>("--html") { Description = "Also write a self-contained HTML report (no JavaScript) to this file." };
        var qdpx = new Option<string?>("--qdpx") { Description = "Also write a REFI-QDA project (.qdpx) for ATLAS.ti, NVivo, MAXQDA, QualCoder." };
        var perDocument = new Option<bool>("--per-document") { Description = "Add per-document counts to the JSON." };
        var perThread = new Option<bool>("--per-thread") { Description = "Add per-thread counts to the JSON." };
        var timing = new Option<bool>("--timing") { Description = "Print the seconds spent on the codebook, the matcher, the corpus and the outputs to standard error (benchmarks)." };
        var command = new Command("code", "Code a corpus with a codebook: hits, units and documents per code, bands, co-occurrence.")
        {
            corpus, codebook, unit, bands, min, json, html, qdpx, perDocument, perThread, timing,
        };
        command.SetAction((parseResult, _) => PrintAsync(parseResult, "code", parseResult.GetValue(timing), ContentAnalysis.Code(
            new CodeRequest(parseResult.GetValue(corpus)!, parseResult.GetValue(codebook)!)
            {
                Unit = parseResult.GetValue(unit)!,
                Bands = parseResult.GetValue(bands),
                Minimum = parseResult.GetValue(min),
                HtmlPath = parseResult.GetValue(html),
                QdpxPath = parseResult.GetValue(qdpx),
                PerDocument = parseResult.GetValue(perDocument),
                PerThread = parseResult.GetValue(perThread),
                Progress = Console.IsErrorRedirected ? null : Console.Error,
            },
            TimeProvider.System)));
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
        command.SetAction((parseResult, _) => PrintAsync(parseResult, "code kwic", ContentAnalysis.Kwic(
            parseResult.GetValue(corpus)!, parseResult.GetValue(codebook)!, parseResult.GetValue(code)!, parseResult.GetValue(width), parseResult.GetValue(json))));
        return command;
    }

    private static Command Convert()
    {
        var from = new Argument<string>("FROM") { Description = "Codebook to read (.yaml or .qdc)." };
        var to = new Argument<string>("TO") { Description = "Codebook to write (.yaml or .qdc)." };
        var command = new Command("convert", "Convert a codebook between YAML and REFI-QDA .qdc.") { from, to };
        command.SetAction((parseResult, _) => PrintAsync(parseResult, "code convert", ContentAnalysis.ConvertCodebook(parseResult.GetValue(from)!, parseResult.GetValue(to)!)));
        return command;
    }

    internal static Argument<string[]> CorpusArgument() => new("CORPUS")
    {
        Description = "Files or directories: .txt (paragraphs by blank lines), .csv, .jsonl (posts), .html.",
        Arity = ArgumentArity.OneOrMore,
    };

    private static Option<string> CodebookOption() => new("--codebook") { Description = "Codebook: YAML or REFI-QDA .qdc.", Required = true };

    internal static Task<int> PrintAsync(ParseResult parseResult, string name, ContentOutput result) => PrintAsync(parseResult, name, timing: false, result);

    private static async Task<int> PrintAsync(ParseResult parseResult, string name, bool timing, ContentOutput result)
    {
        if (timing && result.Error is null)
        {
            await parseResult.InvocationConfiguration.Error.WriteLineAsync(string.Create(
                CultureInfo.InvariantCulture,
                $"codebook={result.CodebookTime.TotalSeconds:F3} matcher={result.MatcherTime.TotalSeconds:F3} corpus={result.CorpusTime.TotalSeconds:F3} output={result.OutputTime.TotalSeconds:F3}")).ConfigureAwait(false);
        }

        if (result.Error is not null)
        {
            await parseResult.InvocationConfiguration.Error.WriteLineAsync($"waymark {name}: {result.Error}").ConfigureAwait(false);
            return ExitCodes.Failure;
        }

        await parseResult.InvocationConfiguration.Output.WriteLineAsync(result.Output).ConfigureAwait(false);
        return ExitCodes.Ok;
    }
}
