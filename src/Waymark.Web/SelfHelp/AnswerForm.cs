using System.Globalization;
using Waymark.SelfHelp.Content;
using Waymark.SelfHelp.Vault;

namespace Waymark.Web.SelfHelp;

/// <summary>
/// Exercise answers as they travel in a form: field <c>a.{exercise}</c> or <c>a.{exercise}.{choice}</c>.
/// Only the fields a module defines are read; anything else in the post is ignored.
/// </summary>
internal static class AnswerForm
{
    internal const string Prefix = "a.";
    internal const string Checked = "on";

    public static string FieldName(string answerKey) => Prefix + answerKey;

    /// <summary>The answers, and the key of a UI message when one of them is not acceptable.</summary>
    public static (Dictionary<string, string> Answers, string? ProblemKey) Read(IFormCollection form, Module module)
    {
        ArgumentNullException.ThrowIfNull(form);
        ArgumentNullException.ThrowIfNull(module);
        var answers = new Dictionary<string, string>(StringComparer.Ordinal);
        string? problem = null;
        foreach (var exercise in module.Exercises)
        {
            foreach (var key in exercise.AnswerKeys)
            {
                var value = form[FieldName(key)].ToString();
                if (value.Length == 0)
                {
                    continue;
                }

                if (value.Length > Progress.MaxAnswerLength)
                {
                    problem = "Help.Error.TooLong";
                    value = value[..Progress.MaxAnswerLength];
                }
                else if (exercise.Kind == ExerciseKind.Scale && !IsOnScale(exercise, value))
                {
                    problem = "Help.Error.Scale";
                    continue;
                }
                else if (exercise.Kind == ExerciseKind.Checklist && value != Checked)
                {
                    continue;
                }

                answers[key] = value;
            }
        }

        return (answers, problem);
    }

    private static bool IsOnScale(Exercise exercise, string value) =>
        int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var number)
        && number >= exercise.Min && number <= exercise.Max
        && number.ToString(CultureInfo.InvariantCulture) == value;
}
