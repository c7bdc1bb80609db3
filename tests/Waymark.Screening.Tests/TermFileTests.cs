using Waymark.Testing;

namespace Waymark.Screening.Tests;

/// <summary>
/// A term file as a node reads it: a line Waymark cannot express is named and skipped (refused only
/// when strict), and a change on disk is noticed so the node can read the file again.
/// </summary>
public sealed class TermFileTests : IDisposable
{
    private readonly TempFolder _temp = TempFolder.Create("TermFileTests");

    public void Dispose() => _temp.Dispose();

    // An Ahmia-style map: two plain terms and a regular expression Waymark cannot express as a term.
    private const string MapWithRegex = "default 0;\nzorblat 1;\n\"~*quen.*mix\" 1;\n\"vrel dapto\" 1;\n";

    private string WriteFile(string name, string text)
    {
        var path = Path.Combine(_temp.NewFolder("terms"), name);
        File.WriteAllText(path, text);
        return path;
    }

    [Fact]
    public void A_line_that_cannot_be_expressed_is_named_and_skipped_and_the_other_terms_screen()
    {
        var path = WriteFile("banned_terms.map", MapWithRegex);
        var file = Screener.OpenTermFile(new ScreenerOptions { TermsPath = path });
        Assert.True(file.IsSuccess, file.Error);
        Assert.Equal(["zorblat", "vrel dapto"], file.Value!.Entries.Select(e => e.Term));
        Assert.Equal(1, file.Value.SkippedCount);
        var skipped = Assert.Single(file.Value.DescribeSkipped());
        Assert.StartsWith("warning: banned_terms.map line 3: the regular expression", skipped, StringComparison.Ordinal);
        Assert.Equal("banned_terms.map: 1 line skipped; 2 terms read.", file.Value.SkippedSummary);

        var screener = Screener.Load(new ScreenerOptions { TermsPath = path });
        Assert.True(screener.IsSuccess, screener.Error);
        Assert.True(screener.Value!.Screen("z.o.r.b.l.a.t", "en").Matched);
        Assert.True(screener.Value.Screen("vrel dapto", "en").Matched);
    }

    [Fact]
    public void Strict_reading_refuses_the_file_naming_the_line_and_how_many_more()
    {
        var path = WriteFile("banned_terms.map", MapWithRegex + "\"~^a+b\" 1;\n");
        var strict = Screener.OpenTermFile(new ScreenerOptions { TermsPath = path, StrictTerms = true });
        Assert.False(strict.IsSuccess);
        Assert.StartsWith("error: banned_terms.map line 3: the regular expression", strict.Error, StringComparison.Ordinal);
        Assert.EndsWith("(1 more line is bad.)", strict.Error, StringComparison.Ordinal);
        Assert.False(Screener.Load(new ScreenerOptions { TermsPath = path, StrictTerms = true }).IsSuccess);
    }

    [Fact]
    public void A_term_with_nothing_left_after_normalisation_is_skipped_not_fatal()
    {
        var path = WriteFile("list.tsv", "zorblat\n...\t*\ttoken\n");
        var file = Screener.OpenTermFile(new ScreenerOptions { TermsPath = path });
        Assert.True(file.IsSuccess, file.Error);
        Assert.Equal(["zorblat"], file.Value!.Entries.Select(e => e.Term));
        Assert.Contains("warning: list.tsv line 2: the term '...' has no letters or digits", Assert.Single(file.Value.DescribeSkipped()), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("quenmix\tenglish\n...\n", "error: list.tsv line 1: no line holds a term that can be screened for (the first that cannot: ")]
    [InlineData("# only a comment\n", "error: list.tsv: the list has no terms.")]
    [InlineData("skarnival\ten\tallow\n", "error: list.tsv: the list has no terms.")]
    public void A_file_that_leaves_no_term_fails_even_when_not_strict(string text, string message)
    {
        var file = Screener.OpenTermFile(new ScreenerOptions { TermsPath = WriteFile("list.tsv", text) });
        Assert.False(file.IsSuccess);
        Assert.StartsWith(message, file.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void A_missing_file_fails_with_its_path()
    {
        var path = Path.Combine(_temp.NewFolder("terms"), "absent.tsv");
        var file = Screener.OpenTermFile(new ScreenerOptions { TermsPath = path });
        Assert.False(file.IsSuccess);
        Assert.Contains(path, file.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void A_change_on_disk_is_noticed_and_reopening_reads_the_new_terms()
    {
        var path = WriteFile("list.tsv", "zorblat\n");
        var loaded = Screener.Load(new ScreenerOptions { TermsPath = path }).Value!;
        var file = Screener.OpenTermFile(new ScreenerOptions { TermsPath = path }).Value!;
        Assert.False(file.HasChangedOnDisk());

        File.WriteAllText(path, "zorblat\nplovrik\n");
        File.SetLastWriteTimeUtc(path, file.WrittenUtc.AddSeconds(5)); // a coarse clock could give the same time
        Assert.True(file.HasChangedOnDisk());
        var reopened = loaded.ReopenTermFile(file);
        Assert.True(reopened.IsSuccess, reopened.Error);
        Assert.Equal(["zorblat", "plovrik"], reopened.Value!.Entries.Select(e => e.Term));
        Assert.False(reopened.Value.HasChangedOnDisk());

        File.WriteAllText(path, "# emptied while being edited\n");
        Assert.True(reopened.Value.HasChangedOnDisk());
        Assert.False(loaded.ReopenTermFile(reopened.Value).IsSuccess);
        var kept = reopened.Value.AsOnDisk();
        Assert.Equal(reopened.Value.Entries, kept.Entries);
        Assert.False(kept.HasChangedOnDisk()); // not read again until the file changes once more

        File.Delete(path);
        Assert.True(kept.HasChangedOnDisk());
    }
}
