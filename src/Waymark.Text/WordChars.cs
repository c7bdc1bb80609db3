using System.Globalization;
using System.Text;

namespace Waymark.Text;

/// <summary>
/// Which characters make up words, for whole-word and prefix matching: letters, marks and decimal or letter
/// numbers of any script, connector punctuation ("_") and the zero-width joiners. This is ripgrep's
/// (Rust regex) Unicode <c>\w</c> except for the few symbols that Unicode counts as alphabetic (circled
/// letters such as Ⓐ): see README.md.
/// </summary>
internal static class WordChars
{
    private static readonly bool[] Bmp = BuildBmp();

    public static bool IsWord(UnicodeCategory category) => category switch
    {
        UnicodeCategory.UppercaseLetter or UnicodeCategory.LowercaseLetter or UnicodeCategory.TitlecaseLetter
            or UnicodeCategory.ModifierLetter or UnicodeCategory.OtherLetter or UnicodeCategory.NonSpacingMark
            or UnicodeCategory.SpacingCombiningMark or UnicodeCategory.EnclosingMark or UnicodeCategory.DecimalDigitNumber
            or UnicodeCategory.LetterNumber or UnicodeCategory.ConnectorPunctuation => true,
        _ => false,
    };

    /// <summary>True for a word character of the Basic Multilingual Plane (not a surrogate).</summary>
    public static bool IsBmpWord(char c) => Bmp[c];

    /// <summary>True if the character at <paramref name="index"/> (which may be half of a surrogate pair) is a word character.</summary>
    public static bool IsWordAt(ReadOnlySpan<char> text, int index)
    {
        var c = text[index];
        if (!char.IsSurrogate(c))
        {
            return Bmp[c];
        }

        if (char.IsHighSurrogate(c) && index + 1 < text.Length && char.IsLowSurrogate(text[index + 1]))
        {
            return IsWord(Rune.GetUnicodeCategory(new Rune(c, text[index + 1])));
        }

        if (char.IsLowSurrogate(c) && index > 0 && char.IsHighSurrogate(text[index - 1]))
        {
            return IsWord(Rune.GetUnicodeCategory(new Rune(text[index - 1], c)));
        }

        return false;
    }

    private static bool[] BuildBmp()
    {
        var table = new bool[char.MaxValue + 1];
        for (var i = 0; i <= char.MaxValue; i++)
        {
            var c = (char)i;
            table[i] = !char.IsSurrogate(c) && (IsWord(CharUnicodeInfo.GetUnicodeCategory(c)) || c is '\u200C' or '\u200D');
        }

        return table;
    }
}
