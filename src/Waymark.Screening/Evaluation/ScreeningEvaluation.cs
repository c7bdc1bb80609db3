using System.Text;
using System.Text.Json;
using Waymark.Screening.Normalization;
using Waymark.Screening.Terms;
using Waymark.Text;

namespace Waymark.Screening.Evaluation;

/// <summary>Recall on one class of obfuscation: how many generated queries were caught.</summary>
public sealed record MutationClassResult(string Class, int Generated, int Detected, IReadOnlyList<string> Misses)
{
    public double Recall => Generated == 0 ? 1 : (double)Detected / Generated;
}

/// <summary>False positives on one file of benign text (one query a line).</summary>
public sealed record BenignResult(string File, int Queries, int Flagged, IReadOnlyList<string> Examples)
{
    public double Rate => Queries == 0 ? 0 : (double)Flagged / Queries;
}

/// <summary>The harness's report: recall per mutation class and false-positive rate per benign file.</summary>
public sealed record EvaluationReport(int Terms, int MutationsPerTerm, int Seed, IReadOnlyList<MutationClassResult> Classes, IReadOnlyList<BenignResult> Benign)
{
    public const double RecallGoal = 0.99;
    public const double FalsePositiveGoal = 0.001;

    /// <summary>Every class at or above the recall goal, and all benign text together at or below the false-positive goal.</summary>
    public bool MeetsGoals => Classes.All(c => c.Recall >= RecallGoal) && BenignRate <= FalsePositiveGoal;

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
            json.WriteStartArray("recall");
            foreach (var c in Classes)
            {
                json.WriteStartObject();
                json.WriteString("class", c.Class);
                json.WriteNumber("generated", c.Generated);
                json.WriteNumber("detected", c.Detected);
                json.WriteNumber("recall", Math.Round(c.Recall, 6));
                json.WriteStartArray("misses");
                foreach (var miss in c.Misses)
                {
                    json.WriteStringValue(miss);
                }

                json.WriteEndArray();
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
                json.WriteStartArray("examples");
                foreach (var example in b.Examples)
                {
                    json.WriteStringValue(example);
                }

                json.WriteEndArray();
                json.WriteEndObject();
            }

            json.WriteEndArray();
            json.WriteNumber("false_positive_rate", Math.Round(BenignRate, 8));
            json.WriteBoolean("meets_goals", MeetsGoals);
            json.WriteEndObject();
        }

        return Encoding.UTF8.GetString(buffer.ToArray());
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

    public static Result<EvaluationReport> Run(Screener screener, IReadOnlyList<TermEntry> terms, IReadOnlyList<string> benignFiles, int mutationsPerTerm, int seed)
    {
        ArgumentNullException.ThrowIfNull(screener);
        ArgumentNullException.ThrowIfNull(terms);
        ArgumentNullException.ThrowIfNull(benignFiles);
        if (mutationsPerTerm < 1)
        {
            return Result.Fail<EvaluationReport>("--mutations must be at least 1.");
        }

        var generator = new MutationGenerator(seed, UnicodeData.Load());
        var classes = new List<MutationClassResult>();
        var searchTerms = terms.Where(t => t.Mode != MatchMode.Allow).ToList();
        foreach (var mutationClass in MutationGenerator.Classes)
        {
            int generated = 0, detected = 0;
            var misses = new List<string>();
            foreach (var term in searchTerms)
            {
                for (var i = 0; i < mutationsPerTerm; i++)
                {
                    if (generator.Mutate(term.Term, mutationClass) is not { } query)
                    {
                        continue;
                    }

                    generated++;
                    if (screener.Screen(query, term.Language == "*" ? "en" : term.Language).Matched)
                    {
                        detected++;
                    }
                    else if (misses.Count < MaxExamples)
                    {
                        misses.Add(query);
                    }
                }
            }

            classes.Add(new MutationClassResult(mutationClass, generated, detected, misses));
        }

        var benign = new List<BenignResult>();
        foreach (var file in benignFiles)
        {
            var lines = ReadBenign(file);
            if (!lines.IsSuccess)
            {
                return Result.Fail<EvaluationReport>(lines.Error!);
            }

            int queries = 0, flagged = 0;
            var examples = new List<string>();
            foreach (var line in lines.Value!)
            {
                queries++;
                if (screener.Screen(line, "en").Matched)
                {
                    flagged++;
                    if (examples.Count < MaxExamples)
                    {
                        examples.Add(line);
                    }
                }
            }

            benign.Add(new BenignResult(Path.GetFileName(file), queries, flagged, examples));
        }

        return Result.Ok(new EvaluationReport(searchTerms.Count, mutationsPerTerm, seed, classes, benign));
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
