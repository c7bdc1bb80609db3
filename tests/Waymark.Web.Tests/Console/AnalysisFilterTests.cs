using System.Globalization;
using System.Net;
using Waymark.Testing;

namespace Waymark.Web.Tests.Console;

/// <summary>
/// The analyst's views over real HTTP: summaries in the form's choice order with zero-count choices,
/// the library's warnings, numbers described, counts of 1 to 4 hidden as "&lt;5" (the exports keep
/// them), filters by flag, language, day and mark as links (GET), and the audited, reversible mark
/// that sets a response aside without deleting it and travels as the exports' "excluded" column.
/// </summary>
public sealed class AnalysisFilterTests(AnalystServer fixture) : IClassFixture<AnalystServer>
{
    private static PlannedResponse[] Plan => AnalystServer.Plan;

    private async Task<ConsoleSession> UnlockedAsync()
    {
        var (session, _) = await fixture.SignInNewAnalystAsync();
        using (var unlocked = await session.UnlockWithFileAsync(await File.ReadAllBytesAsync(fixture.SecretKeyPath)))
        {
            Assert.Equal(HttpStatusCode.OK, unlocked.StatusCode);
        }

        return session;
    }

    [Fact]
    public async Task A_summary_follows_the_form_order_and_hides_counts_below_five()
    {
        using var session = await UnlockedAsync();
        var (status, html) = await session.FrequenciesAsync("f1", "en");
        Assert.True(status == HttpStatusCode.OK, html);
        var rows = TableRows(html, "frequency-table");
        // The form lists never, sometimes, often (alphabetical order would put often second).
        Assert.Equal(["never", "sometimes", "often"], rows.Select(r => r.Value));
        foreach (var (value, count) in rows)
        {
            var planned = Plan.Count(p => p.F1 == value);
            Assert.Equal(planned is > 0 and < 5 ? "<5" : planned.ToString(CultureInfo.InvariantCulture), count);
        }

        Assert.Contains(rows, r => r.Count == "<5");
        var page = HtmlPage.Parse(html);
        Assert.True(page.Has("p.notice#small-cells"));
        // The chart draws no bar for a hidden count, and its description does not give it back.
        var description = page.Text("svg desc#frequency-chart-desc");
        Assert.Contains("Never: <5", description, StringComparison.Ordinal);
        Assert.DoesNotContain($"Never: {Plan.Count(p => p.F1 == "never")} ", description, StringComparison.Ordinal);

        // The exports keep every count.
        using var export = await session.ExportAsync("csv");
        var csv = await export.Content.ReadAsStringAsync();
        var header = csv.Split('\n')[0].Split(',');
        var f1 = Array.IndexOf(header, "f1");
        Assert.Equal(Plan.Count(p => p.F1 == "never"), csv.Split('\n').Skip(1).Count(line => line.Length > 0 && line.Split(',')[f1] == "never"));
    }

    [Fact]
    public async Task A_crosstab_shows_the_small_expected_count_warning_and_leaves_the_revealing_chart_out()
    {
        using var session = await UnlockedAsync();
        var (status, html) = await session.CrossTabAsync("helped", "f1");
        Assert.True(status == HttpStatusCode.OK, html);
        Assert.Contains("Some expected counts are below 5", html, StringComparison.Ordinal);
        var page = HtmlPage.Parse(html);
        Assert.True(page.Has("#crosstab-chart-left-out"));
        Assert.False(page.Has("svg"));
        // Columns in the form's order.
        Assert.Equal(["Never", "Sometimes", "Often", "Total"], page.One("table#crosstab-counts").Texts("thead th[scope=col]").Skip(1));
    }

