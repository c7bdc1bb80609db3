using System.Globalization;
using System.Text.RegularExpressions;
using Waymark.SelfHelp.Content;
using Waymark.Testing;

namespace Waymark.SelfHelp.Tests;

/// <summary>
/// The page for professionals (content/professionals) cites a source for its figures, and no translation changes,
/// drops or adds a figure: every percentage and every citation of the English text is in each translation, and no other.
/// </summary>
public sealed partial class ProfessionalsPageTests
{
    private static readonly string Folder = Path.Combine(TestEnvironment.RepositoryRoot, "content", "professionals");

    public static TheoryData<string> Languages()
    {
        var data = new TheoryData<string>();
        foreach (var folder in Directory.EnumerateDirectories(Folder).Order(StringComparer.Ordinal))
        {
            data.Add(Path.GetFileName(folder));
        }

        return data;
    }

    [Fact]
    public void Every_source_is_cited_and_every_citation_names_a_source()
    {
        var sources = SourceNumbers().Matches(File.ReadAllText(Path.Combine(Folder, "sources.md"))).Select(match => int.Parse(match.Groups[1].Value, CultureInfo.InvariantCulture)).ToList();
        var cited = Citations(Body("en")).Order().ToList();

        Assert.Equal(Enumerable.Range(1, sources.Count), sources);
        Assert.True(sources.Count >= 8, $"{sources.Count} sources");
        Assert.Equal(Enumerable.Range(1, sources.Count), cited.Distinct());
    }

    [Theory]
    [MemberData(nameof(Languages))]
    public void A_translation_gives_the_same_figures_and_citations_as_the_english_text(string language)
    {
        var english = Body("en");
        var translated = Body(language);

        Assert.Equal(Percentages(english), Percentages(translated));
        Assert.Equal(Citations(english).Order(), Citations(translated).Order());
        Assert.True(Percentages(english).Count >= 15, "the English page gives its figures");
    }

    [Fact]
    public void The_library_shows_the_summary_with_its_sources_in_english_in_every_language()
    {
        var library = ContentLibrary.Load(Path.Combine(TestEnvironment.RepositoryRoot, "content"), ["en", "ar", "fi"]);

        var english = library.ProfessionalsIn("en");
        var arabic = library.ProfessionalsIn("ar");

        Assert.Equal("professionals", english.Article.Id);
        Assert.Contains("doi:10.1038/s41598-024-58346-7", english.SourcesHtml, StringComparison.Ordinal);
        Assert.Equal(english.SourcesHtml, arabic.SourcesHtml);
        // Links to the site's own pages lead to the reader's language.
        Assert.True(HtmlPage.Parse(arabic.Article.Html).Has("a[href='/ar/help']"));
        Assert.Equal(Directory.Exists(Path.Combine(Folder, "ar")), !arabic.Article.Language.IsFallback);
    }

    /// <summary>The Markdown body, after the front matter.</summary>
    private static string Body(string language)
    {
        var text = File.ReadAllText(Path.Combine(Folder, language, "professionals.md")).Replace("\r\n", "\n", StringComparison.Ordinal);
        return text[(text.IndexOf("\n---\n", 3, StringComparison.Ordinal) + 5)..];
    }

    /// <summary>
    /// Each number written next to a percent sign (%, ٪ or ％, before or after, with or without a space), in
    /// invariant form: any script's digits, a decimal comma or the Arabic decimal separator read as a point.
    /// </summary>
    private static List<string> Percentages(string text) =>
        Percentage().Matches(text)
            .Select(match => (match.Groups[1].Success ? match.Groups[1] : match.Groups[2]).Value)
            .Select(number => string.Concat(number.Select(c => char.IsDigit(c) ? (char)('0' + CharUnicodeInfo.GetDecimalDigitValue(c)) : '.')))
            .Order(StringComparer.Ordinal)
            .ToList();

    /// <summary>The numbers inside square brackets, <c>[4]</c> or <c>[7, 9]</c>, in order of appearance.</summary>
    private static IEnumerable<int> Citations(string text) =>
        Citation().Matches(text).SelectMany(match => match.Groups[1].Value.Split(','))
            .Select(number => int.Parse(number.Trim(), CultureInfo.InvariantCulture));

    [GeneratedRegex(@"(\d+(?:[.,٫]\d+)?)[\s\u00A0\u202F]?[%٪％]|[%٪％][\s\u00A0\u202F]?(\d+(?:[.,٫]\d+)?)")]
    private static partial Regex Percentage();

    [GeneratedRegex(@"\[(\d+(?:,\s*\d+)*)\]")]
    private static partial Regex Citation();

    [GeneratedRegex(@"^(\d+)\. ", RegexOptions.Multiline)]
    private static partial Regex SourceNumbers();
}
