using System.Text.RegularExpressions;

namespace Waymark.Surveys;

/// <summary>
/// <c>${name}</c> inside a label, hint or message shows that answer (ODK's output). Unanswered shows nothing.
/// </summary>
internal static partial class Interpolation
{
    public static IEnumerable<string> References(string text) =>
        text.Contains("${", StringComparison.Ordinal) ? Pattern().Matches(text).Select(m => m.Groups[1].Value.Trim()) : [];

    public static string Fill(string text, IReadOnlyDictionary<string, string> answers) =>
        text.Contains("${", StringComparison.Ordinal)
            ? Pattern().Replace(text, m => answers.GetValueOrDefault(m.Groups[1].Value.Trim()) ?? string.Empty)
            : text;

    /// <summary>As <see cref="Fill(string, IReadOnlyDictionary{string, string})"/>, reading each name through <paramref name="lookup"/> (a repeat instance's answers).</summary>
    public static string Fill(string text, Func<string, string?> lookup) =>
        text.Contains("${", StringComparison.Ordinal)
            ? Pattern().Replace(text, m => lookup(m.Groups[1].Value.Trim()) ?? string.Empty)
            : text;

    [GeneratedRegex(@"\$\{([^}]{1,200})\}", RegexOptions.CultureInvariant)]
    private static partial Regex Pattern();
}
