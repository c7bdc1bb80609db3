using System.Text;

namespace Waymark.Text.Tests;

/// <summary>Seeded random patterns and UTF-8 texts for the fuzz tests of the byte paths.</summary>
internal static class RandomText
{
    private static readonly string[] Words =
        ["ab", "ba", "a b", "b  a", "aB", "abab", "a_b", "a-b", "b, a", "é", "aß", "😀a", "bb b", "1a", "a’b", "re:a\\s+b", "re:b{2}", "fuzzy:abbaab", "fuzzy:abab"];

    // Mostly ASCII (so most texts take the byte scan), with CRLF, tabs, vertical tab and form feed, and
    // rarer non-ASCII: inert punctuation that the byte scan keeps (’ “ ” – …, U+FFFD), letters, marks, astral
    // characters, non-ASCII spaces, line/paragraph separators and invalid UTF-8 bytes that it hands on.
    private static readonly string[] Ascii = ["a", "b", "A", "B", " ", " ", "  ", "\t", "\r\n", "\n", "\r", "\v", "\f", "_", ",", "-", ".", "1", "\0"];
    private static readonly string[] Other = ["’", "’", "“", "”", "–", "…", "\uFFFD", "é", "É", "e\u0301", "ß", "😀", "\u00A0", "\u2028", "\u2029", "\u0085", "\u3000", "İ"];

    /// <summary>A random third of the pattern pool, some words made prefixes; with <paramref name="regexes"/> false, no <c>re:</c> patterns.</summary>
    public static List<string> Patterns(Random random, bool regexes = true) =>
        [.. Words.Where(w => (regexes || !w.StartsWith("re:", StringComparison.Ordinal)) && random.Next(3) == 0)
            .Select(w => !w.Contains(':', StringComparison.Ordinal) && random.Next(4) == 0 ? w + "*" : w)];

    /// <summary><paramref name="units"/> pieces of text, a quarter of the texts with some non-ASCII pieces.</summary>
    public static byte[] Utf8(Random random, int units)
    {
        var nonAscii = random.Next(4) == 0;
        var bytes = new List<byte>();
        for (var n = units; n > 0; n--)
        {
            if (nonAscii && random.Next(10) == 0)
            {
                bytes.AddRange(random.Next(5) == 0 ? [(byte)(0x80 + random.Next(0x80))] : Encoding.UTF8.GetBytes(Other[random.Next(Other.Length)]));
            }
            else
            {
                bytes.AddRange(Encoding.UTF8.GetBytes(Ascii[random.Next(Ascii.Length)]));
            }
        }

        return [.. bytes];
    }

    // Letters whose folding changes the UTF-8 lead byte (Р → р is D0 A0 → D1 80), keeps it (Д → д), changes the byte
    // length (K Kelvin sign → k, ẞ → ss), or expands (ä → a + U+0308 under NFD, ß → ss, İ → i + U+0307, ﬃ, ŉ → ʼn);
    // Arabic letters, harakat and tatweel; Greek final sigma; separators, punctuation, astral and invalid bytes.
    private static readonly string[] Scripts =
    [
        "р", "Р", "д", "Д", "ё", "Ё", "е", "а", "А", "ä", "Ä", "a\u0308", "ö", "ß", "ẞ", "ss", "SS", "s", "K", "k", "K", "İ", "i", "ﬃ", "ffi",
        "ŉ", "n", "σ", "Σ", "ς", "ب", "ت", "ا", "\u064E", "\u0640", "ك", " ", " ", "  ", "\u00A0", "\u3000", "\n", ",", "-", "’", "؟", "_", "1",
        "😀", "\uFFFD",
    ];

    /// <summary>One piece of text in another script (see <see cref="Scripts"/>).</summary>
    public static string Piece(Random random) => System.Text.RegularExpressions.Regex.Unescape(Scripts[random.Next(Scripts.Length)]);

    /// <summary>Up to <paramref name="most"/> - 1 patterns of one to three <see cref="Piece"/>s, a quarter of them prefixes; none empty after normalisation.</summary>
    public static List<string> ScriptPatterns(Random random, NormalizationOptions options, int most)
    {
        var patterns = new List<string>();
        for (var n = random.Next(1, most); n > 0; n--)
        {
            var pattern = string.Concat(Enumerable.Range(0, random.Next(1, 4)).Select(_ => Piece(random))).Trim();
            if (pattern.Length > 0 && PatternMatcher.NormalizePattern(pattern, options).Length > 0)
            {
                patterns.Add(random.Next(4) == 0 ? pattern + "*" : pattern);
            }
        }

        return patterns;
    }
}
