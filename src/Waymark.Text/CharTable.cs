using System.Globalization;
using System.Text;

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

    // Built once per process on first use, so start-up pays for it: one case-mapping call and one decomposition call
    // over all code units instead of a string and several ICU calls per code unit (35 ms). Every entry equals
    // CaseFolding.Fold's, the definition (tests/Waymark.Text.Tests/CharTableTests.cs).
    private CharTable(NormalizationOptions options)
    {
        Options = options;
        Kinds = new CharKind[char.MaxValue + 1];
        Singles = new char[char.MaxValue + 1];
        Entries = new uint[char.MaxValue + 1];
        Expansions = new string[char.MaxValue + 1];
        var lower = LowerCaseOfEveryCodeUnit();

        // The lowercased code units still to decompose, each followed by a line feed: a starter, so canonical reordering
        // never crosses it, and NFD of the whole is the NFD of each piece in turn.
        var pending = new List<int>(char.MaxValue + 1);
        var batch = new StringBuilder(2 * (char.MaxValue + 1));
        for (var i = 0; i <= char.MaxValue; i++)
        {
            var c = (char)i;
            var category = CharUnicodeInfo.GetUnicodeCategory(c);
            if (char.IsSurrogate(c))
            {
                Kinds[i] = CharKind.Surrogate;
                Singles[i] = c;
            }
            else if (IsSeparator(category, c, options.PunctuationAsSeparator))
            {
                Kinds[i] = CharKind.Space;
                Singles[i] = ' ';
            }
            else if (CaseFolding.FoldsOtherThan(c, lower[i]))
            {
                Set(i, CaseFolding.Fold(c, options.RemoveDiacritics));
            }
            else if (category == UnicodeCategory.OtherNotAssigned)
            {
                // Unassigned code points and noncharacters are not decomposed (ICU refuses to normalise them).
                Set(i, lower[i]);
            }
            else
            {
                pending.Add(i);
                batch.Append(lower[i]).Append('\n');
            }
        }

        var decomposed = batch.ToString().Normalize(NormalizationForm.FormD);
        var at = 0;
        foreach (var i in pending)
        {
            var end = decomposed.IndexOf('\n', at);
            var piece = decomposed.AsSpan(at, end - at);
            at = end + 1;
            if (piece.Length == 1)
            {
                Set(i, piece[0], options.RemoveDiacritics);
            }
            else
            {
                Set(i, options.RemoveDiacritics ? WithoutNonspacingMarks(piece) : piece.ToString());
            }
        }

        if (at != decomposed.Length)
        {
            throw new InvalidOperationException("canonical decomposition did not keep the line feeds between code units");
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

    private void Set(int i, char folded, bool removeDiacritics = false)
    {
        if (removeDiacritics && CharUnicodeInfo.GetUnicodeCategory(folded) == UnicodeCategory.NonSpacingMark)
        {
            Kinds[i] = CharKind.Drop;
        }
        else
        {
            Kinds[i] = CharKind.Single;
            Singles[i] = folded;
        }
    }

    private void Set(int i, string folded)
    {
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

    /// <summary>
    /// <see cref="string.ToLowerInvariant"/> of every code unit, from one call over all of them (surrogates stand in
    /// as NUL): invariant lowercasing maps each BMP character on its own and keeps the length.
    /// </summary>
    private static string LowerCaseOfEveryCodeUnit()
    {
        var all = string.Create(char.MaxValue + 1, 0, static (span, _) =>
        {
            for (var i = 0; i < span.Length; i++)
            {
                span[i] = char.IsSurrogate((char)i) ? '\0' : (char)i;
            }
        });
        var lower = all.ToLowerInvariant();
        return lower.Length == all.Length ? lower : throw new InvalidOperationException("invariant lowercasing changed the length of the BMP");
    }

    private static string WithoutNonspacingMarks(ReadOnlySpan<char> decomposed)
    {
        var kept = new StringBuilder(decomposed.Length);
        foreach (var ch in decomposed)
        {
            if (CharUnicodeInfo.GetUnicodeCategory(ch) != UnicodeCategory.NonSpacingMark)
            {
                kept.Append(ch);
            }
        }

        return kept.ToString();
    }

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
