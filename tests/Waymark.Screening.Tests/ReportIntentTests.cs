using System.Text.Json;
using Waymark.Screening.Evaluation;
using Waymark.Screening.Terms;
using Waymark.Testing;

namespace Waymark.Screening.Tests;

/// <summary>
/// A query that matches a term and asks how or where to report it gets the way to the reporting page, not the
/// stop-searching warning (the shipped report-intent list, content/screening/report-intent.tsv). Placeholder terms only.
/// </summary>
public sealed class ReportIntentTests : IDisposable
{
    private readonly TempFolder _temp = TempFolder.Create("ReportIntentTests");

    public void Dispose() => _temp.Dispose();

    private static readonly Screener Screener = Placeholder.Create();

    [Theory]
    [InlineData("how to report zorblat", "en")]
    [InlineData("where do I report zorblat", "en")]
    [InlineData("Report ZORBLAT site", "en")]
    [InlineData("r3port z0rblat", "en")]
    [InlineData("vrel dapto hotline", "en")]
    [InlineData("wie melde ich zorblat", "de")]
    [InlineData("zorblat melden", "de")]
    [InlineData("zorblat anzeigen", "de")]
    [InlineData("miten ilmoitan zorblat", "fi")]
    [InlineData("ilmoitus zorblat poliisille", "fi")]
    [InlineData("comment signaler zorblat", "fr")]
    [InlineData("où faire un signalement zorblat", "fr")]
    [InlineData("cómo denunciar zorblat", "es")]
    [InlineData("dónde reportar zorblat", "es")]
    [InlineData("كيف أبلغ عن zorblat", "ar")]
    [InlineData("الإبلاغ عن zorblat", "ar")]
    [InlineData("как сообщить о zorblat", "ru")]
    [InlineData("куда пожаловаться на zorblat", "ru")]
    [InlineData("jak zgłosić zorblat", "pl")]
    [InlineData("如何举报 zorblat", "zh-hans")]
    public void A_term_with_report_intent_gets_the_reporting_page_in_the_readers_language(string query, string language)
    {
        var result = Screener.Screen(query, language);
        Assert.True(result.Matched, query);
        Assert.True(result.IsReport, query);
        Assert.Equal(ScreeningVerdict.ReportIntent, result.Intent);
        Assert.Null(result.Variant);
        Assert.Equal("csam", result.Category);
        Assert.Equal(language, result.Language);
        var link = Assert.Single(result.Links);
        Assert.Equal(("reporting", $"/{language}/reporting"), (link.Id, link.Url));
        Assert.Equal(link.Title, result.Message!.Split("\n\n")[0]);
    }

    [Theory]
    [InlineData("zorblat")]
    [InlineData("new zorblat 2025")]
    [InlineData("best zorblat site")]
    [InlineData("where is zorblat")]
    [InlineData("zorblat videos")]
    public void A_term_without_report_intent_gets_the_warning(string query)
    {
        var result = Screener.Screen(query, "en");
        Assert.True(result.Matched);
        Assert.Equal(ScreeningVerdict.WarningIntent, result.Intent);
        Assert.False(result.IsReport);
        Assert.NotNull(result.Variant);
    }

    [Theory]
    [InlineData("how to report a bug")]
    [InlineData("wie melde ich mich an")]
    [InlineData("ilmoittautuminen kurssille")]
    [InlineData("signaler un problème")]
    [InlineData("как сообщить об ошибке")]
    public void Report_intent_alone_is_not_a_match(string query)
    {
        var result = Screener.Screen(query, "en");
        Assert.False(result.Matched, query);
        Assert.Null(result.Intent);
    }

    [Theory]
    [InlineData("fi", "Näin ilmoitat")]
    [InlineData("ar", "كيف تبلّغ")]
    [InlineData("de", "Wie Sie")]
    [InlineData("xx-unknown", "How to report")] // a language without messages: English, with its own code in the path
    public void The_report_answer_is_the_reporting_pages_title_in_the_language(string language, string titleStart)
    {
        var result = Screener.Screen("report zorblat", language);
        Assert.StartsWith(titleStart, result.Message, StringComparison.Ordinal);
        Assert.Equal($"/{language}/reporting", result.Links[0].Url);
        Assert.Equal(result.Message, Screener.Screen("where to report zorblat", language).Message); // built once, the same after
    }

    [Fact]
    public void The_json_says_the_intent_and_holds_no_query()
    {
        using (var report = JsonDocument.Parse(Screener.Screen("how to report zorblat", "en").ToJson()))
        {
            Assert.Equal("report", report.RootElement.GetProperty("intent").GetString());
            Assert.Equal(JsonValueKind.Null, report.RootElement.GetProperty("variant").ValueKind);
            Assert.Equal("/en/reporting", report.RootElement.GetProperty("links")[0].GetProperty("url").GetString());
        }

        using (var warning = JsonDocument.Parse(Screener.Screen("zorblat", "en").ToJson()))
        {
            Assert.Equal("warning", warning.RootElement.GetProperty("intent").GetString());
        }

        using (var none = JsonDocument.Parse(Screener.Screen("weather", "en").ToJson()))
        {
            Assert.Equal(JsonValueKind.Null, none.RootElement.GetProperty("intent").ValueKind);
        }

        Assert.DoesNotContain("zorblat", Screener.Screen("how to report zorblat", "en").ToJson(), StringComparison.Ordinal);
    }

