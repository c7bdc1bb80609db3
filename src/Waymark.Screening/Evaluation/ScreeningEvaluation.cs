using System.Text;
using System.Text.Json;
using Waymark.Screening.Normalization;
using Waymark.Screening.Terms;

namespace Waymark.Screening.Evaluation;

/// <summary>What the baseline (Ahmia's filter) found in the same queries: how many it flagged, and those Waymark missed.</summary>
public sealed record BaselineScore(int Flagged, int FlaggedMissedByWaymark, IReadOnlyList<string> Examples);

/// <summary>Recall on one class of obfuscation: how many generated queries were caught.</summary>
public sealed record MutationClassScore(string Class, int Generated, int Detected, IReadOnlyList<string> Misses, BaselineScore? Baseline = null)
{
    public double Recall => Generated == 0 ? 1 : (double)Detected / Generated;
}

/// <summary>False positives on one file of benign text (one query a line).</summary>
public sealed record BenignScore(string File, int Queries, int Flagged, IReadOnlyList<string> Examples, BaselineScore? Baseline = null)
{
    public double Rate => Queries == 0 ? 0 : (double)Flagged / Queries;
}

/// <summary>
/// Report intent's false positives: of the generated queries that seek (every class but report-intent), how many
/// were sent to the reporting page instead of the warning.
/// </summary>
public sealed record ReportRouting(int SeekingQueries, int RoutedToReporting, IReadOnlyList<string> Examples)
{
    public double Rate => SeekingQueries == 0 ? 0 : (double)RoutedToReporting / SeekingQueries;
}

/// <summary>The harness's report: recall per mutation class and false-positive rate per benign file.</summary>
public sealed record EvaluationReport(int Terms, int MutationsPerTerm, int Seed, IReadOnlyList<MutationClassScore> Classes, IReadOnlyList<BenignScore> Benign, string? Baseline = null, ReportRouting? Report = null)
{
    public const double RecallGoal = 0.99;
    public const double FalsePositiveGoal = 0.001;

    /// <summary>
    /// Every class at or above the recall goal (for report-intent: sent to the reporting page), all benign text
    /// together at or below the false-positive goal, seeking queries sent to the reporting page at or below it too,
    /// and (with a baseline) no generated query that the baseline flags and Waymark misses.
    /// </summary>
    public bool MeetsGoals => Classes.All(c => c.Recall >= RecallGoal && (c.Baseline?.FlaggedMissedByWaymark ?? 0) == 0) && BenignRate <= FalsePositiveGoal
        && (Report?.Rate ?? 0) <= FalsePositiveGoal;

    /// <summary>False positives over all benign files together.</summary>
    public double BenignRate => Benign.Sum(b => b.Queries) == 0 ? 0 : (double)Benign.Sum(b => b.Flagged) / Benign.Sum(b => b.Queries);

    public string ToJson()
    {
        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer, new JsonWriterOptions { Indented = true, Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping }))
        {
            json.WriteStartObject();
            json.WriteNumber("terms", Terms);
            json.WriteNumber("mutations_per_term", MutationsPerTerm);
            json.WriteNumber("seed", Seed);
            json.WriteString("baseline", Baseline);
            json.WriteStartArray("recall");
            foreach (var c in Classes)
            {
                json.WriteStartObject();
                json.WriteString("class", c.Class);
                json.WriteNumber("generated", c.Generated);
                json.WriteNumber("detected", c.Detected);
                json.WriteNumber("recall", Math.Round(c.Recall, 6));
                json.WriteStringArray("misses", c.Misses);
                WriteBaseline(json, c.Baseline);
                json.WriteEndObject();
            }

            json.WriteEndArray();
            json.WriteStartArray("benign");
            foreach (var b in Benign)
            {
                json.WriteStartObject();
                json.WriteString("file", b.File);
                json.WriteNumber("queries", b.Queries);
                json.WriteNumber("flagged", b.Flagged);
                json.WriteNumber("false_positive_rate", Math.Round(b.Rate, 8));
                json.WriteStringArray("examples", b.Examples);
                WriteBaseline(json, b.Baseline);
                json.WriteEndObject();
            }

            json.WriteEndArray();
            json.WriteNumber("false_positive_rate", Math.Round(BenignRate, 8));
            if (Report is not null)
            {
                json.WriteStartObject("report_intent_false_positives");
                json.WriteNumber("seeking_queries", Report.SeekingQueries);
                json.WriteNumber("routed_to_reporting", Report.RoutedToReporting);
                json.WriteNumber("rate", Math.Round(Report.Rate, 8));
                json.WriteStringArray("examples", Report.Examples);
                json.WriteEndObject();
            }

            json.WriteBoolean("meets_goals", MeetsGoals);
            json.WriteEndObject();
        }

        return Encoding.UTF8.GetString(buffer.ToArray());
    }

    private static void WriteBaseline(Utf8JsonWriter json, BaselineScore? baseline)
    {
        if (baseline is null)
        {
            return;
        }

        json.WriteNumber("baseline_flagged", baseline.Flagged);
        json.WriteNumber("baseline_flagged_waymark_missed", baseline.FlaggedMissedByWaymark);
        json.WriteStringArray("baseline_only_examples", baseline.Examples);
    }
}

/// <summary>
/// The precision/recall harness: obfuscations of every term, generated per class from a seed,
/// must be caught; lines of benign text must not be.
/// </summary>
public static class ScreeningEvaluation
{
    /// <summary>Examples kept per class and file in the report, to show what a miss or a false positive was.</summary>
    public const int MaxExamples = 10;

