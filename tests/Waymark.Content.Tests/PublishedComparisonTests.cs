using System.Text.Json;
using Waymark.Content.Codebooks;
using Waymark.Content.Coding;
using Waymark.Testing;

namespace Waymark.Content.Tests;

/// <summary>
/// A codebook that replicates a published study (codebooks/huikuri-2022.yaml): its method and reference counts are
/// read and checked, and <c>waymark code</c> sets the observed paragraphs beside the published ones, with the ratio,
/// in the JSON and the HTML report. Observed counts are checked against ripgrep, the HTML against the Nu HTML Checker.
/// </summary>
public sealed class PublishedComparisonTests : IDisposable
{
    private readonly TempFolder _temp = TempFolder.Create("PublishedComparisonTests");

    public void Dispose() => _temp.Dispose();

    private static readonly string Huikuri = Path.Combine(Files.Codebooks, "huikuri-2022.yaml");

    // Benign sentences, one paragraph each, holding some of the published keywords.
    private static readonly string[] Paragraphs =
    [
        "I feel calm when I walk by the sea.",
        "We love the old library and feel at home there.",
        "Every child in the class can help with the garden.",
        "She was alone on the train but did not feel lonely.",
        "Feeling tired, he asked a friend for help.",
        "Real bread needs time; I understand that now.",
        "The team will support the school and share the costs.",
        "Take care when you close the gate.",
        "Nothing here matches any code at all.",
    ];

    [Fact]
    public void The_replication_codebook_carries_the_published_themes_counts_and_method()
    {
        var codebook = CodebookFiles.Load(Huikuri).Value!;
        Assert.Equal(["Grand themes", "Self-perception", "Peer-support"], codebook.Themes.Select(t => t.Name));
        Assert.Equal(
            ["Feel 150", "Love 139", "Child 102", "Alone 100", "Feeling 80", "Help 58", "Real 54", "Understand 54", "Guilt 46", "Pedo 45",
                "Support 36", "Boylover 33", "Share 33", "Care 32", "Close 30"],
            codebook.Codes.Select(c => $"{c.Name} {c.Reference}"));
        Assert.All(codebook.Codes, c => Assert.Equal([c.Name.ToLowerInvariant()], c.Patterns));
        var method = codebook.Method!;
        Assert.Equal((Coding.CodingUnit.Paragraph, 18L, 3L, "ATLAS.ti"), (method.Unit!.Value, method.Documents!.Value, method.Communities!.Value, method.Tool));
        Assert.Contains("Huikuri", method.Citation, StringComparison.Ordinal);
        Assert.Contains(method.Gaps, g => g.Contains("44 coded keywords", StringComparison.Ordinal) && g.Contains("15", StringComparison.Ordinal));
        Assert.Contains(method.Gaps, g => g.Contains("10 keywords", StringComparison.Ordinal) && g.Contains("30 hits", StringComparison.Ordinal));
    }

    [Fact]
    public void Method_and_references_survive_a_yaml_round_trip()
    {
        var codebook = CodebookFiles.Load(Huikuri).Value!;
        var again = CodebookYaml.Parse(CodebookYaml.Write(codebook), "again").Value!;
        Assert.Equal(codebook.Codes.Select(c => c.Reference), again.Codes.Select(c => c.Reference));
        Assert.Equal(codebook.Method! with { Gaps = [] }, again.Method! with { Gaps = [] });
        Assert.Equal(codebook.Method.Gaps, again.Method.Gaps);
    }