    [Fact]
    public async Task A_number_question_is_described_with_a_histogram()
    {
        using var session = await UnlockedAsync();
        var (status, html) = await session.FrequenciesAsync("age", "en");
        Assert.True(status == HttpStatusCode.OK, html);
        Assert.Equal(30, AnalystRequests.Figure(html, "mean"));
        Assert.Equal(30, AnalystRequests.Figure(html, "median"));
        var page = HtmlPage.Parse(html);
        Assert.NotEmpty(page.Rows("table#histogram-table"));
        Assert.True(page.Has("figure.chart-figure svg"));
        var descriptives = page.One("table#descriptives");
        Assert.Equal([$"{Plan.Length}"], descriptives.Row("N"));
        Assert.Equal($"{Plan.Length}", descriptives.One("data").GetAttribute("value")); // the first figure is N, exact
    }

    [Fact]
    public async Task Filters_by_flag_language_and_day_are_links_that_every_page_applies()
    {
        using var session = await UnlockedAsync();
        var passing = Plan.Count(p => !p.FailsAttention);
        var (_, without) = await session.FrequenciesAsync("f1", "en", "&flag-attention=exclude");
        Assert.Contains($"{passing} of {Plan.Length} opened responses analysed", without, StringComparison.Ordinal);
        var (_, only) = await session.FrequenciesAsync("f1", "en", "&flag-attention=only");
        Assert.Contains($"{Plan.Length - passing} of {Plan.Length} opened responses analysed", only, StringComparison.Ordinal);
        Assert.Contains("an attention-check question (parameters attention_check=CHOICE) was answered otherwise", without, StringComparison.Ordinal);

        var arabic = Plan.Count(p => p.Language == "ar");
        var (_, ar) = await session.GetAsync(AnalystRequests.Answers + "?answered-in=ar");
        Assert.Equal(arabic, HtmlPage.Parse(ar).One("table#answers").QuerySelectorAll("th[scope=row]").Length);

        var tomorrow = DateOnly.FromDateTime(DateTime.UtcNow).AddDays(1).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        var (emptyStatus, none) = await session.FrequenciesAsync("f1", "en", "&from=" + tomorrow);
        Assert.Equal(HttpStatusCode.BadRequest, emptyStatus);
        Assert.Contains("none the filter keeps", none, StringComparison.Ordinal);
        var (_, bad) = await session.FrequenciesAsync("f1", "en", "&to=yesterday");
        Assert.Contains("To day 'yesterday' is not a date as YYYY-MM-DD", HtmlPage.Parse(bad).Body!.TextContent, StringComparison.Ordinal);

        using var export = await session.ExportAsync("csv", "en", new KeyValuePair<string, string>("answered-in", "ar"));
        Assert.Equal(HttpStatusCode.OK, export.StatusCode);
        Assert.Equal(arabic + 1, (await export.Content.ReadAsStringAsync()).Split('\n', StringSplitOptions.RemoveEmptyEntries).Length);
        var audit = await fixture.Database.AuditLog.ReadLatestAsync(50);
        Assert.Contains(audit, e => e.Action == "export downloaded" && e.Detail.Contains($"({arabic} responses of {Plan.Length}, ", StringComparison.Ordinal) && e.Detail.Contains("answered in ar", StringComparison.Ordinal));
    }

