using Waymark.Surveys;

namespace Waymark.Responses;

/// <summary>What the flow knows about one response when it is submitted, for the per-response flags.</summary>
/// <param name="Answers">The final answers (irrelevant ones already dropped).</param>
/// <param name="FreeTextQuestions">Names of the text questions.</param>
/// <param name="Grids">Runs of three or more <c>select_one</c> questions on one page sharing a choice list.</param>
/// <param name="AttentionChecks">Question name → the answer the question asks for.</param>
/// <param name="HoneypotFilled">Whether the hidden honeypot field came back non-empty on any page.</param>
/// <param name="PageSeconds">Rounded seconds spent on each page.</param>
public sealed record QualityInput(
    IReadOnlyDictionary<string, string> Answers,
    IReadOnlyCollection<string> FreeTextQuestions,
    IReadOnlyList<IReadOnlyList<string>> Grids,
    IReadOnlyDictionary<string, string> AttentionChecks,
    bool HoneypotFilled,
    IReadOnlyList<int> PageSeconds)
{
    /// <summary>
    /// The form's repeats: the answer under a repeat's name is its number of instances, not an item answered. The questions
    /// of a repeat are answered once per instance (<c>NAME[i]</c>, <see cref="Waymark.Surveys.AnswerKeys"/>): every rule
    /// reads each instance's answers as it reads a question outside repeats.
    /// </summary>
    public IReadOnlyCollection<string> Repeats { get; init; } = [];
}

/// <summary>The data-quality flags of one response (at submission) and of a set (at export).</summary>
public static class QualityCheck
{
    /// <summary>Smallest grid for the straight-lining rule.</summary>
    public const int MinimumGridItems = 3;

    public static IReadOnlyList<string> ForResponse(QualityInput input)
    {
        ArgumentNullException.ThrowIfNull(input);
        var flags = new List<string>();
        if (input.HoneypotFilled)
        {
            flags.Add(QualityFlag.Honeypot);
        }

        if (input.Grids.Any(grid => IsStraightLined(grid, input.Answers)))
        {
            flags.Add(QualityFlag.StraightLining);
        }

        if (input.Answers.Any(a => input.FreeTextQuestions.Contains(QuestionOf(a.Key)) && GibberishDetector.LooksLikeGibberish(a.Value)))
        {
            flags.Add(QualityFlag.Gibberish);
        }

        if (input.Answers.Any(a => input.AttentionChecks.TryGetValue(QuestionOf(a.Key), out var asked) && !string.Equals(a.Value.Trim(), asked, StringComparison.Ordinal)))
        {
            flags.Add(QualityFlag.AttentionCheck);
        }

        if (IsFast(input.PageSeconds.Sum(), CountAnswered(input.Answers, input.Repeats)))
        {
            flags.Add(QualityFlag.Fast);
        }

        return flags;
    }

    /// <summary>Answered items: non-empty answers (each instance of a repeat's question is one), not a repeat's number of instances.</summary>
    public static int CountAnswered(IReadOnlyDictionary<string, string> answers, IReadOnlyCollection<string>? repeats = null) =>
        answers?.Count(a => !string.IsNullOrWhiteSpace(a.Value) && repeats?.Contains(a.Key) != true) ?? 0;

    /// <summary>The question an answer key belongs to: <c>NAME</c> for <c>NAME[i]</c>, else the key.</summary>
    private static string QuestionOf(string key) => AnswerKeys.TryParse(key, out var question, out _) ? question : key;

    /// <summary>
    /// Adds the set-level flags to each record: <see cref="QualityFlag.Speeding"/> (fast and under
    /// half the median total seconds of the set) and <see cref="QualityFlag.Duplicate"/> (exactly
    /// the same answers as another record of the set). Returns new records; nothing is removed.
    /// </summary>
    public static IReadOnlyList<ResponseRecord> ForSet(IReadOnlyList<ResponseRecord> records)
    {
        ArgumentNullException.ThrowIfNull(records);
        var totals = records.Select(r => r.PageSeconds.Sum()).Order().ToList();
        var median = Median(totals);
        var vectors = records.GroupBy(AnswerVector, StringComparer.Ordinal).Where(g => g.Count() > 1)
            .Select(g => g.Key).ToHashSet(StringComparer.Ordinal);
        return records.Select(record =>
        {
            var flags = record.Flags.ToList();
            var total = record.PageSeconds.Sum();
            if (IsFast(total, record.Items) && total < median / 2.0)
            {
                flags.Add(QualityFlag.Speeding);
            }

            if (vectors.Contains(AnswerVector(record)))
            {
                flags.Add(QualityFlag.Duplicate);
            }

            return record with { Flags = flags.Distinct(StringComparer.Ordinal).ToList() };
        }).ToList();
    }

    private static bool IsStraightLined(IReadOnlyList<string> grid, IReadOnlyDictionary<string, string> answers)
    {
        if (grid.Count < MinimumGridItems)
        {
            return false;
        }

        // A grid inside a repeat is answered once per instance: each instance is a grid of its own (0: outside repeats).
        var instances = answers.Keys
            .Select(k => AnswerKeys.TryParse(k, out var q, out var i) && q == grid[0] ? i : -1)
            .Where(i => i >= 0)
            .Distinct();
        return instances.Any(i =>
        {
            var given = grid.Select(q => answers.TryGetValue(AnswerKeys.Of(q, i), out var a) ? a : null).ToList();
            return given.All(a => !string.IsNullOrEmpty(a)) && given.Distinct(StringComparer.Ordinal).Count() == 1;
        });
    }

    private static bool IsFast(int totalSeconds, int items) => items > 0 && totalSeconds < items;

    private static double Median(List<int> sorted) =>
        sorted.Count == 0 ? 0 : sorted.Count % 2 == 1 ? sorted[sorted.Count / 2] : (sorted[(sorted.Count / 2) - 1] + sorted[sorted.Count / 2]) / 2.0;

    /// <summary>The answers in name order, unambiguously joined.</summary>
    private static string AnswerVector(ResponseRecord record) =>
        string.Join('\u001f', record.Answers.Where(a => !string.IsNullOrEmpty(a.Value)).OrderBy(a => a.Key, StringComparer.Ordinal).Select(a => a.Key + '\u001e' + a.Value));
}