    [Fact]
    public void Observed_paragraphs_are_set_beside_the_published_counts_in_json_and_html()
    {
        var directory = _temp.NewFolder("published");
        var corpus = Files.Write(directory, "corpus.txt", string.Join("\n\n", Paragraphs) + "\n");
        var lines = Files.Write(directory, "lines.txt", string.Join("\n", Paragraphs) + "\n");
        var html = Path.Combine(directory, "report.html");
        var result = ContentAnalysis.Code(new CodingOptions([corpus], Huikuri), TimeProvider.System);
        Assert.Null(result.Error);
        File.WriteAllText(html, result.Value!.ToHtml());

        using var json = JsonDocument.Parse(result.Value.ToJson());
        var root = json.RootElement;
        var method = root.GetProperty("method");
        Assert.Equal(["citation", "unit", "documents", "communities", "tool", "gaps"], method.EnumerateObject().Select(p => p.Name));
        Assert.Equal(("paragraph", 18, 3, "ATLAS.ti"), (method.GetProperty("unit").GetString(), method.GetProperty("documents").GetInt32(), method.GetProperty("communities").GetInt32(), method.GetProperty("tool").GetString()));
        var codes = root.GetProperty("codes").EnumerateArray().ToList();
        Assert.Equal(15, codes.Count);
        var page = HtmlPage.Parse(File.ReadAllText(html));
        var table = page.Table("Codes");
        foreach (var code in codes)
        {
            Assert.Equal(["theme", "code", "hits", "units", "documents", "band", "published", "ratio"], code.EnumerateObject().Select(p => p.Name));
            var name = code.GetProperty("code").GetString()!;
            var observed = Ripgrep(name.ToLowerInvariant(), lines);
            var published = code.GetProperty("published").GetInt64();
            Assert.Equal(observed, code.GetProperty("units").GetInt64());
            Assert.Equal(Math.Round((double)observed / published, 6), code.GetProperty("ratio").GetDouble());
            // The code's row, under its header: theme, hits, observed paragraphs, documents, band, published, ratio.
            Assert.Equal(
                [code.GetProperty("theme").GetString()!, $"{code.GetProperty("hits").GetInt64()}", $"{observed}", $"{code.GetProperty("documents").GetInt64()}", "", $"{published}",
                    ((double)observed / published).ToString("F2", System.Globalization.CultureInfo.InvariantCulture)],
                table.Row(name));
        }

        // The fixture holds "feel" in three paragraphs ("Feeling" is a code of its own): 3 / 150.
        var feel = codes.Single(c => c.GetProperty("code").GetString() == "Feel");
        Assert.Equal((3, 150, 0.02), (feel.GetProperty("units").GetInt32(), feel.GetProperty("published").GetInt32(), feel.GetProperty("ratio").GetDouble()));
        Assert.Equal(["Published", "Observed / published"], table.Texts("thead th").TakeLast(2));
        var study = page.One("section[aria-labelledby=method-title]");
        Assert.Equal("Published study", study.Text("h2#method-title"));
        Assert.Equal("ATLAS.ti", study.QuerySelectorAll("dt").Single(term => term.TextContent == "Tool").NextElementSibling!.TextContent);
        Assert.Contains("44 coded keywords", study.TextContent, StringComparison.Ordinal);
        AssertValidHtml(html);
    }

    [Fact]
    public void Counting_another_unit_gives_no_ratio_and_says_why()
    {
        var directory = _temp.NewFolder("published");
        var corpus = Files.Write(directory, "corpus.txt", string.Join("\n\n", Paragraphs) + "\n");
        var html = Path.Combine(directory, "report.html");
        var result = ContentAnalysis.Code(new CodingOptions([corpus], Huikuri) { Unit = CodingUnit.Sentence }, TimeProvider.System);
        Assert.Null(result.Error);
        File.WriteAllText(html, result.Value!.ToHtml());
        using var json = JsonDocument.Parse(result.Value.ToJson());
        Assert.All(json.RootElement.GetProperty("codes").EnumerateArray(), c =>
        {
            Assert.Equal(JsonValueKind.Number, c.GetProperty("published").ValueKind);
            Assert.Equal(JsonValueKind.Null, c.GetProperty("ratio").ValueKind);
        });
        Assert.Contains("this run counted sentences, so no ratio is given", File.ReadAllText(html), StringComparison.Ordinal);
        Assert.All(result.Value.Summary.Codes, c => Assert.Null(c.Ratio));
    }

