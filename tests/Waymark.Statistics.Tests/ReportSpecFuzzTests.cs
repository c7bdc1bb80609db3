using System.Diagnostics;
using System.Text;
using Waymark.Statistics.Reporting;
using Waymark.Testing;

namespace Waymark.Statistics.Tests;

/// <summary>Seeded fuzzing of the findings spec (YAML a researcher writes): a spec or a message, never an exception, never a hang.</summary>
public sealed class ReportSpecFuzzTests
{
    private static readonly string[] YamlPieces = ["\n- ", ": ", "&a ", "*a", "!!binary ", "~", "1e400", "-1", "\u0000", "\uFFFF", "? "];

    [Theory]
    [InlineData(8061)]
    [InlineData(8062)]
    [InlineData(8063)]
    public void Mutated_specs_parse_or_fail_with_a_message(int seed)
    {
        var valid = File.ReadAllText(Path.Combine(TestEnvironment.RepositoryRoot, "docs", "examples", "findings.yaml"));
        Assert.True(ReportSpec.Parse(valid, "findings.yaml").IsSuccess);
        var random = new Random(seed);
        var clock = Stopwatch.StartNew();
        var runs = 0;
        for (; runs < 2000 && clock.Elapsed < TimeSpan.FromSeconds(10); runs++)
        {
            var text = new StringBuilder(valid);
            for (var m = random.Next(1, 6); m > 0 && text.Length > 0; m--)
            {
                var at = random.Next(text.Length);
                switch (random.Next(4))
                {
                    case 0:
                        text.Remove(at, Math.Min(text.Length - at, random.Next(1, 12)));
                        break;
                    case 1:
                        text.Insert(at, "{}[]:,-'\"\n #&*!|>%@`\t\\"[random.Next(22)]);
                        break;
                    case 2:
                        text.Insert(at, YamlPieces[random.Next(YamlPieces.Length)]);
                        break;
                    default:
                        text[at] = (char)random.Next(0x20, 0x3000);
                        break;
                }
            }

            var started = clock.Elapsed;
            var result = ReportSpec.Parse(text.ToString(), "fuzz.yaml");
            Assert.True(result.IsSuccess || !string.IsNullOrWhiteSpace(result.Error), "a failure without a message");
            Assert.True(clock.Elapsed - started < TimeSpan.FromSeconds(2), $"run {runs} took {clock.Elapsed - started}");
        }

        Assert.True(runs >= 100, $"only {runs} runs");
    }
}
