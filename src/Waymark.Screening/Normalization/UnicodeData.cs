using System.Globalization;
using System.Text.Json;

namespace Waymark.Screening.Normalization;

/// <summary>
/// The vendored Unicode tables (see Data/README.md): full case folding and the TR39
/// confusable prototypes, read once from the assembly.
/// </summary>
internal sealed class UnicodeData
{
    private UnicodeData(IReadOnlyDictionary<int, string> caseFolding, Dictionary<int, string> confusables, Dictionary<int, string[]> lookAlikes)
    {
        CaseFolding = caseFolding;
        Confusables = confusables;
        LookAlikes = lookAlikes;
    }

    /// <summary>
    /// Code point → the ASCII letters it renders like, beyond TR39 (Data/lookalikes.tsv: Cyrillic к м т н в,
    /// Greek κ τ, Armenian, small capitals…), applied only inside words that also hold Latin letters.
    /// </summary>
    public Dictionary<int, string[]> LookAlikes { get; }

    /// <summary>Code point → full case folding: the one table (<see cref="Waymark.Text.UnicodeCaseFolding"/>).</summary>
    public IReadOnlyDictionary<int, string> CaseFolding { get; }

    /// <summary>Code point → confusable prototype (confusables.txt).</summary>
    public Dictionary<int, string> Confusables { get; }

    public static UnicodeData Load()
    {
        var assembly = typeof(UnicodeData).Assembly;
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

        var lookAlikes = new Dictionary<int, string[]>();
        using (var stream = assembly.GetManifestResourceStream("Waymark.Screening.lookalikes.tsv")
            ?? throw new InvalidOperationException("lookalikes.tsv is not embedded."))
        using (var reader = new StreamReader(stream))
        {
            while (reader.ReadLine() is { } line)
            {
                var fields = line.Split('\t');
                if (line.StartsWith('#') || fields.Length < 3)
                {
                    continue;
                }

                lookAlikes[int.Parse(fields[0], NumberStyles.HexNumber, CultureInfo.InvariantCulture)] = [.. fields[2].Select(c => c.ToString())];
            }
        }

        return new UnicodeData(Waymark.Text.UnicodeCaseFolding.Table, confusables, lookAlikes);
    }
}
