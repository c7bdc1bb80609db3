namespace Waymark.Surveys;

/// <summary>What changed about one question between two versions of a form.</summary>
public enum QuestionChangeKind
{
    /// <summary>In the new version only.</summary>
    Added,

    /// <summary>In the old version only: responses to the new version are not asked it.</summary>
    Removed,

    /// <summary>Another question type (e.g. text to select_one): old and new answers may not compare.</summary>
    TypeChanged,

    /// <summary>The same type, but choices added, removed or reordered (the export codes follow the choice order).</summary>
    ChoicesChanged,
}

/// <summary>One change: the question's name, the kind, and the details in words (types, or choice names added and removed).</summary>
public sealed record QuestionChange(string Question, QuestionChangeKind Kind, string Detail);

/// <summary>
/// The questions that differ between two versions of a form (by name): added, removed, another type, other choices. Notes
/// are left out (they hold no answer); labels and expressions are not compared. The console shows it before publishing.
/// </summary>
public static class InstrumentDiff
{
    public static IReadOnlyList<QuestionChange> Compare(Instrument from, Instrument to)
    {
        ArgumentNullException.ThrowIfNull(from);
        ArgumentNullException.ThrowIfNull(to);
        var before = from.Questions.Where(q => q.Type != QuestionType.Note).ToDictionary(q => q.Name, StringComparer.Ordinal);
        var after = to.Questions.Where(q => q.Type != QuestionType.Note).ToDictionary(q => q.Name, StringComparer.Ordinal);
        var changes = new List<QuestionChange>();
        foreach (var question in to.Questions.Where(q => after.ContainsKey(q.Name)))
        {
            if (!before.TryGetValue(question.Name, out var old))
            {
                changes.Add(new(question.Name, QuestionChangeKind.Added, TypeName(question)));
            }
            else if (old.Type != question.Type)
            {
                changes.Add(new(question.Name, QuestionChangeKind.TypeChanged, $"{TypeName(old)} → {TypeName(question)}"));
            }
            else if (question.Type.IsSelect() && ChoiceChange(old, question) is { } detail)
            {
                changes.Add(new(question.Name, QuestionChangeKind.ChoicesChanged, detail));
            }
        }

        changes.AddRange(from.Questions.Where(q => before.ContainsKey(q.Name) && !after.ContainsKey(q.Name))
            .Select(q => new QuestionChange(q.Name, QuestionChangeKind.Removed, TypeName(q))));
        return changes;
    }

    private static string TypeName(Question question) =>
        question.Type.IsSelect() ? $"{question.Type.XlsFormName()} {question.ListName}" : question.Type.XlsFormName();

    private static string? ChoiceChange(Question old, Question question)
    {
        var before = old.Choices.Select(c => c.Name).Distinct(StringComparer.Ordinal).ToList();
        var after = question.Choices.Select(c => c.Name).Distinct(StringComparer.Ordinal).ToList();
        var added = after.Except(before, StringComparer.Ordinal).ToList();
        var removed = before.Except(after, StringComparer.Ordinal).ToList();
        var parts = new List<string>();
        if (added.Count > 0)
        {
            parts.Add("choices added: " + string.Join(", ", added));
        }

        if (removed.Count > 0)
        {
            parts.Add("choices removed: " + string.Join(", ", removed));
        }

        if (parts.Count == 0 && !before.SequenceEqual(after, StringComparer.Ordinal))
        {
            parts.Add("choices in another order: " + string.Join(", ", after));
        }

        return parts.Count == 0 ? null : string.Join("; ", parts);
    }
}
