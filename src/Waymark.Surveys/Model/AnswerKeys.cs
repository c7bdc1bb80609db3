using System.Globalization;

namespace Waymark.Surveys;

/// <summary>
/// The keys of raw answers (README "Raw answers"): a question outside repeats is keyed by its name; a question of a
/// repeat by <c>NAME[i]</c> for its instance i (1-based); a repeat's number of instances by the repeat's name.
/// </summary>
public static class AnswerKeys
{
    /// <summary>The most instances a repeat may have, open-ended or counted (a larger <c>repeat_count</c> is cut to this).</summary>
    public const int MaxInstances = 100;

    /// <summary>The key of <paramref name="question"/>'s answer in instance <paramref name="instance"/> (0: not in a repeat).</summary>
    public static string Of(string question, int instance) =>
        instance == 0 ? question : string.Create(CultureInfo.InvariantCulture, $"{question}[{instance}]");

    /// <summary>
    /// A response's number of instances of <paramref name="repeat"/> (the answer under the repeat's name), at most
    /// <see cref="MaxInstances"/>; 0 when it has none or the count is not a number.
    /// </summary>
    public static int InstanceCount(IReadOnlyDictionary<string, string> answers, string repeat)
    {
        ArgumentNullException.ThrowIfNull(answers);
        return answers.TryGetValue(repeat, out var text) && int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var n) ? Math.Min(n, MaxInstances) : 0;
    }

    /// <summary>Splits <c>NAME[i]</c> into the name and i; a plain name gives instance 0. False for a malformed key.</summary>
    public static bool TryParse(string key, out string question, out int instance)
    {
        ArgumentNullException.ThrowIfNull(key);
        question = key;
        instance = 0;
        if (!key.EndsWith(']'))
        {
            return key.Length > 0 && !key.Contains('[', StringComparison.Ordinal);
        }

        var open = key.LastIndexOf('[');
        if (open <= 0
            || !int.TryParse(key.AsSpan(open + 1, key.Length - open - 2), NumberStyles.None, CultureInfo.InvariantCulture, out instance)
            || instance < 1 || instance > MaxInstances
            || key.AsSpan(open + 1, key.Length - open - 2).StartsWith("0"))
        {
            instance = 0;
            return false;
        }

        question = key[..open];
        return true;
    }
}
