using System.Globalization;
using Waymark.SelfHelp.Content;
using Waymark.SelfHelp.Vault;

namespace Waymark.SelfHelp.Tools;

/// <summary>The ids of the programme's tools: pages beside the modules, written as content with <c>tool: true</c>.</summary>
public static class ToolIds
{
    public const string SelfAssessment = "self-assessment";
    public const string CheckIn = "check-in";
    public const string SafetyPlan = "safety-plan";
    public const string Crisis = "crisis";
}

/// <summary>A module and its score from the self-assessment.</summary>
public sealed record ModuleScore(Module Module, int Score);

/// <summary>
/// The self-assessment's scoring (documented for readers in <c>content/selfhelp/en/self-assessment.md</c>):
/// each scale question points to modules (<c>modules:</c>); a module's score is the sum of the answers
/// (counted from the scale's minimum) of the questions that point to it. The suggested order is the
/// programme's first module, then every module scoring above 0, highest first (equal scores keep the
/// programme's order), then the rest in the programme's order.
/// </summary>
public static class SelfAssessment
{
    public static IReadOnlyList<ModuleScore> Recommend(Programme programme, Module assessment, IReadOnlyDictionary<string, string> answers)
    {
        ArgumentNullException.ThrowIfNull(programme);
        ArgumentNullException.ThrowIfNull(assessment);
        ArgumentNullException.ThrowIfNull(answers);
        var scores = programme.Modules.ToDictionary(module => module.Id, _ => 0, StringComparer.Ordinal);
        foreach (var exercise in assessment.Exercises.Where(exercise => exercise.Kind == ExerciseKind.Scale))
        {
            if (ScaleValue(exercise, answers) is not { } value)
            {
                continue;
            }

            foreach (var id in exercise.Modules.Distinct(StringComparer.Ordinal).Where(scores.ContainsKey))
            {
                scores[id] += value - exercise.Min;
            }
        }

        var rest = programme.Modules.Skip(1).Select(module => new ModuleScore(module, scores[module.Id])).ToList();
        return
        [
            new ModuleScore(programme.Modules[0], scores[programme.Modules[0].Id]),
            .. rest.Where(score => score.Score > 0).OrderByDescending(score => score.Score), // a stable sort: ties keep the programme's order
            .. rest.Where(score => score.Score == 0),
        ];
    }

    /// <summary>The module ids in the order a saved self-assessment suggests, or none when there is none.</summary>
    public static IReadOnlyList<string> SuggestedOrder(Programme programme, Progress? progress)
    {
        ArgumentNullException.ThrowIfNull(programme);
        return progress is not null && programme.Tool(ToolIds.SelfAssessment) is { } assessment && IsAnswered(assessment, progress.AnswersFor(assessment.Id))
            ? Recommend(programme, assessment, progress.AnswersFor(assessment.Id)).Select(score => score.Module.Id).ToList()
            : [];
    }

    /// <summary>True when at least one of the assessment's scales is answered.</summary>
    public static bool IsAnswered(Module assessment, IReadOnlyDictionary<string, string> answers) =>
        assessment.Exercises.Any(exercise => exercise.Kind == ExerciseKind.Scale && ScaleValue(exercise, answers) is not null);

    /// <summary>A scale's answer as a number on the scale, or null when unanswered or not on it.</summary>
    public static int? ScaleValue(Exercise exercise, IReadOnlyDictionary<string, string> answers) =>
        answers.TryGetValue(exercise.Id, out var text)
        && int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var value)
        && value >= exercise.Min && value <= exercise.Max
            ? value
            : null;
}
