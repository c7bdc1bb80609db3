using System.Globalization;
using System.Text;
using Waymark.Testing;

namespace Waymark.Statistics.Tests;

/// <summary>Seeded random survey-like CSV files for the R cross-checks (System.Random with fixed seeds).</summary>
internal sealed class GeneratedData
{
    private readonly Random _random;
    private readonly StringBuilder _csv = new();

    public GeneratedData(int seed, params string[] header)
    {
        _random = new Random(seed);
        _csv.Append(string.Join(",", header)).Append('\n');
    }

    public Random Random => _random;

    public void Row(params object[] cells) =>
        _csv.Append(string.Join(",", cells.Select(c => Convert.ToString(c, CultureInfo.InvariantCulture)))).Append('\n');

    /// <summary>A category drawn with skewed probabilities (later levels rarer), so tables come out sparse.</summary>
    public string Skewed(IReadOnlyList<string> levels)
    {
        var u = Math.Pow(_random.NextDouble(), 2.5);
        return levels[Math.Min(levels.Count - 1, (int)(u * levels.Count))];
    }

    /// <summary>The value, or a missing cell (empty or NA, both of R's na.strings) with the given probability.</summary>
    public string MaybeMissing(string value, double probability) =>
        _random.NextDouble() >= probability ? value : _random.Next(2) == 0 ? "" : "NA";

    /// <summary>Writes the table as CSV in a new folder inside <paramref name="folder"/> and returns the file's path.</summary>
    public string Save(TempFolder folder)
    {
        var path = Path.Combine(folder.NewFolder("rcheck"), "data.csv");
        File.WriteAllText(path, _csv.ToString());
        return path;
    }

    public static string Number(double value) => value.ToString("R", CultureInfo.InvariantCulture);
}
