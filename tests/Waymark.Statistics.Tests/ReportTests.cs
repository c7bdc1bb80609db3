using Waymark.Statistics.Rendering;
using Waymark.Statistics.Reporting;
using Waymark.Testing;

namespace Waymark.Statistics.Tests;

/// <summary>
/// The report of docs/examples through the page checker. It is a standalone file, not a served page, so the
/// header checks do not apply; everything about the HTML does: no script, no inline handler, no external URL,
/// the Nu HTML Checker and axe-core clean.
/// </summary>
[Trait(TestCategory.Name, TestCategory.Browser)]
public sealed class ReportTests(PageChecker checker) : IClassFixture<PageChecker>
{
    private static readonly string Examples = Path.Combine(TestEnvironment.RepositoryRoot, "docs", "examples");

    /// <summary>The example data through <see cref="FindingsReport"/>; the page, or the failure's message.</summary>
    private static Result<string> Report(string yaml, string source) =>
        Dataset.ReadCsv(Path.Combine(Examples, "survey.csv"))
            .Then(data => FindingsReport.Run(data, "survey.csv", yaml, source))
            .Map(HtmlReport.Render);

    [Fact]
    public async Task The_example_report_has_every_item_and_passes_the_page_checker()
    {
        var report = Report(await File.ReadAllTextAsync(Path.Combine(Examples, "findings.yaml")), "findings.yaml");
        Assert.True(report.IsSuccess, report.Error);
        var html = report.Value!;

        var page = HtmlPage.Parse(html);
        Assert.Equal(6, page.QuerySelectorAll("h2[id^='item-']").Length); // one section per item of findings.yaml
        Assert.Equal(5, page.QuerySelectorAll("svg[role=img]").Length);
        Assert.Contains("Who seeks help", page.Texts("h2"));
        Assert.Contains("contactoften", page.Texts("th[scope=row]"));
        Assert.Contains("Fisher's exact test", page.Texts("dt"));
        Assert.Contains(page.Texts("p"), text => text.StartsWith("Rows used: ", StringComparison.Ordinal));

        // The figures in the page are the ones the JSON (checked against R) has.
        var crosstab = RReference.Flatten(StatsJson.CrossTab(Path.Combine(Examples, "survey.csv"), "contact", "sought_help", "w").Json!);
        var chi = double.Parse(crosstab["chi_square.statistic"], System.Globalization.CultureInfo.InvariantCulture);
        Assert.Contains($"= {chi.ToString("0.000", System.Globalization.CultureInfo.InvariantCulture)}, p", html, StringComparison.Ordinal);

        // Both intervals of the odds ratios, named: the profile likelihood's (R's confint) and Wald's.
        Assert.Contains("95% CI (profile likelihood)", html, StringComparison.Ordinal);
        Assert.Contains("95% CI (Wald)", html, StringComparison.Ordinal);
        var logit = RReference.Flatten(StatsJson.Logit(Path.Combine(Examples, "survey.csv"), "sought_help", ["contact", "hours_online", "age_group"], "w", ["contact=never"]).Json!);
        var low = double.Parse(logit["coefficients.1.ci_profile.0"], System.Globalization.CultureInfo.InvariantCulture);
        var high = double.Parse(logit["coefficients.1.ci_profile.1"], System.Globalization.CultureInfo.InvariantCulture);
        // The term's row of the model's table: estimate, SE, z, p, odds ratio, then the profile interval.
        var model = page.Table("Logistic regression of sought_help on contact, hours_online, age_group");
        Assert.Equal($"{NumberFormat.Fixed(low)} to {NumberFormat.Fixed(high)}", model.Row(logit["$coefficients.1.term"])[5]);

        PageChecker.AssertClean(await checker.CheckHtmlAsync(new Uri("http://127.0.0.1/report.html"), html));
    }

    [Theory]
    [InlineData("items:\n  - freq: contact\n  - crosstab: [contact]\n", "item 2", "two variables")]
    [InlineData("items:\n  - freq: contact\n    crosstab: [a, b]\n", "item 1", "exactly one of")]
    [InlineData("items:\n  - freq: contact\n  - logit: sought_help\n", "item 2", "predictors")]
    [InlineData("items:\n  - freq: contact\n    colour: blue\n", "line 3", "unknown key 'colour'")]
    [InlineData("title: nothing here\n", "findings.yaml", "at least one analysis")]
    [InlineData("items:\n  - freq: contact\n  - crosstab: [contact, zorblat]\n", "item 2 (crosstab contact by zorblat)", "no column 'zorblat'")]
    [InlineData("items:\n  - logit: sought_help\n    predictors: [contact]\n    ref: {contact: quenmix}\n", "item 1 (logit sought_help)", "Reference level 'quenmix'")]
    public void A_bad_spec_is_a_clear_error_naming_the_item(string yaml, string where, string what)
    {
        var report = Report(yaml, "findings.yaml");
        Assert.False(report.IsSuccess);
        Assert.Contains(where, report.Error, StringComparison.Ordinal);
        Assert.Contains(what, report.Error, StringComparison.Ordinal);
    }
}
