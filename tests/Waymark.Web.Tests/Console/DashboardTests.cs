using System.Globalization;
using Microsoft.Playwright;
using Waymark.Accounts;
using Waymark.Testing;
using Waymark.Web.Accounts;

namespace Waymark.Web.Tests.Console;

/// <summary>
/// A researcher's landing page and a survey's dashboard on the real <c>waymark</c>, in Chromium with
/// JavaScript off: the console opens on the surveys with their counts (node status has its own page),
/// the dashboard charts the responses per day before any answer is unlocked, and once unlocked shows
/// when the key is wiped, every flag with its rule and count, and a summary of every question in the
/// form's order; leaving a flag out is a link. Every page passes the page checker and fits 360 px.
/// </summary>
public sealed class DashboardTests(AnalystServer fixture, PageChecker checker) : IClassFixture<AnalystServer>, IClassFixture<PageChecker>
{
    /// <summary>The flow-test form's asked questions in its order (notes and calculations are not asked).</summary>
    private static readonly string[] FormOrder = ["age", "helped", "helper", "f1", "f2", "f3", "check", "why"];

    private async Task CheckAsync(List<string> problems, IPage page)
    {
        var html = await page.ContentAsync();
        problems.AddRange((await checker.CheckHtmlAsync(new Uri(page.Url), html)).Select(p => $"{page.Url}: {p}"));
        problems.AddRange(await checker.CheckNarrowScreenAsync(new Uri(page.Url), html));
    }

