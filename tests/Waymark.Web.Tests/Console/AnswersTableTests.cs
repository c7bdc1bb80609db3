using Microsoft.Playwright;
using Waymark.Accounts;
using Waymark.Testing;

namespace Waymark.Web.Tests.Console;

/// <summary>
/// The wide answers table in Chromium with JavaScript off: it scrolls in its own box with the response
/// column sticky so the page fits 360 px, shows codes or labels, sorts by a heading link (a single
/// choice in the form's order, missing last), opens one response on its own page, and "download this
/// view" gives the CSV of the filtered responses; "download all" gives one zip whose R script and
/// SPSS syntax read its data in R and PSPP.
/// </summary>
public sealed class AnswersTableTests(AnalystServer fixture, PageChecker checker) : IClassFixture<AnalystServer>, IClassFixture<PageChecker>, IDisposable
{
    private readonly TempFolder _temp = TempFolder.Create("AnswersTableTests");

    public void Dispose() => _temp.Dispose();

    private async Task CheckAsync(List<string> problems, IPage page)
    {
        var html = await page.ContentAsync();
        problems.AddRange((await checker.CheckHtmlAsync(new Uri(page.Url), html)).Select(p => $"{page.Url}: {p}"));
        problems.AddRange(await checker.CheckNarrowScreenAsync(new Uri(page.Url), html));
    }

    /// <summary>The texts of one column of the answers table, by its heading's position.</summary>
    private static async Task<IReadOnlyList<string>> ColumnAsync(IPage page, string question)
    {
        var headings = await page.Locator("#answers thead th").AllInnerTextsAsync();
        var index = headings.Select((h, i) => (h, i)).First(x => x.h.Split('\n')[0].StartsWith(question, StringComparison.Ordinal)).i;
        return await page.Locator($"#answers tbody tr > :nth-child({index + 1})").AllInnerTextsAsync();
    }

