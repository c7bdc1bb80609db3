using System.Globalization;
using Waymark.SelfHelp.Content;
using Waymark.SelfHelp.Vault;

namespace Waymark.SelfHelp.Tools;

/// <summary>One line of an earlier answer: a plan's field label and its text, a ticked option's label, a text or a scale's number.</summary>
public sealed record RecalledItem(string? Label, string Text);

/// <summary>
/// What the person answered to an earlier exercise (<see cref="Exercise"/> of <see cref="Source"/>, in the reader's
/// language); no <see cref="Items"/> when they have not answered it yet.
/// </summary>
public sealed record RecalledAnswer(Module Source, Exercise Exercise, IReadOnlyList<RecalledItem> Items)
{
    public bool IsAnswered => Items.Count > 0;
}

/// <summary>
/// The earlier answers an exercise shows back (its <c>recalls:</c>, docs/selfhelp.md), read from the progress of a vault
/// opened on this request. Nothing here is stored or logged: the answers go from the vault to the page and nowhere else.
/// </summary>
public static class EarlierAnswers
{
    public static IReadOnlyList<RecalledAnswer> For(Programme programme, Exercise exercise, Progress progress)
    {
        ArgumentNullException.ThrowIfNull(programme);
        ArgumentNullException.ThrowIfNull(exercise);
        ArgumentNullException.ThrowIfNull(progress);
        var recalled = new List<RecalledAnswer>();
        foreach (var reference in exercise.Recalls)
        {
            // The loader checked every reference against the English programme, and translations ask the same exercises.
            if ((programme.Find(reference.Module) ?? programme.Tool(reference.Module)) is not { } source
                || source.Exercises.FirstOrDefault(candidate => candidate.Id == reference.Exercise) is not { } earlier)
            {
                continue;
            }

            recalled.Add(new RecalledAnswer(source, earlier, Items(earlier, reference.Choice, progress.AnswersFor(source.Id))));
        }

        return recalled;
    }

    private static List<RecalledItem> Items(Exercise exercise, string? only, IReadOnlyDictionary<string, string> answers)
    {
        string? Answer(string key) => answers.TryGetValue(key, out var value) && !string.IsNullOrWhiteSpace(value) ? value : null;
        var choices = exercise.Choices.Where(choice => only is null || choice.Id == only);
        return exercise.Kind switch
        {
            ExerciseKind.Text => Answer(exercise.Id) is { } text ? [new RecalledItem(null, text)] : [],
            ExerciseKind.Scale => Answer(exercise.Id) is { } number && int.TryParse(number, NumberStyles.None, CultureInfo.InvariantCulture, out _)
                ? [new RecalledItem(null, number)]
                : [],
            ExerciseKind.Checklist => choices.Where(choice => Answer(exercise.Id + "." + choice.Id) is not null)
                .Select(choice => new RecalledItem(null, choice.Label)).ToList(),
            _ => choices.Where(choice => Answer(exercise.Id + "." + choice.Id) is not null)
                .Select(choice => new RecalledItem(choice.Label, Answer(exercise.Id + "." + choice.Id)!)).ToList(),
        };
    }
}