    [Fact]
    public async Task The_links_between_answers_analyses_and_exports_keep_the_filter()
    {
        using var session = await UnlockedAsync();
        const string Filter = "answered-in=ar&flag-attention=exclude";
        foreach (var (from, to) in new[] { (AnalystRequests.Answers, AnalystRequests.Exports), (AnalystRequests.Answers, AnalystRequests.Analyses), (AnalystRequests.Analyses, AnalystRequests.Answers), (AnalystRequests.Exports, AnalystRequests.Answers) })
        {
            var (status, html) = await session.GetAsync($"{from}?{Filter}");
            Assert.Equal(HttpStatusCode.OK, status);
            var link = HtmlPage.Parse(html).QuerySelectorAll("a[href]").Select(a => a.GetAttribute("href")!).First(href => href.StartsWith(to + "?", StringComparison.Ordinal));
            var query = System.Web.HttpUtility.ParseQueryString(link[(to.Length + 1)..]);
            Assert.Equal(("ar", "exclude"), (query["answered-in"], query["flag-attention"]));

            // Following the link applies it: the page says the filter it was given.
            var (_, followed) = await session.GetAsync(link);
            Assert.Contains("answered in ar", HtmlPage.Parse(followed).Text("#filter-summary"), StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task A_response_set_aside_is_left_out_of_analyses_marked_in_exports_audited_and_put_back()
    {
        using var session = await UnlockedAsync();
        var stored = await fixture.Database.SurveyResponses.ReadAsync(Waymark.Web.Tests.Surveys.SurveyTestForms.FlowTest);
        var id = stored[0].Id;
        var answers = await session.Client.GetStringAsync(AnalystRequests.Answers + "?answered-in=en");
        using (var marked = await session.PostFormAsync(AnalystRequests.Answers + "?handler=Mark", answers, [new("id", id), new("mark", "test"), new("back", AnalystRequests.Answers + "?answered-in=en&p=1")]))
        {
            Assert.Equal(HttpStatusCode.Redirect, marked.StatusCode);
            Assert.Equal(AnalystRequests.Answers + "?answered-in=en&p=1", marked.Headers.Location?.OriginalString);
        }

        using (var elsewhere = await session.PostFormAsync(AnalystRequests.Answers + "?handler=Mark", answers, [new("id", id), new("mark", "test"), new("back", "https://example.org/")]))
        {
            Assert.Equal(AnalystRequests.Answers, elsewhere.Headers.Location?.OriginalString);
        }

        Assert.Equal(stored.Count, (await fixture.Database.SurveyResponses.ReadAsync(Waymark.Web.Tests.Surveys.SurveyTestForms.FlowTest)).Count); // nothing deleted
        var (_, analysed) = await session.FrequenciesAsync("f1", "en");
        Assert.Contains($"{Plan.Length - 1} of {Plan.Length} opened responses analysed", analysed, StringComparison.Ordinal);
        var (_, kept) = await session.FrequenciesAsync("f1", "en", "&marked=include");
        Assert.Contains($"{Plan.Length} of {Plan.Length} opened responses analysed", kept, StringComparison.Ordinal);

        using (var export = await session.ExportAsync("csv"))
        {
            var lines = (await export.Content.ReadAsStringAsync()).Split('\n', StringSplitOptions.RemoveEmptyEntries);
            Assert.Equal(Plan.Length + 1, lines.Length);
            Assert.EndsWith(",excluded", lines[0], StringComparison.Ordinal);
            Assert.EndsWith(",test", lines.Single(l => l.StartsWith(id + ",", StringComparison.Ordinal)), StringComparison.Ordinal);
            Assert.Equal(Plan.Length - 1, lines.Skip(1).Count(l => l.EndsWith(',')));
        }

        using (var putBack = await session.PostFormAsync(AnalystRequests.Answers + "?handler=Mark", answers, [new("id", id), new("mark", "none")]))
        {
            Assert.Equal(HttpStatusCode.Redirect, putBack.StatusCode);
        }

        var (_, again) = await session.FrequenciesAsync("f1", "en");
        Assert.Contains($"{Plan.Length} of {Plan.Length} opened responses analysed", again, StringComparison.Ordinal);
        var audit = await fixture.Database.AuditLog.ReadLatestAsync(50);
        Assert.Contains(audit, e => e.Action == "response set aside" && e.Detail == $"flow-test: {id} as test");
        Assert.Contains(audit, e => e.Action == "response put back" && e.Detail == $"flow-test: {id}");
    }

    /// <summary>The rows of a one-way table: the value code and the count cell's text.</summary>
    private static List<(string Value, string Count)> TableRows(string html, string id) =>
        [.. HtmlPage.Parse(html).One($"table#{id}").QuerySelectorAll("tbody tr").Select(row => (row.Text("td code"), row.QuerySelectorAll("td")[1].TextContent))];
}
