namespace Waymark.Surveys;

/// <summary>
/// The rows an analysis of some questions runs over (<see cref="AnalysisRows.For"/>): one per response when none of them is
/// in a repeat, else one per instance of that repeat, as its long table in the exports. <see cref="Repeat"/> names the
/// repeat (null: rows are responses); <see cref="Responses"/> is how many responses the rows came from.
/// </summary>
public sealed record AnalysisRowSet(Group? Repeat, IReadOnlyList<IReadOnlyDictionary<string, string>> Rows, int Responses)
{
    /// <summary>What one row is, for a caption: "responses", or "instances of repeat NAME".</summary>
    public string Unit => Repeat is null ? "responses" : $"instances of repeat {Repeat.Name}";
}

/// <summary>Turns responses' raw answers (keyed as in <see cref="AnswerKeys"/>) into the rows an analysis of some questions reads.</summary>
public static class AnalysisRows
{
    /// <summary>
    /// The rows for analysing <paramref name="questions"/> together, each keyed by plain question name. Questions of one repeat:
    /// a row per instance (1..the response's number of instances) with that instance's answers and, for a question outside
    /// repeats, the response's answer on each of its instances (as joining the long table to the responses on
    /// <c>response_id</c>). Questions of two different repeats cannot be paired instance by instance: an error says so.
    /// </summary>
    public static Result<AnalysisRowSet> For(Instrument instrument, IReadOnlyList<IReadOnlyDictionary<string, string>> responses, IReadOnlyList<string> questions)
    {
        ArgumentNullException.ThrowIfNull(instrument);
        ArgumentNullException.ThrowIfNull(responses);
        ArgumentNullException.ThrowIfNull(questions);
        var repeats = questions.Select(instrument.RepeatOf).OfType<Group>().DistinctBy(r => r.Name, StringComparer.Ordinal).ToList();
        if (repeats.Count > 1)
        {
            return Result.Fail<AnalysisRowSet>(
                $"'{questions[0]}' and '{questions[^1]}' are asked in different repeats ({repeats[0].Name}, {repeats[1].Name}): their instances cannot be paired; analyse each with questions of its own repeat or outside repeats.");
        }

        var repeat = repeats.Count == 1 ? repeats[0] : null;
        var rows = new List<IReadOnlyDictionary<string, string>>();
        foreach (var answers in responses)
        {
            if (repeat is null)
            {
                rows.Add(Pick(answers, questions, 0, null));
                continue;
            }

            for (var i = 1; i <= AnswerKeys.InstanceCount(answers, repeat.Name); i++)
            {
                rows.Add(Pick(answers, questions, i, q => instrument.RepeatOf(q) is not null));
            }
        }

        return Result.Ok(new AnalysisRowSet(repeat, rows, responses.Count));
    }

    private static Dictionary<string, string> Pick(IReadOnlyDictionary<string, string> answers, IReadOnlyList<string> questions, int instance, Func<string, bool>? inRepeat)
    {
        var row = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var question in questions)
        {
            var key = inRepeat is not null && inRepeat(question) ? AnswerKeys.Of(question, instance) : question;
            if (answers.TryGetValue(key, out var value))
            {
                row[question] = value;
            }
        }

        return row;
    }
}
