using System.Globalization;
using System.Text.Json;
using Waymark.Testing;

namespace Waymark.Statistics.Tests;

/// <summary>
/// Runs R (R/reference.R) on a CSV and compares its figures with Waymark's JSON, every key both ways.
/// R is the truth for the statistics (docs/statistics.md); test.sh installs r-base-core, so a missing Rscript fails the test.
/// </summary>
internal static class RReference
{
    public const string Rscript = "/usr/bin/Rscript";

    /// <summary>Relative tolerance promised in docs/statistics.md.</summary>
    private const double Relative = 1e-9;

    /// <summary>Figures that are zero up to rounding (a residual of exactly 0 in R) cannot match relatively.</summary>
    private const double AbsoluteFloor = 1e-13;

    private static readonly string Script = Path.Combine(TestEnvironment.RepositoryRoot, "tests", "Waymark.Statistics.Tests", "R", "reference.R");

    /// <summary>R's lines as key to raw value ("$key" for text, "!key" for flags).</summary>
    public static Dictionary<string, string> Run(params string[] arguments) => RunWithLevels(null, arguments);

    /// <summary>As <see cref="Run"/>, with a level order per column (a form's choice names) given to R as factor levels.</summary>
    public static Dictionary<string, string> RunWithLevels(IReadOnlyDictionary<string, IReadOnlyList<string>>? levels, params string[] arguments)
    {
        Assert.True(File.Exists(Rscript), $"{Rscript} is missing: the R cross-checks need R (test.sh installs r-base-core).");
        // UTF-8 text handling; the script itself sets LC_COLLATE=C for the level order.
        var environment = new Dictionary<string, string> { ["LC_ALL"] = "C.UTF-8" };
        foreach (var (column, order) in levels ?? new Dictionary<string, IReadOnlyList<string>>())
        {
            environment["WAYMARK_LEVELS_" + column] = string.Join('|', order);
        }

        var stdout = ExternalProgram.Run(Rscript, ["--vanilla", Script, .. arguments], environment: environment)
            .AssertSuccess().Output;
        var values = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var line in stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries))
        {
            var equals = line.IndexOf('=', StringComparison.Ordinal);
            values[line[..equals]] = line[(equals + 1)..];
        }

        return values;
    }

    /// <summary>Waymark's JSON as the same flat keys; warnings are text under "$warnings.i".</summary>
    public static Dictionary<string, string> Flatten(string json)
    {
        using var document = JsonDocument.Parse(json);
        var values = new Dictionary<string, string>(StringComparer.Ordinal);
        Flatten(document.RootElement, "", values);
        return values;
    }

    private static void Flatten(JsonElement element, string key, Dictionary<string, string> values)
    {
        var prefix = key.Length == 0 ? "" : key + ".";
        switch (element.ValueKind)
        {
            case JsonValueKind.Object:
                foreach (var property in element.EnumerateObject())
                {
                    Flatten(property.Value, prefix + property.Name, values);
                }

                break;
            case JsonValueKind.Array:
                var index = 0;
                foreach (var item in element.EnumerateArray())
                {
                    Flatten(item, prefix + index.ToString(CultureInfo.InvariantCulture), values);
                    index++;
                }

                break;
            case JsonValueKind.String:
                values["$" + key] = element.GetString()!;
                break;
            case JsonValueKind.Null:
                values[key] = "null";
                break;
            default:
                values[key] = element.GetRawText();
                break;
        }
    }

    /// <summary>
    /// Every figure R printed equals Waymark's and Waymark prints no figure R lacks; texts (level names, terms)
    /// equal exactly; flags are checked against Waymark's warnings by <paramref name="flagWarnings"/> (flag name
    /// to a fragment of the warning Waymark gives exactly when R's flag is TRUE).
    /// </summary>
    public static void AssertSame(Dictionary<string, string> r, string waymarkJson, IReadOnlyDictionary<string, string> flagWarnings)
    {
        var ours = Flatten(waymarkJson);
        var problems = new List<string>();
        var warnings = ours.Where(p => p.Key.StartsWith("$warnings.", StringComparison.Ordinal)).Select(p => p.Value).ToList();
        foreach (var (key, expected) in r)
        {
            if (key.StartsWith('!'))
            {
                var fragment = flagWarnings[key[1..]];
                var warned = warnings.Any(w => w.Contains(fragment, StringComparison.Ordinal));
                if (warned != (expected == "TRUE"))
                {
                    problems.Add($"{key}: R says {expected}, Waymark warned: {warned}");
                }

                continue;
            }

            if (key.StartsWith('~'))
            {
                // R's confint() interpolates the profile with a spline through nine points at most.
                if (!ours.TryGetValue(key[1..], out var near) || !Near(expected, near))
                {
                    problems.Add($"{key}: R's confint() {expected}, Waymark {near ?? "nothing"} (more than {ConfintPrecision:R} apart)");
                }

                continue;
            }

            if (!ours.TryGetValue(key, out var actual))
            {
                problems.Add($"{key}: R gives {expected}, Waymark has no such figure");
            }
            else if (key.StartsWith('$') ? actual != expected : !SameNumber(key, expected, actual))
            {
                problems.Add($"{key}: R {expected}, Waymark {actual}");
            }
        }

        foreach (var key in ours.Keys.Where(k => !r.ContainsKey(k) && !k.StartsWith("$warnings.", StringComparison.Ordinal)))
        {
            problems.Add($"{key}: Waymark gives {ours[key]}, R has no such figure");
        }

        Assert.True(problems.Count == 0, $"{problems.Count} of {r.Count} figures differ from R:\n" + string.Join("\n", problems));
    }

    /// <summary>
    /// How close R's confint() comes to the exact profile-likelihood limit on the odds-ratio scale (relative):
    /// its spline through the profile's steps, measured in docs/statistics.md.
    /// </summary>
    public const double ConfintPrecision = 2e-2;

    private static bool Near(string expected, string actual)
    {
        if (expected == "null" || actual == "null")
        {
            return expected == actual;
        }

        var e = double.Parse(expected, NumberStyles.Float, CultureInfo.InvariantCulture);
        return Math.Abs(double.Parse(actual, NumberStyles.Float, CultureInfo.InvariantCulture) - e) <= ConfintPrecision * Math.Abs(e);
    }

    private static bool SameNumber(string key, string expected, string actual)
    {
        if (expected == "null" || actual == "null")
        {
            return expected == actual;
        }

        var e = double.Parse(expected, NumberStyles.Float, CultureInfo.InvariantCulture);
        var a = double.Parse(actual, NumberStyles.Float, CultureInfo.InvariantCulture);
        if (Math.Abs(e) < 1e-300)
        {
            // docs/statistics.md excepts p-values below 1e-300: both must merely be that small.
            return Math.Abs(a) < 1e-290;
        }

        var error = Math.Abs(a - e);
        var isProbability = key.Split('.')[^1].StartsWith('p');
        return error <= Relative * Math.Abs(e) || (!isProbability && error <= AbsoluteFloor);
    }
}
