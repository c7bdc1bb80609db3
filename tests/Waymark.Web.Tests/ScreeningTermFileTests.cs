using System.Text.Json;
using System.Text.RegularExpressions;
using Waymark.Testing;

namespace Waymark.Web.Tests;

/// <summary>
/// The real <c>waymark serve</c> with an operator's term file: a line it cannot express is named in
/// the log and skipped instead of stopping the node; an edited file is live without a restart; an
/// unusable edit leaves the terms in use; with a link base set, the JSON and the embeddable fragment
/// link back to Waymark absolutely. Placeholder terms only.
/// </summary>
public sealed partial class ScreeningTermFileTests : IDisposable
{
    private readonly TempFolder _temp = TempFolder.Create("ScreeningTermFileTests");

    public void Dispose() => _temp.Dispose();

    private const string LinkBase = "http://waymarkexample.onion";

    private static async Task<bool> MatchesAsync(HttpClient http, ServerProcess server, string query)
    {
        using var json = JsonDocument.Parse(await http.GetStringAsync(new Uri(server.PublicUrl, "/api/screen?lang=en&q=" + Uri.EscapeDataString(query))));
        return json.RootElement.GetProperty("matched").GetBoolean();
    }

    [Fact]
    public async Task A_licensed_list_with_an_unexpressible_line_starts_follows_edits_and_links_absolutely()
    {
        var terms = Path.Combine(_temp.NewFolder("terms"), "banned_terms.map");
        await File.WriteAllTextAsync(terms, "default 0;\nzorblat 1;\n\"~*quen.*mix\" 1;\n");
        await using var server = await ServerProcess.StartAsync(new Dictionary<string, string>
        {
            ["WAYMARK_SCREENING_TERMS"] = terms,
            ["WAYMARK_SCREENING_LINK_BASE"] = LinkBase + "/",
        });
        using var http = new HttpClient();
        Assert.Contains("Term file line skipped: warning: banned_terms.map line 3: the regular expression", server.Output, StringComparison.Ordinal);
        Assert.True(await MatchesAsync(http, server, "z-o-r-b-l-a-t"));
        Assert.False(await MatchesAsync(http, server, "plovrik"));

        using (var json = JsonDocument.Parse(await http.GetStringAsync(new Uri(server.PublicUrl, "/api/screen?lang=de&q=zorblat"))))
        {
            var links = json.RootElement.GetProperty("links").EnumerateArray().Select(l => l.GetProperty("url").GetString()!).ToList();
            Assert.NotEmpty(links);
            Assert.All(links, url => Assert.StartsWith(LinkBase + "/go/", url, StringComparison.Ordinal));
        }

        var fragment = await http.GetStringAsync(new Uri(server.PublicUrl, "/de/warning/fragment"));
        var hrefs = Href().Matches(fragment).Select(m => m.Groups[1].Value).ToList();
        Assert.NotEmpty(hrefs);
        Assert.All(hrefs, href => Assert.StartsWith(LinkBase + "/", href, StringComparison.Ordinal));

        // Edited in place (as an operator's editor does): live within the refresh interval, no restart.
        await File.WriteAllTextAsync(terms, "zorblat 1;\nplovrik 1;\n");
        File.SetLastWriteTimeUtc(terms, DateTime.UtcNow.AddSeconds(5));
        await Eventually.HappensAsync(() => MatchesAsync(http, server, "p l o v r i k"), "the edited term file going live");
        Assert.Contains("The term file banned_terms.map changed on disk and is live again: 2 entries, 0 lines skipped", server.Output, StringComparison.Ordinal);

        // An edit that leaves no term is refused; the terms in use stay.
        await File.WriteAllTextAsync(terms, "\"~*quen.*mix\" 1;\n");
        File.SetLastWriteTimeUtc(terms, DateTime.UtcNow.AddSeconds(10));
        await Eventually.HappensAsync(() => Task.FromResult(server.Output.Contains("changed on disk but cannot be used", StringComparison.Ordinal)), "the refusal of the emptied file");
        Assert.True(await MatchesAsync(http, server, "plovrik"));
        Assert.True(await MatchesAsync(http, server, "zorblat"));
    }

    [Fact]
    public async Task Strict_screening_or_a_bad_link_base_refuses_to_start_with_the_reason()
    {
        var terms = Path.Combine(_temp.NewFolder("terms"), "banned_terms.map");
        await File.WriteAllTextAsync(terms, "zorblat 1;\n\"~*quen.*mix\" 1;\n");
        var strict = await Assert.ThrowsAsync<InvalidOperationException>(() => ServerProcess.StartAsync(new Dictionary<string, string>
        {
            ["WAYMARK_SCREENING_TERMS"] = terms,
            ["WAYMARK_SCREENING_STRICT"] = "true",
        }));
        Assert.Contains("banned_terms.map line 2: the regular expression", strict.Message, StringComparison.Ordinal);

        var linkBase = await Assert.ThrowsAsync<InvalidOperationException>(() => ServerProcess.StartAsync(new Dictionary<string, string>
        {
            ["WAYMARK_SCREENING_LINK_BASE"] = "waymarkexample.onion/help",
        }));
        Assert.Contains("is not an absolute http or https address", linkBase.Message, StringComparison.Ordinal);
    }

    [GeneratedRegex("href=\"([^\"]*)\"")]
    private static partial Regex Href();
}
