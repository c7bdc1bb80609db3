using Microsoft.Playwright;
using Waymark.SelfHelp.Content;
using Waymark.Testing;
using Waymark.Web.Localization;

namespace Waymark.Web.Tests;

/// <summary>
/// Exercises that use what the person wrote before, in Chromium with JavaScript off: answers saved in one module are
/// quoted back beside a later module's exercise, as text (markup they typed is not markup), from the vault opened on
/// that request alone; without an open vault the page says how to see them; neither the logs nor the data files hold them.
/// </summary>
public sealed class SelfHelpEarlierAnswersTests(PageChecker checker, ServerFixture fixture) : IClassFixture<PageChecker>, IClassFixture<ServerFixture>
{
    // Distinctive, benign answers; the first carries markup that must reach the page as text.
    private const string Reasons = "glimmerfen 4402 <b>so I can look my sister in the eye</b> & sleep";
    private const string Cycle = "trevolin-evening 5518: tired, alone, then the browser";

    private static readonly ContentLibrary Content =
        ContentLibrary.Load(Path.Combine(TestEnvironment.RepositoryRoot, "content"), Languages.All.Select(language => language.Code));

    [Theory]
    [InlineData("en")]
    [InlineData("ar")]
    public async Task An_answer_written_in_one_module_is_quoted_back_as_text_in_a_later_one(string language)
    {
        var server = fixture.Server; // each language's test works under its own phrase
        var programme = Content.ProgrammeIn(language);
        var stress = programme.Find("my-pattern")!.Exercises.Single(exercise => exercise.Id == "triggers").Choices.Single(choice => choice.Id == "stress").Label;
        var problems = new List<string>();
        string phrase;

        await using (var context = await checker.NewNoScriptContextAsync())
        {
            var page = await context.NewPageAsync();
            await page.GotoAsync(new Uri(server.PublicUrl, $"/{language}/help/why-change").ToString());
            Assert.Equal(0, await page.Locator(".recall").CountAsync()); // the first module builds on nothing
            await page.FillAsync("#x-reasons", Reasons);
            await page.Locator("button[formaction$='handler=SaveNewPhrase']").ClickAsync();
            phrase = (await page.Locator(".phrase .words").InnerTextAsync()).Trim();

            // Own pattern: its triggers question recalls the self-assessment, which this person has not taken.
            await OpenAsync(page, language, "my-pattern");
            Assert.Equal(1, await page.Locator(".recall").CountAsync());
            Assert.Contains(Text(language, "Help.Recall.NotAnswered"), await page.Locator(".recall").InnerTextAsync(), StringComparison.Ordinal);
            await page.CheckAsync("input[name$='-a.triggers.stress']");
            await page.FillAsync("#x-cycle", Cycle);
            await page.Locator("button[formaction$='handler=Save']").ClickAsync();
            Assert.Equal(1, await page.Locator("button.next").CountAsync());

            // Managing urges: the triggers listed in "own pattern" and the reasons from "why change", beside the strategies.
            await OpenAsync(page, language, "managing-urges");
            var recall = page.Locator(".recall");
            Assert.Equal(1, await recall.CountAsync());
            Assert.Equal(Text(language, "Help.Recall.Heading"), (await recall.Locator("h3").InnerTextAsync()).Trim());
            Assert.Equal([stress], (await recall.Locator("li").AllInnerTextsAsync()).Select(text => text.Trim()));
            Assert.Equal(Reasons, (await recall.Locator(".own-words").InnerTextAsync()).Trim());
            Assert.Equal(0, await recall.Locator("b").CountAsync()); // "<b>" was typed, so it is text, not bold
            Assert.Contains("&lt;b&gt;so I can", await page.ContentAsync(), StringComparison.Ordinal);
            Assert.Contains(programme.Find("my-pattern")!.Title, await recall.Locator("cite").First.InnerTextAsync(), StringComparison.Ordinal);
            await CheckAsync(page, problems);

            // Permission-giving thoughts: what happened the last time, in the person's own words.
            await OpenAsync(page, language, "excusing-thoughts");
            Assert.Equal(Cycle, (await page.Locator(".recall .own-words").InnerTextAsync()).Trim());
            await CheckAsync(page, problems);
        }

        await using (var fresh = await checker.NewNoScriptContextAsync())
        {
            // Without an open vault nothing is quoted; the page says how to see the answers.
            var page = await fresh.NewPageAsync();
            await page.GotoAsync(new Uri(server.PublicUrl, $"/{language}/help/relapse-prevention").ToString());
            Assert.Equal(0, await page.Locator(".recall").CountAsync());
            Assert.Contains(Text(language, "Help.Recall.Closed"), await page.Locator(".exercises .notice").InnerTextAsync(), StringComparison.Ordinal);
            Assert.Equal(1, await page.Locator($".exercises .notice a[href='/{language}/help#resume']").CountAsync());
            await CheckAsync(page, problems);

            // Resumed in a fresh browser from the phrase alone: the relapse-prevention plan gathers the earlier answers.
            await page.GotoAsync(new Uri(server.PublicUrl, $"/{language}/help").ToString());
            await page.FillAsync("#phrase", phrase);
            await page.Locator("form[action$='handler=Resume'] button").ClickAsync();
            await page.Locator($"form[action='/{language}/help/relapse-prevention?handler=Open'] button").ClickAsync();
            var recall = page.Locator(".recall");
            Assert.Contains(stress, await recall.Locator("li").AllInnerTextsAsync());
            Assert.Contains(Text(language, "Help.Recall.NotAnswered"), await recall.InnerTextAsync(), StringComparison.Ordinal); // the safety plan is empty
            Assert.Equal(7, await recall.Locator(".recall-source").CountAsync());
            await CheckAsync(page, problems);
        }

        PageChecker.AssertClean(problems);
        var stored = await server.DataFilesTextAsync();
        foreach (var marker in new[] { "glimmerfen", "trevolin-evening", phrase })
        {
            Assert.DoesNotContain(marker, server.Output, StringComparison.Ordinal);
            Assert.DoesNotContain(marker, stored, StringComparison.Ordinal);
        }
    }

    /// <summary>From a saved page, back to the overview and into a module with the vault token (a POST, never an address).</summary>
    private static async Task OpenAsync(IPage page, string language, string module)
    {
        await page.Locator($"form[action='/{language}/help?handler=Overview'] button").ClickAsync();
        await page.Locator($"form[action='/{language}/help/{module}?handler=Open'] button").ClickAsync();
        Assert.EndsWith($"/{language}/help/{module}?handler=Open", page.Url, StringComparison.Ordinal);
    }

    private async Task CheckAsync(IPage page, List<string> problems)
    {
        var url = new Uri(page.Url);
        var html = await page.ContentAsync();
        problems.AddRange(await checker.CheckHtmlAsync(url, html));
        problems.AddRange(await checker.CheckNarrowScreenAsync(url, html));
    }

    /// <summary>A UI string as the translators wrote it (the page must show exactly this).</summary>
    private static string Text(string language, string key) =>
        File.ReadLines(Path.Combine(TestEnvironment.RepositoryRoot, "src", "Waymark.Web", "Resources", "strings", language + ".txt"))
            .Where(line => !line.StartsWith('#') && line.StartsWith(key + " = ", StringComparison.Ordinal))
            .Select(line => line[(key.Length + 3)..].Trim())
            .Single();
}