    [Fact]
    public async Task An_analyst_lands_on_the_surveys_and_reads_a_dashboard_of_every_question_in_form_order_without_javascript()
    {
        const string name = "dashboard-analyst";
        Assert.True((await new ConsoleAccounts(fixture.Database, TimeProvider.System, TotpSecretBox.None).AddAsync(name, ConsoleRole.Analyst, AnalystServer.Password, "test")).IsSuccess);
        var problems = new List<string>();
        await using var context = await checker.NewNoScriptContextAsync();
        var page = await context.NewPageAsync();
        await page.GotoAsync(new Uri(fixture.Server.ConsoleUrl, "/console").ToString());
        await ConsoleBrowser.SignInEnrollingAsync(page, name, AnalystServer.Password);

        // The landing page: the surveys and their counts, not the node's status.
        Assert.Equal("/console", new Uri(page.Url).AbsolutePath);
        Assert.Equal(AnalystServer.Plan.Length.ToString(CultureInfo.InvariantCulture), await page.Locator("#surveys td[data-count]").First.GetAttributeAsync("data-count"));
        Assert.Equal(0, await page.Locator("#storage").CountAsync());
        await CheckAsync(problems, page);
        await page.GetByRole(AriaRole.Link, new() { Name = "Node status" }).ClickAsync();
        Assert.Equal("/console/status", new Uri(page.Url).AbsolutePath);
        Assert.Contains("SQLite", await page.Locator("#storage").InnerTextAsync(), StringComparison.OrdinalIgnoreCase);
        await CheckAsync(problems, page);

        // The dashboard while the answers are locked: the days come from the clear columns.
        await page.GotoAsync(new Uri(fixture.Server.ConsoleUrl, "/console").ToString());
        await page.GetByRole(AriaRole.Link, new() { Name = "Flow test dashboard" }).ClickAsync();
        Assert.Equal("/console/dashboard/flow-test", new Uri(page.Url).AbsolutePath);
        var today = DateTime.UtcNow.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        var description = await page.Locator("#days-chart-desc").TextContentAsync();
        Assert.Equal($"{today}: {AnalystServer.Plan.Length}", description);
        Assert.Equal(1, await page.Locator("figure svg[role=img][aria-labelledby='days-chart-title days-chart-desc']").CountAsync());
        Assert.Equal(AnalystServer.Plan.Length.ToString(CultureInfo.InvariantCulture), await page.Locator("#days-table tbody td").First.TextContentAsync()); // in a closed <details>: there, not shown
        Assert.True(await page.Locator("#locked").IsVisibleAsync());
        Assert.Equal(0, await page.Locator("#questions").CountAsync());
        Assert.Contains("/en/s/flow-test", await page.Locator("#public-address").InnerTextAsync(), StringComparison.Ordinal);
        Assert.Contains("/ar/s/flow-test", await page.Locator("#public-address").InnerTextAsync(), StringComparison.Ordinal);
        await CheckAsync(problems, page);

        // Unlocked: when the key is wiped, the flags with their counts, every question in the form's order.
        await page.GotoAsync(new Uri(fixture.Server.ConsoleUrl, "/console/responses/flow-test").ToString());
        await page.Locator("#key-file").SetInputFilesAsync(fixture.SecretKeyPath);
        await page.GetByRole(AriaRole.Button, new() { Name = "Unlock", Exact = true }).ClickAsync();
        var unlockedAt = DateTimeOffset.UtcNow;
        await page.GotoAsync(new Uri(fixture.Server.ConsoleUrl, "/console/dashboard/flow-test").ToString());
        var expires = DateTimeOffset.Parse((await page.Locator("#key-expires").GetAttributeAsync("datetime"))!, CultureInfo.InvariantCulture);
        Assert.InRange(expires - unlockedAt, ConsoleAuthentication.AbsoluteTimeout - TimeSpan.FromMinutes(2), ConsoleAuthentication.AbsoluteTimeout + TimeSpan.FromMinutes(1));
        var idle = DateTimeOffset.Parse((await page.Locator("#key-idle").GetAttributeAsync("datetime"))!, CultureInfo.InvariantCulture);
        Assert.InRange(idle - DateTimeOffset.UtcNow, ConsoleAuthentication.IdleTimeout - TimeSpan.FromMinutes(2), ConsoleAuthentication.IdleTimeout + TimeSpan.FromMinutes(1));

        Assert.Equal(AnalystServer.Plan.Count(p => p.FailsAttention).ToString(CultureInfo.InvariantCulture), await page.Locator("#flag-attention td[data-count]").GetAttributeAsync("data-count"));
        Assert.Equal(AnalystServer.Plan.Count(p => p.StraightLined).ToString(CultureInfo.InvariantCulture), await page.Locator("#flag-straightlining td[data-count]").GetAttributeAsync("data-count"));
        Assert.Contains("attention_check", await page.Locator("#flag-attention").InnerTextAsync(), StringComparison.Ordinal); // the rule beside the flag
        var order = await page.Locator("#questions > li").EvaluateAllAsync<string[]>("items => items.map(i => i.dataset.question)");
        Assert.Equal(FormOrder, order);
        var f1 = page.Locator("li[data-question=f1] table tbody th");
        Assert.Equal(["Never", "Sometimes", "Often"], await f1.AllInnerTextsAsync());
        Assert.Equal(1, await page.Locator("li[data-question=age] svg[role=img]").CountAsync());
        Assert.Equal(30.0, double.Parse((await page.Locator("li[data-question=age] data[id$=mean]").GetAttributeAsync("value"))!, CultureInfo.InvariantCulture));
        Assert.StartsWith($"{AnalystServer.Plan.Length} of {AnalystServer.Plan.Length} ", await page.Locator("#filter-summary").InnerTextAsync(), StringComparison.Ordinal);
        await CheckAsync(problems, page);

        // Leaving the attention-check failures out is a link; the summaries then count the rest.
        await page.GetByRole(AriaRole.Link, new() { Name = "leave them out (attention)" }).ClickAsync();
        Assert.Contains("flag-attention=exclude", page.Url, StringComparison.Ordinal);
        var kept = AnalystServer.Plan.Count(p => !p.FailsAttention);
        Assert.StartsWith($"{kept} of {AnalystServer.Plan.Length} ", await page.Locator("#filter-summary").InnerTextAsync(), StringComparison.Ordinal);
        Assert.Contains($"N = {kept}", await page.Locator("li[data-question=helped] caption").InnerTextAsync(), StringComparison.Ordinal);
        await CheckAsync(problems, page);

        // Labels in Arabic: the same summaries, the choice labels of the other language.
        await page.GetByLabel("Labels in").SelectOptionAsync("ar");
        await page.GetByRole(AriaRole.Button, new() { Name = "Show labels" }).ClickAsync();
        Assert.Contains("flag-attention=exclude", page.Url, StringComparison.Ordinal);
        Assert.Contains("نعم", await page.Locator("li[data-question=helped] table").InnerTextAsync(), StringComparison.Ordinal);
        await CheckAsync(problems, page);

        // The questionnaire, read-only, in each of its languages, with the conditions under the questions.
        await page.GetByRole(AriaRole.Link, new() { Name = "Questionnaire", Exact = true }).ClickAsync();
        Assert.Equal("/console/dashboard/flow-test/questionnaire", new Uri(page.Url).AbsolutePath);
        Assert.Contains("How old are you?", await page.Locator("#preview").InnerTextAsync(), StringComparison.Ordinal);
        Assert.Contains("helper shown when: ${helped} = 'yes'", await page.Locator("#preview").InnerTextAsync(), StringComparison.Ordinal);
        Assert.Equal(0, await page.Locator("#preview button[type=submit]:enabled, #preview input:enabled").CountAsync());
        await CheckAsync(problems, page);
        await page.GetByRole(AriaRole.Link, new() { Name = "العربية" }).ClickAsync();
        Assert.Equal("rtl", await page.Locator("#preview").GetAttributeAsync("dir"));
        Assert.Contains("كم عمرك؟", await page.Locator("#preview").InnerTextAsync(), StringComparison.Ordinal);
        await CheckAsync(problems, page);
        PageChecker.AssertClean(problems);
    }
}
