using System.Globalization;

namespace Waymark.Text;

/// <summary>
/// Per-code-unit lookup tables for one set of normalisation options, built once per process on first use
/// and read-only afterwards: the hot loop of the normaliser is one table read per character.
/// </summary>
internal sealed class CharTable
{
    private static readonly Lazy<CharTable>[] Tables =
    [
        new(() => new CharTable(new NormalizationOptions(false, false))),
        new(() => new CharTable(new NormalizationOptions(false, true))),
        new(() => new CharTable(new NormalizationOptions(true, false))),
        new(() => new CharTable(new NormalizationOptions(true, true))),
    ];

    private CharTable(NormalizationOptions options)
    {
        Options = options;
        Kinds = new CharKind[char.MaxValue + 1];
        Singles = new char[char.MaxValue + 1];
        Entries = new uint[char.MaxValue + 1];
        Expansions = new string[char.MaxValue + 1];
        for (var i = 0; i <= char.MaxValue; i++)
        {
            var c = (char)i;
            if (char.IsSurrogate(c))
            {
                Kinds[i] = CharKind.Surrogate;
                Singles[i] = c;
                continue;
            }

            if (IsSeparator(CharUnicodeInfo.GetUnicodeCategory(c), c, options.PunctuationAsSeparator))
            {
                Kinds[i] = CharKind.Space;
                Singles[i] = ' ';
                continue;
            }

            var folded = CaseFolding.Fold(c, options.RemoveDiacritics);
            switch (folded.Length)
            {
                case 0:
                    Kinds[i] = CharKind.Drop;
                    break;
                case 1:
                    Kinds[i] = CharKind.Single;
                    Singles[i] = folded[0];
                    break;
                default:
                    Kinds[i] = CharKind.Expand;
                    Expansions[i] = folded;
                    break;
            }
        }

        for (var i = 0; i <= char.MaxValue; i++)
        {
            Entries[i] = ((uint)Kinds[i] << 16) | Singles[i];
        }
    }

    public NormalizationOptions Options { get; }

    public CharKind[] Kinds { get; }

    public char[] Singles { get; }

    /// <summary>Kind in the high half, folded character in the low half: one read per character in the hot loop.</summary>
    public uint[] Entries { get; }

    /// <summary>Sparse: only entries whose kind is <see cref="CharKind.Expand"/> are set.</summary>
    public string[] Expansions { get; }

    public static CharTable For(NormalizationOptions options) =>
        Tables[(options.RemoveDiacritics ? 2 : 0) + (options.PunctuationAsSeparator ? 1 : 0)].Value;

    /// <summary>Whitespace always separates; punctuation (but not connector punctuation) and symbols when asked.</summary>
    internal static bool IsSeparator(UnicodeCategory category, char c, bool punctuationAsSeparator)
    {
        if (char.IsWhiteSpace(c))
        {
            return true;
        }

        return punctuationAsSeparator && IsPunctuationOrSymbol(category);
    }

    internal static bool IsPunctuationOrSymbol(UnicodeCategory category) => category switch
    {
        UnicodeCategory.DashPunctuation or UnicodeCategory.OpenPunctuation or UnicodeCategory.ClosePunctuation
            or UnicodeCategory.InitialQuotePunctuation or UnicodeCategory.FinalQuotePunctuation
            or UnicodeCategory.OtherPunctuation or UnicodeCategory.MathSymbol or UnicodeCategory.CurrencySymbol
            or UnicodeCategory.ModifierSymbol or UnicodeCategory.OtherSymbol => true,
        _ => false,
    };
}
