using Waymark.Testing;

namespace Waymark.Web.Tests;

/// <summary>Pages read well in a text browser (w3m): headings, navigation and text, no markup or CSS.</summary>
public sealed class TextBrowserTests(ServerFixture fixture) : IClassFixture<ServerFixture>
{
    private readonly ServerProcess _server = fixture.Server;

    private static async Task<string> DumpAsync(Uri url)
    {
        var run = await ExternalProgram.RunAsync(
            "w3m",
            ["-dump", "-cols", "80", "-O", "UTF-8", url.ToString()],
            environment: new Dictionary<string, string> { ["HOME"] = TestEnvironment.NewTempDirectory("w3m") });
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
        var honeypot = html[html.IndexOf("<div class=\"wm-hp\"", StringComparison.Ordinal)..];
        honeypot = honeypot[..(honeypot.IndexOf("</div>", StringComparison.Ordinal) + "</div>".Length)];
        // A trap for bots: a text field named like an e-mail field; for people: no text, no label, hidden
        // from assistive technology, out of the tab order, never autofilled, and after the form's buttons.
        Assert.Contains("aria-hidden=\"true\"", honeypot, StringComparison.Ordinal);
        Assert.Contains("tabindex=\"-1\"", honeypot, StringComparison.Ordinal);
        Assert.Contains("autocomplete=\"off\"", honeypot, StringComparison.Ordinal);
        Assert.DoesNotContain("<label", honeypot, StringComparison.Ordinal);
        Assert.DoesNotContain("type=", honeypot, StringComparison.Ordinal);
        var form = html[html.LastIndexOf("<form", html.IndexOf("class=\"wm-hp\"", StringComparison.Ordinal), StringComparison.Ordinal)..];
        form = form[..form.IndexOf("</form>", StringComparison.Ordinal)];
        Assert.True(form.LastIndexOf("<button", StringComparison.Ordinal) < form.IndexOf("class=\"wm-hp\"", StringComparison.Ordinal), form);
        Assert.Matches(@">\s*<input [^>]+></div>\s*$", form);

        var text = await DumpAsync(new Uri(_server.PublicUrl, path));
        foreach (var bait in new[] { "Leave this field empty", "field empty", "contact_email", "honeypot", "اترك هذا الحقل", "این فیلد را خالی" })
        {
            Assert.DoesNotContain(bait, text, StringComparison.OrdinalIgnoreCase);
        }
    }
}
