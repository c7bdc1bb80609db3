using System.Globalization;
using System.Text;

namespace Waymark.Screening.Normalization;

/// <summary>
/// Folds one code point at a time: full case folding, diacritics (nonspacing and enclosing
/// marks) removed, invisible characters removed, TR39 confusables mapped to their prototype,
/// repeated until stable. Code points are folded on first use and remembered: the cache only
/// ever holds the one answer for a code point, so a race computes the same entry twice at worst.
/// </summary>
internal sealed class FoldTable
{
    private readonly UnicodeData _data;
    private readonly FoldEntry?[] _bmp = new FoldEntry?[0x10000];
    private readonly System.Collections.Concurrent.ConcurrentDictionary<int, FoldEntry> _astral = new();

    public FoldTable(UnicodeData data)
    {
        _data = data;
        for (var c = 0; c < 128; c++)
        {
            _bmp[c] = Compute(c);
        }

        ShapeLostInCompatibility = FindShapeLostInCompatibility(data);
    }

    /// <summary>
    /// Look-alikes whose NFKC form looks like something else: the capital lunate sigma Ϲ (a c) is Σ by NFKC,
    /// the long s ſ (an f) is s. Whole-text NFKC would erase the shape before this table sees the letter, so
    /// the normaliser leaves these to <see cref="this[int]"/>, which reads the NFKC form and the shape both.
    /// </summary>
    public IReadOnlySet<int> ShapeLostInCompatibility { get; }

    private static HashSet<int> FindShapeLostInCompatibility(UnicodeData data)
    {
        var kept = new HashSet<int>();
        foreach (var (codePoint, letters) in data.LookAlikes)
        {
            var compatible = ScreeningNormalizer.ComposeCompatibility(char.ConvertFromUtf32(codePoint));
            if (compatible == char.ConvertFromUtf32(codePoint))
            {
                continue;
            }

            // Kept when the compatibility form is not itself read as every one of the same letters.
            var readings = compatible.EnumerateRunes().Count() == 1 && data.LookAlikes.TryGetValue(compatible.EnumerateRunes().First().Value, out var same)
                ? same
                : [];
            var folded = compatible.ToLowerInvariant();
            if (!letters.All(letter => readings.Contains(letter) || folded == letter))
            {
                kept.Add(codePoint);
            }
        }

        return kept;
    }

    public FoldEntry this[int codePoint] =>
        codePoint < 0x10000
            ? _bmp[codePoint] ??= Compute(codePoint)
            : _astral.GetOrAdd(codePoint, Compute);

    private FoldEntry Compute(int codePoint)
    {
        var entry = ComputeFold(codePoint);
        if (entry.Kind is FoldKind.Text or FoldKind.Choice && !entry.Latin && FindLookAlike(codePoint, entry) is { } lookAlike)
        {
            return entry with { LookAlike = lookAlike };
        }

        return entry;
    }

    /// <summary>
    /// The supplementary look-alike of a letter whose fold is not plain ASCII: looked up by the code point,
    /// by its NFKC form and by its folds (so a mathematical eta finds Greek eta's entry).
    /// </summary>
    private string[]? FindLookAlike(int codePoint, FoldEntry entry)
    {
        var folded = entry.Kind == FoldKind.Text ? entry.Text : entry.Literal;

        var original = char.ConvertFromUtf32(codePoint);
        foreach (var form in new[] { original, ScreeningNormalizer.ComposeCompatibility(original), CaseFold(ScreeningNormalizer.ComposeCompatibility(original)), folded }
            .Concat(entry.Readings ?? []))
        {
            if (form.EnumerateRunes().Count() == 1 && _data.LookAlikes.TryGetValue(form.EnumerateRunes().First().Value, out var lookAlike))
            {
                // The letters as the pipeline writes them (m is "rn" in the TR39 skeleton), after every
                // reading of the letter that is ASCII already (Greek beta is "ss" by TR39 and "b" by shape;
                // Coptic capital iauda is "l" by its TR39 skeleton, which the table's "i" must not replace).
                var ascii = new[] { folded }.Concat(entry.Readings ?? [])
                    .Where(r => r.Length > 0 && r.All(char.IsAsciiLetterLower)).Distinct(StringComparer.Ordinal).ToList();
                string[] readings = [.. ascii.Concat(lookAlike.Select(letter => this[letter[0]].Text)).Distinct(StringComparer.Ordinal)];
                return readings.Length == ascii.Count ? null : readings;
            }
        }

        return null;
    }

