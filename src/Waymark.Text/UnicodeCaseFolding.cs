using System.Collections.Frozen;
using System.Globalization;

namespace Waymark.Text;

/// <summary>
/// Unicode's full case folding (CaseFolding.txt, status C and F; Data/CaseFolding.txt, Unicode 15.0.0): the one
/// case-folding table of Waymark. Content analysis folds keywords and text with it (<see cref="CaseFolding"/>, the
/// per-character tables built from it) and screening folds queries and terms with it. A code point the table does not
/// list folds to itself.
/// </summary>
public static class UnicodeCaseFolding
{
    private static readonly Lazy<FrozenDictionary<int, string>> Folds = new(Load);

    /// <summary>Code point → its full case folding, for every code point that folds to something else.</summary>
    public static IReadOnlyDictionary<int, string> Table => Folds.Value;

    /// <summary>The full case folding of <paramref name="codePoint"/>, or null when it folds to itself.</summary>
    public static string? Fold(int codePoint) => Folds.Value.TryGetValue(codePoint, out var folded) ? folded : null;

    private static FrozenDictionary<int, string> Load()
    {
        using var stream = typeof(UnicodeCaseFolding).Assembly.GetManifestResourceStream("Waymark.Text.CaseFolding.txt")
            ?? throw new InvalidOperationException("CaseFolding.txt is not embedded.");
        using var reader = new StreamReader(stream);
        var folds = new Dictionary<int, string>();
        while (reader.ReadLine() is { } line)
        {
            var fields = line.Split(';', StringSplitOptions.TrimEntries);
            if (line.StartsWith('#') || fields.Length < 3 || (fields[1] != "C" && fields[1] != "F"))
            {
                continue;
            }

            folds[int.Parse(fields[0], NumberStyles.HexNumber, CultureInfo.InvariantCulture)] = string.Concat(
                fields[2].Split(' ', StringSplitOptions.RemoveEmptyEntries)
                    .Select(hex => char.ConvertFromUtf32(int.Parse(hex, NumberStyles.HexNumber, CultureInfo.InvariantCulture))));
        }

        return folds.ToFrozenDictionary();
    }
}
