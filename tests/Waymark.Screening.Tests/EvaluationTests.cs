using Waymark.Screening.Evaluation;
using Waymark.Screening.Terms;
using Waymark.Testing;

namespace Waymark.Screening.Tests;

/// <summary>
/// The precision/recall harness at small scale on the placeholder list of bench/screening (with
/// short terms that occur inside common words), against real benign text: Debian's wamerican
/// word list and sentences of the npm nlp-corpus (both installed by test.sh).
/// </summary>
public sealed class EvaluationTests
{
    private static readonly string[] Languages = ["en", "de", "fr", "ru", "el", "ar"];

    private static readonly string TermsPath = Path.Combine(TestEnvironment.RepositoryRoot, "bench", "screening", "placeholder-terms.tsv");

    [Fact]
    public void Recall_meets_the_goal_in_every_class_and_benign_text_is_not_flagged()
    {
        var terms = TermListParser.Load(TermsPath);
        Assert.True(terms.IsSuccess, terms.Error);
        var screener = Screener.Create(terms.Value!, new ScreenerOptions());
        Assert.True(screener.IsSuccess, screener.Error);
        var benign = new[]
        {
            "/usr/share/dict/words",
            Path.Combine(TestEnvironment.RepositoryRoot, "tools", "node_modules", "nlp-corpus", "builds", "doc-0.json"),
            Path.Combine(TestEnvironment.RepositoryRoot, "tools", "node_modules", "nlp-corpus", "builds", "doc-7.json"),
        };
        foreach (var file in benign)
        {
            Assert.True(File.Exists(file), $"{file} is missing: ./test.sh installs wamerican and tools/node_modules");
        }

        var report = ScreeningEvaluation.Run(screener.Value!, terms.Value!, benign, mutationsPerTerm: 4, seed: 99);
        Assert.True(report.IsSuccess, report.Error);
        foreach (var result in report.Value!.Classes)
        {
            Assert.True(result.Generated > 0, result.Class);
            Assert.True(result.Recall >= EvaluationReport.RecallGoal, $"{result.Class}: {result.Detected}/{result.Generated}; missed {string.Join(" | ", result.Misses)}");
        }

        Assert.True(report.Value.Benign[0].Queries > 50_000, "the whole word list was read");
        Assert.Equal(1000, report.Value.Benign[1].Queries);
        foreach (var file in report.Value.Benign)
        {
            Assert.True(file.Rate <= EvaluationReport.FalsePositiveGoal, $"{file.File}: {file.Flagged}/{file.Queries}: {string.Join(" | ", file.Examples)}");
        }
    }

    [Fact]
    public void Benign_text_in_six_languages_is_not_flagged_and_Ahmia_flags_nothing_Waymark_misses()
    {
        // Translation catalogs from Debian packages (Benign/README.md), so that look-alike folding is
        // measured on real Russian, Greek and Arabic text as well as English, German and French.
        var terms = TermListParser.Load(TermsPath).Value!;
        var screener = Screener.Create(terms, new ScreenerOptions()).Value!;
        var files = Languages
            .Select(l => Path.Combine(TestEnvironment.RepositoryRoot, "tests", "Waymark.Screening.Tests", "Benign", l + ".txt")).ToList();
        var report = ScreeningEvaluation.Run(screener, terms, files, 4, 7, "ahmia");
        Assert.True(report.IsSuccess, report.Error);
        foreach (var file in report.Value!.Benign)
        {
            Assert.True(file.Queries >= 2000, file.File);
            Assert.True(file.Rate <= EvaluationReport.FalsePositiveGoal, $"{file.File}: {file.Flagged}/{file.Queries}: {string.Join(" | ", file.Examples)}");
            Assert.Equal(0, file.Baseline!.FlaggedMissedByWaymark);
        }

        foreach (var result in report.Value.Classes)
        {
            Assert.True(result.Recall >= EvaluationReport.RecallGoal, $"{result.Class}: {result.Detected}/{result.Generated}; missed {string.Join(" | ", result.Misses)}");
            Assert.Equal(0, result.Baseline!.FlaggedMissedByWaymark);
        }
    }

    [Fact]
    public void A_term_list_without_allow_list_would_flag_the_short_terms_own_dictionary_words()
    {
        // The harness can fail: a prefix term inside common words is flagged on the word list.
        var terms = TermListParser.Parse("con\ten\tprefix\n", "scunthorpe.tsv");
        var screener = Screener.Create(terms.Value!, new ScreenerOptions()).Value!;
        var report = ScreeningEvaluation.Run(screener, terms.Value!, ["/usr/share/dict/words"], 1, 1).Value!;
        Assert.True(report.Benign[0].Flagged > 0);
        Assert.False(report.MeetsGoals);
    }

    [Fact]
    public void The_same_seed_generates_the_same_report()
    {
        var terms = TermListParser.Load(TermsPath).Value!;
        var screener = Screener.Create(terms, new ScreenerOptions()).Value!;
        var a = ScreeningEvaluation.Run(screener, terms, [], 2, 5).Value!.ToJson();
        var b = ScreeningEvaluation.Run(screener, terms, [], 2, 5).Value!.ToJson();
        Assert.Equal(a, b);
    }

    [Fact]
    public void A_missing_benign_file_is_a_message()
    {
        var terms = TermListParser.Load(TermsPath).Value!;
        var screener = Screener.Create(terms, new ScreenerOptions()).Value!;
        var report = ScreeningEvaluation.Run(screener, terms, ["/nonexistent/benign.txt"], 1, 1);
        Assert.False(report.IsSuccess);
        Assert.Contains("Cannot read the benign text", report.Error, StringComparison.Ordinal);
    }
}