    [Fact]
    public void A_codebook_without_references_keeps_its_json_shape()
    {
        var directory = _temp.NewFolder("published");
        var corpus = Files.Write(directory, "corpus.txt", string.Join("\n\n", Paragraphs) + "\n");
        var result = ContentAnalysis.Code(new CodingOptions([corpus], Path.Combine(Files.Codebooks, "implicit-theories.yaml")), TimeProvider.System);
        using var json = JsonDocument.Parse(result.Value!.ToJson());
        Assert.Equal(["unit", "documents", "units", "codes", "cooccurrence"], json.RootElement.EnumerateObject().Select(p => p.Name));
        Assert.All(json.RootElement.GetProperty("codes").EnumerateArray(), c => Assert.False(c.TryGetProperty("published", out _)));
        Assert.False(result.Value.Summary.ComparesWithPublished);
    }

    [Theory]
    [InlineData("reference: -1", "method: {citation: c, unit: paragraph}", "the reference of code 'c' must be a whole number of 0 or more, not '-1'")]
    [InlineData("reference: 1.5", "method: {citation: c, unit: paragraph}", "must be a whole number")]
    [InlineData("reference: many", "method: {citation: c, unit: paragraph}", "must be a whole number")]
    [InlineData("reference: 3", "", "needs a method with the citation and unit")]
    [InlineData("reference: 3", "method: {citation: c}", "needs a method with the citation and unit")]
    [InlineData("reference: 3", "method: {unit: paragraph}", "the method needs a citation")]
    [InlineData("reference: 3", "method: {citation: c, unit: chapter}", "the method's unit 'chapter' is not a coding unit")]
    [InlineData("reference: 3", "method: {citation: c, unit: paragraph, documents: 0}", "the method's documents must be a whole number of 1 or more, not '0'")]
    [InlineData("reference: 3", "method: {citation: c, unit: paragraph, gaps: ['']}", "every gap in the method must be a non-empty text")]
    [InlineData("reference: 3", "method: {citation: c, unit: paragraph, gap: [x]}", "unknown key 'gap' in the method")]
    [InlineData("reference: [3]", "method: {citation: c, unit: paragraph}", "'reference' must be text")]
    [InlineData("examples: ['']", "", "every example of code 'c' must be a non-empty text")]
    [InlineData("examples: an example", "", "'examples' must be a list")]
    [InlineData("citation: ' '", "", "code 'c' has an empty citation")]
    public void Bad_references_method_examples_and_citations_are_refused_with_a_message(string codeKeys, string method, string message)
    {
        var yaml = $"name: x\n{method}\nthemes: [{{name: t, codes: [{{name: c, patterns: [a], {codeKeys}}}]}}]\n";
        var result = CodebookYaml.Parse(yaml, "cb.yaml");
        Assert.False(result.IsSuccess, yaml);
        Assert.Contains(message, result.Error, StringComparison.Ordinal);
    }

    private static long Ripgrep(string keyword, string path)
    {
        var (code, output, error) = Files.Run("rg", "-c", "-i", "-w", "-F", keyword, path);
        Assert.True(code is 0 or 1, error);
        return code == 1 ? 0 : long.Parse(output.Trim(), System.Globalization.CultureInfo.InvariantCulture);
    }

    /// <summary>The Nu HTML Checker's verdict (the same checker the web tests use), errors only.</summary>
    internal static void AssertValidHtml(string path)
    {
        var vnu = Path.Combine(TestEnvironment.RepositoryRoot, "tools", "node_modules", "vnu-jar", "build", "dist", "vnu.jar");
        Assert.True(File.Exists(vnu), $"{vnu} is missing: run ./test.sh once, or npm ci in tools/");
        var (code, output, error) = Files.Run("java", "-jar", vnu, "--errors-only", path);
        Assert.True(code == 0, $"the Nu HTML Checker rejected {path}:\n{output}{error}");
    }
}
