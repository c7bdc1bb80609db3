using System.Globalization;
using System.Text;

namespace Waymark.Responses;

/// <summary>
/// Heuristics for keyboard mashing in free text, deliberately conservative (a flag, not a verdict):
/// a character repeated five times or more, a long text made of three distinct characters or fewer,
/// a run of keyboard-row neighbours ("asdf", "qwerty"), or a Latin-script word of seven letters or
/// more without a vowel. Scripts other than Latin are judged by the first two rules only.
/// </summary>
internal static class GibberishDetector
{
    private static readonly string[] KeyboardRuns = ["qwert", "werty", "asdfg", "sdfgh", "dfghj", "fghjk", "ghjkl", "zxcvb", "xcvbn", "cvbnm", "yxcvb", "azert", "qwertz"];
    private const string Vowels = "aeiouyäöüåàáâãèéêëìíîïòóôõùúûýœæøı";

    public static bool LooksLikeGibberish(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var trimmed = text.Trim();
        if (trimmed.Length < 5)
        {
            return false;
        }

        return HasRepeatedRun(trimmed, 5)
            || (trimmed.Length >= 10 && DistinctLetters(trimmed) <= 3)
            || ContainsKeyboardRun(trimmed)
            || HasVowellessLatinWord(trimmed, 7);
    }

    private static bool HasRepeatedRun(string text, int length)
    {
        var run = 1;
        for (var i = 1; i < text.Length; i++)
        {
            run = text[i] == text[i - 1] && !char.IsWhiteSpace(text[i]) ? run + 1 : 1;
            if (run >= length)
            {
                return true;
            }
        }

        return false;
    }

    private static int DistinctLetters(string text) =>
        text.Where(c => !char.IsWhiteSpace(c)).Select(char.ToLowerInvariant).Distinct().Count();

    private static bool ContainsKeyboardRun(string text)
    {
        var lower = text.ToLowerInvariant();
        return KeyboardRuns.Any(run => lower.Contains(run, StringComparison.Ordinal));
    }

    private static bool HasVowellessLatinWord(string text, int minimumLetters)
    {
        foreach (var word in text.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries))
        {
            var letters = word.Normalize(NormalizationForm.FormC).Where(char.IsLetter).Select(char.ToLowerInvariant).ToList();
            if (letters.Count >= minimumLetters && letters.All(IsLatin) && !letters.Any(c => Vowels.Contains(c, StringComparison.Ordinal)))
            {
                return true;
            }
        }

        return false;
    }

    private static bool IsLatin(char c) =>
        c is >= 'a' and <= 'z' || (c >= '\u00C0' && c <= '\u024F' && char.GetUnicodeCategory(c) == UnicodeCategory.LowercaseLetter);
}
