using System.Net;
using System.Text.RegularExpressions;
using Microsoft.Extensions.DependencyInjection;
using Waymark.Accounts;
using Waymark.SelfHelp.Content;
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

        Assert.Contains("<table id=\"translation-items\">", html, StringComparison.Ordinal);
        foreach (var entry in inventory.Entries)
        {
            Assert.Contains(
                $"<td class=\"translation-{entry.State.ToString().ToLowerInvariant()}\" title=\"{System.Text.Encodings.Web.HtmlEncoder.Default.Encode(TranslationsModel.Describe(entry))}\">{TranslationsModel.Label(entry)}</td>",
                html,
                StringComparison.Ordinal);
        }

        Assert.Contains("<th scope=\"row\"><code>screening/messages.txt</code></th>", html, StringComparison.Ordinal);
        Assert.Contains(">machine draft</td>", html, StringComparison.Ordinal);

        // Every recovery-phrase word list, drafts listed as drafts.
        Assert.Contains("<table id=\"word-lists\">", html, StringComparison.Ordinal);
        foreach (var list in Secrets.RecoveryPhrase.Lists)
        {
            var encode = System.Text.Encodings.Web.HtmlEncoder.Default;
            var row = $"<tr class=\"{(list.IsMachineDraft ? "translation-draft" : "translation-current")}\">\\s*<th scope=\"row\">{list.Language}</th>\\s*"
                + $"<td>{Regex.Escape(encode.Encode(TranslationsModel.Source(list.Source)))}</td>\\s*<td>{Regex.Escape(encode.Encode(list.Status))}</td>";
            Assert.Matches(row, html);
        }

        Assert.Contains("<td>Monero (BSD-3-Clause)</td>", html, StringComparison.Ordinal);
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
