using System.Globalization;
using Waymark.Surveys;
using Waymark.Surveys.Paging;

namespace Waymark.Web.Surveys;

/// <summary>How repeats are drawn: a page's blocks, and a question's answers in every instance as one console cell.</summary>
internal static class RepeatLayout
{
    /// <summary>A question's answer; for a question of a repeat, each instance's as "1: …; 2: …" (empty instances left out).</summary>
    public static string AnswerText(Instrument instrument, IReadOnlyDictionary<string, string> answers, string question)
    {
        if (instrument.RepeatOf(question) is not { } repeat)
        {
            return answers.GetValueOrDefault(question) ?? string.Empty;
        }

        var count = int.TryParse(answers.GetValueOrDefault(repeat.Name), NumberStyles.None, CultureInfo.InvariantCulture, out var n) ? Math.Min(n, AnswerKeys.MaxInstances) : 0;
        return string.Join("; ", Enumerable.Range(1, count)
            .Where(i => answers.ContainsKey(AnswerKeys.Of(question, i)))
            .Select(i => string.Create(CultureInfo.InvariantCulture, $"{i}: {answers[AnswerKeys.Of(question, i)]}")));
    }

    /// <summary>The order a page is drawn in: each question outside repeats by its index, each repeat as one block where it starts.</summary>
    public static IEnumerable<(int Question, VisibleRepeat? Repeat)> Items(PageView page)
    {
        var at = 0;
        foreach (var repeat in page.Repeats)
        {
            for (; at < repeat.Start; at++)
            {
                yield return (at, null);
            }

            yield return (-1, repeat);
            at = repeat.Instances.Count > 0 ? repeat.Instances[^1].End : repeat.Start;
        }

        for (; at < page.Questions.Count; at++)
        {
            yield return (at, null);
        }
    }
}