    /// <summary>The baselines <c>--baseline</c> accepts.</summary>
    public static readonly string[] Baselines = ["ahmia"];

    public static Result<EvaluationReport> Run(Screener screener, IReadOnlyList<TermEntry> terms, IReadOnlyList<string> benignFiles, int mutationsPerTerm, int seed, string? baseline = null)
    {
        ArgumentNullException.ThrowIfNull(screener);
        ArgumentNullException.ThrowIfNull(terms);
        ArgumentNullException.ThrowIfNull(benignFiles);
        if (mutationsPerTerm < 1)
        {
            return Result.Fail<EvaluationReport>("The number of mutations per term must be at least 1.");
        }

        if (baseline is not null && !Baselines.Contains(baseline, StringComparer.Ordinal))
        {
            return Result.Fail<EvaluationReport>($"The baseline '{baseline}' is not known; use one of: {string.Join(", ", Baselines)}.");
        }

        var generator = new MutationGenerator(seed, UnicodeData.Load());
        var classes = new List<MutationClassScore>();
        var searchTerms = terms.Where(t => t.Mode != MatchMode.Allow).ToList();
        var ahmia = baseline is null ? null : AhmiaBaseline.FromTerms(searchTerms.Select(t => t.Term));
        int seeking = 0, routed = 0;
        var routedExamples = new List<string>();
        foreach (var mutationClass in MutationGenerator.Classes)
        {
            // Report intent is measured only where a report-intent list is loaded.
            var reportClass = mutationClass == MutationGenerator.ReportIntentClass;
            if (reportClass && !screener.HasReportIntents)
            {
                continue;
            }

            int generated = 0, detected = 0;
            var misses = new List<string>();
            var tally = new BaselineTally();
            foreach (var term in searchTerms)
            {
                for (var i = 0; i < mutationsPerTerm; i++)
                {
                    if (generator.Mutate(term.Term, mutationClass) is not { } query)
                    {
                        continue;
                    }

                    generated++;
                    var result = screener.Screen(query, term.Language == "*" ? "en" : term.Language);
                    tally.Add(ahmia, query, result.Matched);
                    if (!reportClass && result.IsReport)
                    {
                        routed++;
                        if (routedExamples.Count < MaxExamples)
                        {
                            routedExamples.Add(query);
                        }
                    }

                    seeking += reportClass ? 0 : 1;

                    // A report-intent query counts only when it is sent to the reporting page; any other when it is warned.
                    if (reportClass ? result.IsReport : result.Matched && !result.IsReport)
                    {
                        detected++;
                    }
                    else if (misses.Count < MaxExamples)
                    {
                        misses.Add(query);
                    }
                }
            }

            classes.Add(new MutationClassScore(mutationClass, generated, detected, misses, ahmia is null ? null : tally.Result()));
        }

        var benign = new List<BenignScore>();
        foreach (var file in benignFiles)
        {
            var lines = ReadBenign(file);
            if (!lines.IsSuccess)
            {
                return Result.Fail<EvaluationReport>(lines.Error!);
            }

            int queries = 0, flagged = 0;
            var examples = new List<string>();
            var tally = new BaselineTally();
            foreach (var line in lines.Value!)
            {
                queries++;
                var matched = screener.Screen(line, "en").Matched;
                tally.Add(ahmia, line, matched);
                if (matched)
                {
                    flagged++;
                    if (examples.Count < MaxExamples)
                    {
                        examples.Add(line);
                    }
                }
            }

            benign.Add(new BenignScore(Path.GetFileName(file), queries, flagged, examples, ahmia is null ? null : tally.Result()));
        }

        var report = screener.HasReportIntents ? new ReportRouting(seeking, routed, routedExamples) : null;
        return Result.Ok(new EvaluationReport(searchTerms.Count, mutationsPerTerm, seed, classes, benign, baseline, report));
    }

    /// <summary>Counts what the baseline flags, and what it flags that Waymark did not.</summary>
    private sealed class BaselineTally
    {
        private readonly List<string> _examples = [];
        private int _flagged;
        private int _missed;

        public void Add(AhmiaBaseline? baseline, string query, bool waymarkMatched)
        {
            if (baseline is null || !baseline.IsBanned(query))
            {
                return;
            }

            _flagged++;
            if (!waymarkMatched)
            {
                _missed++;
                if (_examples.Count < MaxExamples)
                {
                    _examples.Add(query);
                }
            }
        }

        public BaselineScore Result() => new(_flagged, _missed, [.. _examples]);
    }

    /// <summary>One query a line, or a JSON array of strings (as the npm nlp-corpus builds ship).</summary>
    internal static Result<IReadOnlyList<string>> ReadBenign(string path)
    {
        try
        {
            var text = File.ReadAllText(path);
            if (text.TrimStart().StartsWith('['))
            {
                var array = JsonSerializer.Deserialize<string[]>(text) ?? [];
                return Result.Ok<IReadOnlyList<string>>(array.Where(s => !string.IsNullOrWhiteSpace(s)).ToList());
            }

            return Result.Ok<IReadOnlyList<string>>(text.Split('\n').Select(l => l.TrimEnd('\r')).Where(l => l.Trim().Length > 0).ToList());
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or JsonException)
        {
            return Result.Fail<IReadOnlyList<string>>($"Cannot read the benign text {path}: {e.Message}");
        }
    }
}
