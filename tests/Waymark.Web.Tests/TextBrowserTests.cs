using System.Diagnostics;
using Waymark.Testing;

namespace Waymark.Web.Tests;

/// <summary>Pages read well in a text browser (w3m): headings, navigation and text, no markup or CSS.</summary>
public sealed class TextBrowserTests(ServerFixture fixture) : IClassFixture<ServerFixture>
{
    private readonly ServerProcess _server = fixture.Server;

    private static async Task<string> DumpAsync(Uri url)
    {
        var start = new ProcessStartInfo("w3m") { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var argument in new[] { "-dump", "-cols", "80", "-O", "UTF-8", url.ToString() })
        {
            start.ArgumentList.Add(argument);
        }

        start.Environment["HOME"] = TestEnvironment.NewTempDirectory("w3m");
        using var process = Process.Start(start)!;
        var text = await process.StandardOutput.ReadToEndAsync();
        await process.WaitForExitAsync();
        Assert.Equal(0, process.ExitCode);
        return text;
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
}
