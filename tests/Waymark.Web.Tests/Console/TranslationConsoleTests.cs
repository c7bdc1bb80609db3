using System.Net;
using Microsoft.Extensions.DependencyInjection;
using Waymark.Accounts;
using Waymark.SelfHelp.Content;
using Waymark.Testing;
using Waymark.Web.Pages.Console.Editor;
using Waymark.Web.Translations;

namespace Waymark.Web.Tests.Console;

/// <summary>The console's translation status page: every item in every language, with its state and metadata.</summary>
public sealed class TranslationConsoleTests(StaffFixture staff) : IClassFixture<StaffFixture>
{
    [Fact]
    public async Task Editors_see_every_item_in_every_language_with_its_state()
    {
        var inventory = staff.Server.Services.GetRequiredService<TranslationInventory>();
        var html = await staff.SessionOf(ConsoleRole.Editor).Client.GetStringAsync("/console/translations");

        var page = HtmlPage.Parse(html);
        var items = page.One("table#translation-items");
        var languages = items.Texts("thead th[scope=col]").Skip(1).ToList();
        var rows = items.QuerySelectorAll("tbody tr").ToDictionary(row => row.Text("th[scope=row]"));
        foreach (var entry in inventory.Entries)
        {
            // The item's cell under the language's column: its label, its state as a class, what it means as a title.
            var cell = rows[entry.Item].QuerySelectorAll("td")[languages.IndexOf(entry.Language)];
            Assert.Equal(
                (TranslationsModel.Label(entry), $"translation-{entry.State.ToString().ToLowerInvariant()}", TranslationsModel.Describe(entry)),
                (cell.TextContent, cell.ClassName, cell.GetAttribute("title")));
        }

        Assert.Equal("code", rows["screening/messages.txt"].One("th[scope=row] > *").LocalName);
        Assert.Contains("machine draft", items.Texts("td"));

        // Every recovery-phrase word list, drafts listed as drafts.
        var wordLists = page.One("table#word-lists");
        foreach (var list in Secrets.RecoveryPhrase.Lists)
        {
            var row = wordLists.QuerySelectorAll("tbody tr").Single(r => r.Text("th[scope=row]") == list.Language);
            Assert.Equal(list.IsMachineDraft ? "translation-draft" : "translation-current", row.ClassName);
            Assert.Equal([TranslationsModel.Source(list.Source), list.Status], row.Texts("td").Take(2));
        }

        Assert.Contains("Monero (BSD-3-Clause)", wordLists.Texts("td"));
        Assert.Equal(HttpStatusCode.Forbidden, (await staff.SessionOf(ConsoleRole.Analyst).Client.GetAsync("/console/translations")).StatusCode);
    }

    [Fact]
    public void Each_state_is_described_with_the_metadata_editors_need()
    {
        var draft = new TranslationMetadata("machine-draft", "0123456789abcdef", "", "");
        var reviewed = new TranslationMetadata("reviewed", "0123456789abcdef", "A. Reviewer", "2026-12-01");

        Assert.Equal("machine draft", TranslationsModel.Label(new("parents/01-a.md", "fi", TranslationState.Current, "parents/fi/01-a.md", draft, [], [])));
        Assert.Equal("reviewed", TranslationsModel.Label(new("parents/01-a.md", "fi", TranslationState.Current, "parents/fi/01-a.md", reviewed, [], [])));
        Assert.Equal(
            "parents/01-a.md in fi: reviewed by A. Reviewer on 2026-12-01 of the current English text",
            TranslationsModel.Describe(new("parents/01-a.md", "fi", TranslationState.Current, "parents/fi/01-a.md", reviewed, [], [])));
        Assert.Equal(
            "parents/01-a.md in fi: stale (machine draft of an older English text 0123456789abcdef; readers see an out-of-date notice)",
            TranslationsModel.Describe(new("parents/01-a.md", "fi", TranslationState.Stale, "parents/fi/01-a.md", draft, [], [])));
        Assert.Equal("stale", TranslationsModel.Label(new("parents/01-a.md", "fi", TranslationState.Stale, "parents/fi/01-a.md", draft, [], [])));
        Assert.Equal(
            "screening/messages.txt in ja: partial, lacks heading, help",
            TranslationsModel.Describe(new("screening/messages.txt", "ja", TranslationState.Partial, "screening/messages/ja.txt", draft, [], ["heading", "help"])));
        Assert.Equal("missing", TranslationsModel.Label(new("selfhelp/index.md", "ja", TranslationState.Missing, null, TranslationMetadata.None, [], [])));
    }
}