    [Fact]
    public async Task The_answers_table_scrolls_switches_to_labels_sorts_opens_one_response_and_downloads_the_view_and_all_without_javascript()
    {
        const string name = "table-analyst";
        Assert.True((await new ConsoleAccounts(fixture.Database, TimeProvider.System, TotpSecretBox.None).AddAsync(name, ConsoleRole.Analyst, AnalystServer.Password, "test")).IsSuccess);
        var plan = AnalystServer.Plan;
        var problems = new List<string>();
        await using var context = await checker.NewNoScriptContextAsync();
        var page = await context.NewPageAsync();
        await page.GotoAsync(new Uri(fixture.Server.ConsoleUrl, "/console/responses/flow-test").ToString());
        await ConsoleBrowser.SignInEnrollingAsync(page, name, AnalystServer.Password);
        await page.GotoAsync(new Uri(fixture.Server.ConsoleUrl, "/console/responses/flow-test").ToString());
        await page.Locator("#key-file").SetInputFilesAsync(fixture.SecretKeyPath);
        await page.GetByRole(AriaRole.Button, new() { Name = "Unlock", Exact = true }).ClickAsync();
        Assert.Equal(plan.Length, await page.Locator("#answers tbody tr").CountAsync());

        // The table scrolls inside its box (wider than the box), the first column stays put, the page fits 360 px.
        Assert.Equal("sticky", await page.Locator("#answers tbody th").First.EvaluateAsync<string>("e => getComputedStyle(e).position"));
        Assert.True(await page.Locator(".answers-scroll").EvaluateAsync<bool>("e => e.scrollWidth > e.clientWidth"));
        Assert.Equal(["yes", "no"], (await ColumnAsync(page, "helped")).Distinct().Order(StringComparer.Ordinal).Reverse().ToList());
        await CheckAsync(problems, page);

        // Labels in Arabic: the choices by their labels, the question labels under the names.
        await page.GetByLabel("labels", new() { Exact = true }).CheckAsync();
        await page.GetByLabel("Labels in").SelectOptionAsync("ar");
        await page.GetByRole(AriaRole.Button, new() { Name = "Show", Exact = true }).ClickAsync();
        Assert.Contains("show=labels", page.Url, StringComparison.Ordinal);
        Assert.Equal(["نعم", "لا"], (await ColumnAsync(page, "helped")).Distinct().OrderByDescending(v => v == "نعم").ToList());
        await CheckAsync(problems, page);

        // Sorting by a single choice follows the form's choice order (never, sometimes, often); a second click reverses it.
        await page.GotoAsync(new Uri(fixture.Server.ConsoleUrl, "/console/responses/flow-test").ToString());

        // Sorting by the duration: whole tens of seconds in numeric order, a response without page times last.
        await page.Locator("#answers thead a[href*='sort=duration&']").ClickAsync();
        Assert.Contains("sort=duration", page.Url, StringComparison.Ordinal);
        var durations = await ColumnAsync(page, "Duration");
        var timed = durations.TakeWhile(d => d.Length > 0).Select(d => int.Parse(d, System.Globalization.CultureInfo.InvariantCulture)).ToList();
        Assert.Equal(timed.Order().ToList(), timed);
        Assert.All(timed, seconds => Assert.Equal(0, seconds % 10));
        Assert.All(durations.Skip(timed.Count), d => Assert.Equal(string.Empty, d));

        await page.Locator("#answers thead a[href*='sort=f1&']").ClickAsync();
        string[] order = ["never", "sometimes", "often"];
        var ascending = plan.Select(p => p.F1).OrderBy(v => Array.IndexOf(order, v)).ToList();
        Assert.Equal(ascending, await ColumnAsync(page, "f1"));
        Assert.Equal("ascending", await page.Locator("#answers thead th[aria-sort]").GetAttributeAsync("aria-sort"));
        await page.Locator("#answers thead a[href*='sort=f1&']").ClickAsync();
        Assert.Equal(Enumerable.Reverse(ascending).ToList(), await ColumnAsync(page, "f1"));
        Assert.Contains("dir=desc", page.Url, StringComparison.Ordinal);

        // One response on its own page: every asked question in the form's order, the way back to the same view.
        var first = await page.Locator("#answers tbody th a").First.InnerTextAsync();
        await page.Locator("#answers tbody th a").First.ClickAsync();
        Assert.EndsWith($"/console/responses/flow-test/{first}", new Uri(page.Url).AbsolutePath, StringComparison.Ordinal);
        Assert.Equal(["age", "helped", "helper", "f1", "f2", "f3", "check", "why"], await page.Locator("#response-answers dt").EvaluateAllAsync<string[]>("items => items.map(i => i.dataset.question)"));
        Assert.Contains("Often", await page.Locator("#response-answers").InnerTextAsync(), StringComparison.Ordinal);
        await CheckAsync(problems, page);
        await page.Locator("#back").ClickAsync();
        Assert.Contains("sort=f1", page.Url, StringComparison.Ordinal);
        Assert.Contains("dir=desc", page.Url, StringComparison.Ordinal);

        // "Download this view": the CSV of the responses the filter keeps.
        await page.Locator("#filter-flag-attention").SelectOptionAsync("exclude");
        await page.GetByRole(AriaRole.Button, new() { Name = "Apply" }).ClickAsync();
        Assert.Contains("sort=f1", page.Url, StringComparison.Ordinal); // the filter keeps the view
        var kept = plan.Count(p => !p.FailsAttention);
        Assert.Equal(kept, await page.Locator("#answers tbody tr").CountAsync());
        var downloads = _temp.NewFolder("view-downloads");
        var view = await page.RunAndWaitForDownloadAsync(() => page.GetByRole(AriaRole.Button, new() { Name = "Download this view (CSV)" }).ClickAsync());
        var viewPath = Path.Combine(downloads, view.SuggestedFilename);
        await view.SaveAsAsync(viewPath);
        Assert.Equal("flow-test.csv", view.SuggestedFilename);
        Assert.Equal(kept + 1, (await File.ReadAllTextAsync(viewPath)).Split('\n', StringSplitOptions.RemoveEmptyEntries).Length);

        // "Download all": one zip in the chosen language; R and PSPP read its data as unzipped.
        await page.GetByRole(AriaRole.Link, new() { Name = "other formats and download all" }).ClickAsync();
        await CheckAsync(problems, page);
        var all = await page.RunAndWaitForDownloadAsync(() => page.GetByRole(AriaRole.Button, new() { Name = "Download all" }).ClickAsync());
        Assert.Equal("flow-test.zip", all.SuggestedFilename);
        var zipPath = Path.Combine(downloads, all.SuggestedFilename);
        await all.SaveAsAsync(zipPath);
        var folder = Path.Combine(downloads, "all");
        ExternalProgram.Run("/usr/bin/python3", ["-m", "zipfile", "-e", zipPath, folder], downloads).AssertSuccess();
        foreach (var file in new[] { "flow-test.csv", "flow-test_spreadsheet.csv", "flow-test_codebook.csv", "flow-test.R", "flow-test.sps", "flow-test.do", "flow-test.dta" })
        {
            Assert.True(File.Exists(Path.Combine(folder, file)), file);
        }

        var fromR = ExternalProgram.Run("/usr/bin/Rscript", ["--vanilla", "-e", "source('flow-test.R'); cat(nrow(d), sum(d$helped == 'Yes'), levels(d$f1))"], folder).AssertSuccess().Output;
        Assert.Equal($"{kept} {plan.Count(p => !p.FailsAttention && p.Helped == "yes")} Never Sometimes Often", fromR.Trim());
        File.AppendAllText(Path.Combine(folder, "flow-test.sps"), "\nFREQUENCIES /VARIABLES=helped.\n");
        var fromPspp = ExternalProgram.Run("/usr/bin/pspp", ["-O", "format=txt", "flow-test.sps"], folder).AssertSuccess().Combined;
        Assert.DoesNotContain("error", fromPspp, StringComparison.OrdinalIgnoreCase);
        Assert.Matches($@"Yes\s*\|\s*{plan.Count(p => !p.FailsAttention && p.Helped == "yes")}\|", fromPspp); // FREQUENCIES' row of the labelled value
        PageChecker.AssertClean(problems);
    }
}