    private FoldEntry ComputeFold(int codePoint)
    {
        if (codePoint is (>= 0xD800 and <= 0xDFFF) or 0xFFFE)
        {
            return FoldEntry.WordBreak; // a lone surrogate or the noncharacter U+FFFE (which the runtime's NFKC refuses): not text
        }

        if (codePoint < 128 && Leetspeak.IsLeet((char)codePoint))
        {
            var c = (char)codePoint;
            return new FoldEntry(FoldKind.Choice, "", char.IsAsciiDigit(c) ? c.ToString() : " ", Leetspeak.ReadingsOf(c));
        }

        // Other ASCII punctuation and symbols are breaks, never letters ("%" is not the ordinal indicator "º").
        if (codePoint < 128 && !char.IsAsciiLetterOrDigit((char)codePoint))
        {
            return FoldEntry.WordBreak;
        }

        // Marks left over after NFKC belong to nothing: drop them before case folding can turn
        // one into a letter (U+0345 folds to iota).
        if (IsInvisible(codePoint) || IsMark(codePoint))
        {
            return FoldEntry.Dropped;
        }

        var original = char.ConvertFromUtf32(codePoint);
        var caseFirst = Fold(original, skeletonFirst: false);
        var skeletonFirst = Fold(original, skeletonFirst: true);
        if (caseFirst.Length == 0)
        {
            return IsMark(codePoint) ? FoldEntry.Dropped : FoldEntry.WordBreak;
        }

        // Letters that fold to an ASCII digit (a Cyrillic Ze looks like a 3) read as that digit would.
        if (caseFirst.Length == 1 && char.IsAsciiDigit(caseFirst[0]))
        {
            var readings = Leetspeak.ReadingsOf(caseFirst[0]);
            return new FoldEntry(FoldKind.Choice, "", caseFirst, skeletonFirst.Length > 0 && !readings.Contains(skeletonFirst) ? [.. readings, skeletonFirst] : readings);
        }

        // A look-alike that folds differently depending on whether case or shape is resolved
        // first (capital I: "i" by case, "l" by shape; Greek capital beta: "ss" by case, "b" by
        // shape) is ambiguous: case first at face value, the TR39 skeleton as the other reading.
        if (skeletonFirst.Length > 0 && skeletonFirst != caseFirst && !skeletonFirst.Any(char.IsAsciiDigit))
        {
            return new FoldEntry(FoldKind.Choice, "", caseFirst, [caseFirst, skeletonFirst]);
        }

        return new FoldEntry(FoldKind.Text, caseFirst) { Latin = caseFirst.All(char.IsAsciiLetterLower) && IsLatinScript(codePoint) };
    }

    /// <summary>Letters of the Latin script: ASCII, Latin-1, the Latin Extended blocks and the phonetic extensions.</summary>
    private static bool IsLatinScript(int codePoint) =>
        codePoint is (>= 'a' and <= 'z') or (>= 'A' and <= 'Z') or (>= 0xC0 and <= 0x24F) or (>= 0x250 and <= 0x2AF)
            or (>= 0x1D00 and <= 0x1DBF) or (>= 0x1E00 and <= 0x1EFF) or (>= 0x2C60 and <= 0x2C7F) or (>= 0xA720 and <= 0xA7FF) or (>= 0xAB30 and <= 0xAB6F);

    /// <summary>Case fold, strip marks and map confusables until nothing changes; keep letters and digits.</summary>
    private string Fold(string text, bool skeletonFirst)
    {
        var current = ScreeningNormalizer.ComposeCompatibility(text);
        for (var round = 0; round < 6; round++)
        {
            var next = skeletonFirst ? CaseFold(StripMarks(MapConfusables(current))) : MapConfusables(StripMarks(CaseFold(current)));
            next = StripMarks(next);
            if (next == current)
            {
                break;
            }

            current = next;
        }

        var kept = new StringBuilder(current.Length);
        foreach (var rune in current.EnumerateRunes())
        {
            if (Rune.IsLetterOrDigit(rune))
            {
                kept.Append(rune.ToString());
            }
        }

        return kept.ToString();
    }

    private string CaseFold(string text)
    {
        var builder = new StringBuilder(text.Length);
        foreach (var rune in text.EnumerateRunes())
        {
            builder.Append(_data.CaseFolding.TryGetValue(rune.Value, out var folded) ? folded : rune.ToString());
        }

        return builder.ToString();
    }

    private string MapConfusables(string text)
    {
        var builder = new StringBuilder(text.Length);
        foreach (var rune in text.EnumerateRunes())
        {
            // ASCII digits are left to the leetspeak readings, which know more than one letter.
            builder.Append(!Rune.IsDigit(rune) && _data.Confusables.TryGetValue(rune.Value, out var prototype) ? prototype : rune.ToString());
        }

        return builder.ToString();
    }

    private static string StripMarks(string text)
    {
        var decomposed = text.Normalize(NormalizationForm.FormD);
        var builder = new StringBuilder(decomposed.Length);
        foreach (var rune in decomposed.EnumerateRunes())
        {
            if (!IsMark(rune.Value) && !IsInvisible(rune.Value))
            {
                builder.Append(rune.ToString());
            }
        }

        return builder.ToString().Normalize(NormalizationForm.FormC);
    }

    private static bool IsMark(int codePoint) =>
        Rune.GetUnicodeCategory(new Rune(codePoint)) is UnicodeCategory.NonSpacingMark or UnicodeCategory.EnclosingMark;

    /// <summary>Zero-width and format characters, soft hyphen, bidi controls, variation selectors, tags.</summary>
    internal static bool IsInvisible(int codePoint) =>
        codePoint is 0x00AD or 0x034F or 0x061C or 0x115F or 0x1160 or 0x17B4 or 0x17B5 or 0x180E or 0x3164 or 0xFFA0
            or (>= 0x180B and <= 0x180F)
            or (>= 0x200B and <= 0x200F)
            or (>= 0x202A and <= 0x202E)
            or (>= 0x2060 and <= 0x206F)
            or (>= 0xFE00 and <= 0xFE0F)
            or 0xFEFF
            or (>= 0xE0000 and <= 0xE0FFF)
        || (codePoint is < 0xD800 or > 0xDFFF && Rune.GetUnicodeCategory(new Rune(codePoint)) == UnicodeCategory.Format);
}
