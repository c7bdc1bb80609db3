using System.Text.RegularExpressions;
using Waymark.Testing;

namespace Waymark.Cli.Tests;

/// <summary>
/// Every script in bench/ runs once with tiny parameters, so a benchmark cannot rot unseen (as the survey load
/// scripts once did when the form guard began renaming fields). Each run uses the Release build that ./test.sh
/// made (<c>WAYMARK_BUILT=1</c>, bench/built.sh) and must exit 0 and print the figures it exists to print. The
/// figures themselves are not judged: tiny runs on a shared machine measure nothing (docs/performance.md holds
/// the real runs).
/// </summary>
[Trait(TestCategory.Name, TestCategory.Server)]
public sealed class BenchSmokeTests
{
    /// <summary>The CLI the content scripts run (<c>WAYMARK</c>): ./test.sh's precompiled one when it published it, else the build output.</summary>
    private static readonly string Cli = TestEnvironment.PublishedCli is { } published
        ? Path.Combine(Path.GetDirectoryName(published)!, "waymark")
        : Path.Combine(TestEnvironment.RepositoryRoot, "src", "Waymark.Cli", "bin", "Release", "net10.0", "waymark");

    [Theory]
    [InlineData("bench/page-load.sh", "1 1", @"\| Waymark /en/privacy .*\| [0-9.]+ \|")]
    [InlineData("bench/survey-load.sh", "1 1 50", @"\| POST completing submission .*\| [1-9][0-9]* \|")]
    [InlineData("bench/stats-vs-r.sh", "500 1", @"\| logit \| [0-9.]+ \| [0-9.]+ \|")]
    [InlineData("bench/csv-read-vs.sh", "self 5000 1", @"^median read s: new [0-9.]+, old [0-9.]+, R read\.csv [0-9.]+; median ratios new/old [0-9.]+, new/R [0-9.]+$")]
    [InlineData("bench/selfhelp-resume.sh", "2", @"resume POST \(Argon2id \+ lookup\): median [0-9.]+ ms")]
    [InlineData("bench/phrase-burst.sh", "3 20", @"posts: 3 concurrent, statuses \{'422': 3\}")]
    [InlineData("bench/phrase-reading.sh", "", @"^\| 'read a typed phrase against every list' \| +[0-9.,]+ [nuμm]?s \|")]
    [InlineData("bench/xlsform-cost.sh", "{work}", @"rows-300000\.xlsx\t[0-9]+\t[0-9]+ ms\t.*imported")]
    [InlineData("bench/screening/api-load.sh", "1 1", @"\| matching, spaced-out capitals \| [0-9.]+ \|")]
    [InlineData("bench/screening/batch.sh", "500 1 50", @"\| waymark \| 500 \|")]
    [InlineData("bench/screening/compare.sh", "100", @"'Waymark screener'")]
    [InlineData("bench/screening/eval.sh", "1 1", @"^\| report-intent \| [0-9]+ \| [0-9]+ \|")]
    [InlineData("bench/screening/cpu-vs.sh", "self 1 1", @"^median of per-run ratios: this/self [0-9.]+")]
    [InlineData("bench/content/run.sh", "1 1 {work}", @"check: rg lines with 'feel': ([0-9]+); Waymark paragraphs with Feel: \1")]
    [InlineData("bench/content/word-patterns.sh", "1 1 {work}", @"ratio fuzzy/exact: wall [0-9.]+")]
    [InlineData("bench/content/languages.sh", "1 1 {work}", @"check ar '[^']+': rg ([0-9]+), Waymark \1")]
    [InlineData("bench/content/starter-counts.py", "{cli} {work} 1000", @"^\| Grand themes \| Feel \| [0-9]+ \| [0-9]+ \| [0-9]+ \|")]
    public async Task The_script_runs_with_tiny_parameters_and_prints_its_figures(string script, string arguments, string expected)
    {
        var work = Directory.CreateTempSubdirectory("waymark-bench-smoke.");
        try
        {
            var args = arguments.Split(' ').Select(a => a.Replace("{work}", work.FullName, StringComparison.Ordinal).Replace("{cli}", Cli, StringComparison.Ordinal));
            var program = script.EndsWith(".py", StringComparison.Ordinal) ? "/usr/bin/python3" : "/bin/bash";
            var run = await ExternalProgram.RunAsync(
                program,
                [Path.Combine(TestEnvironment.RepositoryRoot, script), .. args],
                TestEnvironment.RepositoryRoot,
                environment: new Dictionary<string, string>(StringComparer.Ordinal)
                {
                    ["WAYMARK_BUILT"] = "1",
                    ["WAYMARK"] = Cli,
                    ["BDN_ARGS"] = "--job dry --inProcess",
                },
                limit: TimeSpan.FromMinutes(5));
            run.AssertSuccess();
            Assert.True(Regex.IsMatch(run.Output, expected, RegexOptions.Multiline), $"{script} did not print /{expected}/:\n{run.Combined}");
        }
        finally
        {
            work.Delete(recursive: true);
        }
    }
}
