using Waymark.Testing;

namespace Waymark.Web.Tests;

/// <summary>Pages read well in a text browser (w3m): headings, navigation and text, no markup or CSS.</summary>
public sealed class TextBrowserTests(ServerFixture fixture) : IClassFixture<ServerFixture>, IDisposable
{
    private readonly TempFolder _temp = TempFolder.Create("TextBrowserTests");

    public void Dispose() => _temp.Dispose();

    private readonly ServerProcess _server = fixture.Server;

    private async Task<string> DumpAsync(Uri url)
    {
        var run = await ExternalProgram.RunAsync(
            "w3m",
            ["-dump", "-cols", "80", "-O", "UTF-8", url.ToString()],
            environment: new Dictionary<string, string> { ["HOME"] = _temp.NewFolder("w3m") });
        return run.AssertSuccess().Output;
    }

    [Theory]
    [InlineData("en", "Privacy: what we store and what we do not", "Languages")]
    [InlineData("ar", "الخصوصية", "اللغات")]
    public async Task The_privacy_page_reads_as_plain_text(string language, string heading, string navigation)
    {
        var text = await DumpAsync(new Uri(_server.PublicUrl, $"/{language}/privacy"));
        Assert.Contains(heading, text, StringComparison.Ordinal);
        Assert.Contains(navigation, text, StringComparison.Ordinal);
        Assert.DoesNotContain("<", text, StringComparison.Ordinal);
        Assert.DoesNotContain("{", text, StringComparison.Ordinal);
        // The main content comes before the footer, and the skip link leads the page.
        Assert.True(text.IndexOf(heading, StringComparison.Ordinal) < text.LastIndexOf("JavaScript", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("/en/s/help-us-help-you")]
    [InlineData("/ar/s/help-us-help-you")]
    [InlineData("/en/help/why-change")]
    [InlineData("/fa/help/why-change")]
    public async Task A_guarded_form_shows_no_honeypot_in_a_text_browser(string path)
    {
        using var http = new HttpClient();
        var html = await http.GetStringAsync(new Uri(_server.PublicUrl, path));
        // A trap for robots: an empty field named like an e-mail field, after the form's buttons. For people it
        // is type="hidden", the only kind of field a text browser leaves out (w3m ignores CSS and the hidden
        // attribute: any other field shows as "[ ]") and never in the accessibility tree: no label, no text.
        var page = HtmlPage.Parse(html);
        var honeypot = page.QuerySelectorAll("input").Single(input => input.GetAttribute("name") is { } name && name.EndsWith("-" + Forms.GuardedForm.HoneypotBait, StringComparison.Ordinal));
        Assert.Equal([("type", "hidden"), ("name", honeypot.GetAttribute("name")!), ("value", "")], honeypot.Attributes.Select(a => (a.Name, a.Value)));
        var form = honeypot.Closest("form")!;
        Assert.Same(honeypot, form.LastElementChild);
        var buttons = form.QuerySelectorAll("button");
        Assert.True(buttons[^1].Precedes(honeypot), form.OuterHtml);

        // w3m's dump: after the last button of the form, no empty box; and the page has no more boxes than visible fields.
        var text = await DumpAsync(new Uri(_server.PublicUrl, path));
        var visibleFields = page.QuerySelectorAll("input:not([type=hidden]), textarea").Length;
        var boxes = System.Text.RegularExpressions.Regex.Count(text, @"\[_*\s*_*\]");
        Assert.True(boxes <= visibleFields, $"{boxes} empty boxes for {visibleFields} visible fields:\n{text}");
        foreach (var bait in new[] { "Leave this field empty", "field empty", "contact_email", "honeypot", "اترك هذا الحقل", "این فیلد را خالی" })
        {
            Assert.DoesNotContain(bait, text, StringComparison.OrdinalIgnoreCase);
        }
    }

    [Fact]
    public async Task The_consent_page_of_a_survey_shows_only_its_button_in_a_text_browser()
    {
        // The page the old honeypot showed as an unexplained "[ ]" after the Start button in w3m.
        var text = await DumpAsync(new Uri(_server.PublicUrl, "/en/s/help-us-help-you"));
        Assert.Contains("Start the survey", text, StringComparison.Ordinal);
        Assert.DoesNotMatch(@"\[\s*\]", text);
        Assert.DoesNotMatch(@"\[_+\]", text);
    }
}
