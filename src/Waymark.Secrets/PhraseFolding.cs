using System.Text;

namespace Waymark.Secrets;

/// <summary>
/// How a typed word is folded before it is looked up, so that a word reads however a person would type it (docs/adr/0031):
/// without accents (Latin, Greek, Cyrillic ё → е), with the final sigma or not, with the Arabic or the Persian keyboard's
/// yeh and kaf, with or without hamza on alef, harakat, tatweel or a Devanagari nukta. A listed word is found by its
/// folded form only when no other word of its list folds alike (the loader refuses a list where two would).
/// </summary>
internal static class PhraseFolding
{
    /// <summary>The folded form of an NFKC, lowercase word: the key it is looked up by after an exact match fails.</summary>
    internal static string Fold(string word)
    {
        if (IsPlainAscii(word))
        {
            return word;
        }

        var decomposed = word.Normalize(NormalizationForm.FormD);
        var builder = new StringBuilder(decomposed.Length);
        foreach (var character in decomposed)
        {
            switch (character)
            {
                // Accents on Latin, Greek and Cyrillic letters (U+0300–U+036F); Arabic harakat, superscript alef and tatweel;
                // the Devanagari nukta, which many keyboards make hard to type.
                case >= '\u0300' and <= '\u036F':
                case >= '\u064B' and <= '\u065F':
                case '\u0670' or '\u0640' or '\u093C':
                    break;
                case 'ß':
                    builder.Append("ss");
                    break;
                case 'ς':
                    builder.Append('σ');
                    break;

                // One Arabic-script spelling of yeh, kaf, heh and alef, whichever keyboard typed it.
                case '\u06CC' or '\u0649' or '\u06D2':
                    builder.Append('\u064A');
                    break;
                case '\u06A9':
                    builder.Append('\u0643');
                    break;
                case '\u0629' or '\u06C0' or '\u06D5':
                    builder.Append('\u0647');
                    break;
                case '\u0671':
                    builder.Append('\u0627');
                    break;

                // Candrabindu is often typed as anusvara.
                case '\u0901':
                    builder.Append('\u0902');
                    break;
                default:
                    builder.Append(character);
                    break;
            }
        }

        // Alef with hamza or madda decomposes to alef and a mark (U+0653–U+0655), already dropped above.
        return builder.ToString().Normalize(NormalizationForm.FormC);
    }

    private static bool IsPlainAscii(string word)
    {
        foreach (var character in word)
        {
            if (character > '\u007F')
            {
                return false;
            }
        }

        return true;
    }
}