    [Fact]
    public void Without_a_report_intent_list_every_match_gets_the_warning()
    {
        var content = CopyOfShippedContentWithoutIntents();
        var screener = Placeholder.Create(options: new ScreenerOptions { ContentDirectory = content });
        Assert.False(screener.HasReportIntents);
        Assert.Equal(ScreeningVerdict.WarningIntent, screener.Screen("how to report zorblat", "en").Intent);
        Directory.Delete(content, recursive: true);
    }

    [Fact]
    public void A_bad_report_intent_list_is_refused_with_its_line()
    {
        var folder = _temp.NewFolder("intents");
        var path = Path.Combine(folder, "intents.tsv");
        File.WriteAllText(path, "report\ten\tprefix\treport\tok\nbad\ten\tnomode\treport\tx\n");
        var terms = TermListParser.Parse(Placeholder.TermList.Replace("\n        ", "\n", StringComparison.Ordinal), "placeholder.tsv").Value!;
        var refused = Screener.Create(terms, new ScreenerOptions { ReportIntentPath = path });
        Assert.False(refused.IsSuccess);
        Assert.Contains("intents.tsv line 2:", refused.Error, StringComparison.Ordinal);

        File.WriteAllText(path, "report\ten\tprefix\treport\tok\nreporter\ten\tallow\t-\tx\n");
        Assert.Contains("no allow lines", Screener.Create(terms, new ScreenerOptions { ReportIntentPath = path }).Error, StringComparison.Ordinal);
        Directory.Delete(folder, recursive: true);
    }

    [Fact]
    public void The_harness_measures_report_intent_recall_and_seeking_queries_sent_to_reporting()
    {
        var terms = TermListParser.Load(Path.Combine(TestEnvironment.RepositoryRoot, "bench", "screening", "placeholder-terms.tsv")).Value!;
        var report = ScreeningEvaluation.Run(Screener.Create(terms, new ScreenerOptions()).Value!, terms, [], 10, 3).Value!;
        var intent = report.Classes.Single(c => c.Class == "report-intent");
        Assert.Equal(terms.Count(t => t.Mode != MatchMode.Allow) * 10, intent.Generated);
        Assert.True(intent.Recall >= EvaluationReport.RecallGoal, $"{intent.Detected}/{intent.Generated}; missed {string.Join(" | ", intent.Misses)}");
        Assert.NotNull(report.Report);
        Assert.True(report.Report!.SeekingQueries > 4_000); // 35 terms, 10 a class, 14 classes (fewer where a class does not apply)
        Assert.True(report.Report.Rate <= EvaluationReport.FalsePositiveGoal, string.Join(" | ", report.Report.Examples));
        Assert.Contains("\"report_intent_false_positives\"", report.ToJson(), StringComparison.Ordinal);
    }

    [Fact]
    public void The_harness_can_fail_on_report_intent_both_ways()
    {
        // A list that knows English "report" only misses the other languages' questions; a list holding a word of the
        // seeking contexts ("new") sends seeking queries to the reporting page. Either fails the goals.
        var terms = TermListParser.Load(Path.Combine(TestEnvironment.RepositoryRoot, "bench", "screening", "placeholder-terms.tsv")).Value!;
        var folder = _temp.NewFolder("intents");
        var path = Path.Combine(folder, "intents.tsv");

        File.WriteAllText(path, "report\ten\tprefix\treport\ttest\n");
        var narrow = ScreeningEvaluation.Run(Screener.Create(terms, new ScreenerOptions { ReportIntentPath = path }).Value!, terms, [], 4, 3).Value!;
        Assert.True(narrow.Classes.Single(c => c.Class == "report-intent").Recall < EvaluationReport.RecallGoal);
        Assert.False(narrow.MeetsGoals);

        File.WriteAllText(path, "report\ten\tprefix\treport\ttest\nnew\ten\ttoken\treport\ttest\n");
        var broad = ScreeningEvaluation.Run(Screener.Create(terms, new ScreenerOptions { ReportIntentPath = path }).Value!, terms, [], 4, 3).Value!;
        Assert.True(broad.Report!.RoutedToReporting > 0);
        Assert.True(broad.Report.Rate > EvaluationReport.FalsePositiveGoal);
        Assert.False(broad.MeetsGoals);
        Directory.Delete(folder, recursive: true);
    }

    [Fact]
    public void Every_language_has_the_report_answer_in_its_own_messages()
    {
        foreach (var file in Directory.EnumerateFiles(Path.Combine(ScreenerOptions.DefaultContentDirectory, "messages"), "*.txt"))
        {
            var language = Path.GetFileNameWithoutExtension(file).ToLowerInvariant();
            var result = Screener.Screen("report zorblat", language);
            Assert.Equal(language, result.Language);
        }
    }

    private string CopyOfShippedContentWithoutIntents()
    {
        var content = _temp.NewFolder("screening-copy");
        Directory.CreateDirectory(Path.Combine(content, "messages"));
        foreach (var file in Directory.EnumerateFiles(ScreenerOptions.DefaultContentDirectory, "*", SearchOption.AllDirectories))
        {
            var relative = Path.GetRelativePath(ScreenerOptions.DefaultContentDirectory, file);
            if (relative == "report-intent.tsv")
            {
                continue;
            }

            Directory.CreateDirectory(Path.GetDirectoryName(Path.Combine(content, relative))!);
            File.Copy(file, Path.Combine(content, relative));
        }

        return content;
    }
}
