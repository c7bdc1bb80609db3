using System.Globalization;
using System.Text.Json;

namespace Waymark.Screening.Normalization;

/// <summary>
/// The vendored Unicode tables (see Data/README.md): full case folding and the TR39
/// confusable prototypes, read once from the assembly.
/// </summary>
internal sealed class UnicodeData
{
    private UnicodeData(Dictionary<int, string> caseFolding, Dictionary<int, string> confusables)
    {
        CaseFolding = caseFolding;
        Confusables = confusables;
    }

    /// <summary>Code point → full case folding (CaseFolding.txt status C and F).</summary>
    public Dictionary<int, string> CaseFolding { get; }

    /// <summary>Code point → confusable prototype (confusables.txt).</summary>
    public Dictionary<int, string> Confusables { get; }

    public static UnicodeData Load()
    {
        var assembly = typeof(UnicodeData).Assembly;
        var caseFolding = new Dictionary<int, string>();
        using (var stream = assembly.GetManifestResourceStream("Waymark.Screening.CaseFolding.txt")
            ?? throw new InvalidOperationException("CaseFolding.txt is not embedded."))
        using (var reader = new StreamReader(stream))
        {
            while (reader.ReadLine() is { } line)
            {
                var fields = line.Split(';', StringSplitOptions.TrimEntries);
                if (fields.Length < 3 || line.StartsWith('#') || (fields[1] != "C" && fields[1] != "F"))
                {
                    continue;
                }

                var code = int.Parse(fields[0], NumberStyles.HexNumber, CultureInfo.InvariantCulture);
                caseFolding[code] = string.Concat(fields[2].Split(' ', StringSplitOptions.RemoveEmptyEntries)
                    .Select(hex => char.ConvertFromUtf32(int.Parse(hex, NumberStyles.HexNumber, CultureInfo.InvariantCulture))));
            }
        }

        var confusables = new Dictionary<int, string>();
        using (var stream = assembly.GetManifestResourceStream("Waymark.Screening.confusables.json")
            ?? throw new InvalidOperationException("confusables.json is not embedded."))
        {
            var map = JsonSerializer.Deserialize<Dictionary<string, string>>(stream)
                ?? throw new InvalidOperationException("confusables.json is empty.");
            foreach (var (source, prototype) in map)
            {
                confusables[char.ConvertToUtf32(source, 0)] = prototype;
            }
        }

        return new UnicodeData(caseFolding, confusables);
    }
}
