using System.Globalization;
using Waymark.Testing;

namespace Waymark.Statistics.Tests;

/// <summary>The figures R printed into tests/fixtures/stats-golden/golden.txt (see make_golden.R there).</summary>
internal static class Golden
{
    public static string Folder { get; } = TestEnvironment.Fixture("stats-golden");

    private static readonly Lazy<Dictionary<string, double>> Values = new(Load);

    public static double Value(string key) => Values.Value.TryGetValue(key, out var value)
        ? value
        : throw new KeyNotFoundException($"golden.txt in {Folder} has no figure '{key}'.");

    public static string Csv(string name) => Path.Combine(Folder, name);

    /// <summary>Relative tolerance 1e-9, what docs/statistics.md promises.</summary>
    public static void Equal(string key, double actual)
    {
        var expected = Value(key);
        var error = Math.Abs(actual - expected) / Math.Max(Math.Abs(expected), double.Epsilon);
        Assert.True(error <= 1e-9, $"{key}: expected {expected:R}, got {actual:R} (relative error {error:E2})");
    }

    private static Dictionary<string, double> Load()
    {
        var values = new Dictionary<string, double>(StringComparer.Ordinal);
        foreach (var line in File.ReadAllLines(Path.Combine(Folder, "golden.txt")))
        {
            var equals = line.IndexOf('=', StringComparison.Ordinal);
            if (equals > 0)
            {
                values[line[..equals]] = double.Parse(line[(equals + 1)..], NumberStyles.Float, CultureInfo.InvariantCulture);
            }
        }

        return values;
    }
}
