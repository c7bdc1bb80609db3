using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;
using Waymark.Content.Codebooks;
using Waymark.Content.Coding;
using Waymark.Content.Corpus;
using Waymark.Testing;

namespace Waymark.Content.Tests;

/// <summary>
/// Correctness against a program we did not write: one sentence per paragraph for Waymark and one per line for
/// ripgrep, Waymark's paragraph count of every keyword equals the number of lines <c>rg -c -i -w -F KEYWORD</c>
/// reports: on nlp-corpus (English, ASCII keywords), and on German, Russian, Greek and Arabic text, where case
/// folding (ß/ẞ, Ё/ё, Σ/σ/ς) and the UTF-8 scan of non-Latin scripts are what is checked.
/// </summary>
public sealed partial class RipgrepAgreementTests : IDisposable
{
    private readonly TempFolder _temp = TempFolder.Create("RipgrepAgreementTests");

    public void Dispose() => _temp.Dispose();

    private static readonly string[] HuikuriKeywords =
        ["feel", "love", "child", "alone", "feeling", "help", "real", "understand", "guilt", "support", "share", "care", "close"];

    [Fact]
    public void Paragraph_counts_equal_ripgrep_line_counts_for_every_ascii_keyword()
    {
        var sentences = NlpCorpus.Sentences;
        Assert.True(sentences.Count > 50_000, $"only {sentences.Count} sentences");

        // The published Huikuri keywords plus 120 words drawn with a fixed seed from the whole frequency range.
        var vocabulary = NlpCorpus.Vocabulary();
        var random = new Random(2022);
        var keywords = HuikuriKeywords
            .Concat(Enumerable.Range(0, 120).Select(_ => vocabulary[random.Next(vocabulary.Count)]))
            .Distinct(StringComparer.Ordinal)
            .ToList();
        AssertAgreesWithRipgrep(sentences, keywords);
    }

    // Benign probes of case folding that ripgrep's -i (Unicode simple case folding) and Waymark agree on: ẞ and ß,
    // Ё and ё, Σ, σ and ς, Cyrillic and Greek capitals; Arabic has no case. (Where the two differ by design, ß
    // against "ss", see Sharp_s_matches_ss_where_ripgrep_does_not.)
    private static readonly Dictionary<string, (string[] Lines, string[] Keywords)> Probes = new()
    {
        ["de"] = (["Die Straße ist breit", "DIE STRAẞE IST BREIT", "Grüße aus der Fußgängerzone", "GRÜẞE AUS DER FUẞGÄNGERZONE", "Ärger über Öl"],
            ["straße", "grüße", "fußgängerzone", "ärger", "über", "öl"]),
        ["ru"] = (["Ёлка в лесу", "ЁЛКА В ЛЕСУ", "ёлка и елка", "Привет, РЕКА и Река"], ["ёлка", "елка", "привет", "река", "лесу"]),
        ["el"] = (["ΟΔΟΣ και οδός", "Ο ΚΟΣΜΟΣ", "ο κόσμος", "ο κοσμος"], ["οδός", "οδοσ", "κόσμος", "κοσμοσ", "κοσμος"]),
        ["ar"] = (["الكتاب على الطاولة", "كتاب جديد", "كتابٌ قديم", "كتـاب"], ["كتاب", "الكتاب", "الطاولة", "جديد"]),
    };

    [Theory]
    [InlineData("de")]
    [InlineData("ru")]
    [InlineData("el")]
    [InlineData("ar")]
    public void Paragraph_counts_equal_ripgrep_line_counts_in_other_scripts(string language)
    {
        // The benign interface texts of the screening evaluation (LGPL catalogs from Debian, in the repository), each as
        // written, upper-cased and lower-cased, plus the probes; keywords: the probes' words, 100 words with a letter
        // outside ASCII and 40 of any kind, drawn from the text with a fixed seed.
        var benign = File.ReadAllLines(Path.Combine(TestEnvironment.RepositoryRoot, "tests", "Waymark.Screening.Tests", "Benign", language + ".txt"))
            .Where(l => !string.IsNullOrWhiteSpace(l) && !LineBreak().IsMatch(l))
            .ToList();
        var (probeLines, probeKeywords) = Probes[language];
        List<string> sentences = [.. benign.SelectMany(l => new[] { l, l.ToUpperInvariant(), l.ToLowerInvariant() }), .. probeLines];
        var vocabulary = benign
            .SelectMany(l => Word().Matches(l).Select(m => m.Value.ToLowerInvariant()))
            .Where(w => w.Length >= 3)
            .Distinct(StringComparer.Ordinal)
            .Order(StringComparer.Ordinal)
            .ToList();
        var nonAscii = vocabulary.Where(w => !System.Text.Ascii.IsValid(w)).ToList();
        var random = new Random(19);
        var keywords = probeKeywords
            .Concat(Enumerable.Range(0, 100).Select(_ => nonAscii[random.Next(nonAscii.Count)]))
            .Concat(Enumerable.Range(0, 40).Select(_ => vocabulary[random.Next(vocabulary.Count)]))
            .Distinct(StringComparer.Ordinal)
            .ToList();
        Assert.True(keywords.Count(k => !System.Text.Ascii.IsValid(k)) > keywords.Count / 2, "most keywords should be outside ASCII");
        AssertAgreesWithRipgrep(sentences, keywords);
    }

    [Fact]
    public void Sharp_s_matches_ss_where_ripgrep_does_not()
    {
        // Waymark folds case fully (ß → ss, as Unicode's full case folding does), so "strasse" and "Straße" are one word;
        // ripgrep's -i folds one character to one character (ß ↔ ẞ) and keeps them apart. A documented difference.
        var sentences = new List<string> { "Die Strasse", "Die Straße", "DIE STRAẞE", "DIE STRASSE" };
        var counts = WaymarkCounts(sentences, ["straße"]);
        Assert.Equal(4, counts["straße"]);
        Assert.Equal(2, RipgrepCount(WriteLines(sentences), "straße"));
    }

    private void AssertAgreesWithRipgrep(IReadOnlyList<string> sentences, List<string> keywords)
    {
        var lines = WriteLines(sentences);
        var counts = WaymarkCounts(sentences, keywords);
        var disagreements = new List<string>();
        var matched = 0;
        foreach (var keyword in keywords)
        {
            var expected = RipgrepCount(lines, keyword);
            matched += expected > 0 ? 1 : 0;
            if (expected != counts[keyword])
            {
                disagreements.Add($"{keyword}: rg {expected}, Waymark {counts[keyword]}");
            }
        }

        Assert.True(disagreements.Count == 0, string.Join("\n", disagreements));
        Assert.True(matched > keywords.Count / 2, "most keywords should occur in the corpus, or the test proves little");
    }

    private string WriteLines(IReadOnlyList<string> sentences)
    {
        var lines = Path.Combine(_temp.NewFolder("rg"), "lines.txt");
        File.WriteAllText(lines, string.Join('\n', sentences) + "\n", new UTF8Encoding(false));
        return lines;
    }

    /// <summary>Paragraphs per keyword, every sentence a paragraph, read by the byte reader as `waymark code` reads a text file.</summary>
    private Dictionary<string, long> WaymarkCounts(IReadOnlyList<string> sentences, List<string> keywords)
    {
        var paragraphs = Path.Combine(_temp.NewFolder("rg"), "paragraphs.txt");
        File.WriteAllText(paragraphs, string.Join("\n\n", sentences) + "\n", new UTF8Encoding(false));
        var yaml = new StringBuilder("name: rg\nthemes:\n  - name: all\n    codes:\n");
        foreach (var keyword in keywords)
        {
            yaml.Append(CultureInfo.InvariantCulture, $"      - {{name: \"{keyword}\", patterns: [\"{keyword}\"]}}\n");
        }

        var codebook = CodebookYaml.Parse(yaml.ToString(), "rg.yaml").Value!;
        var engine = CodingEngine.Create(codebook, CodingUnit.Paragraph, keepCodings: false).Value!;
        Assert.True(CorpusSource.Open([paragraphs]).Value!.Feed(engine).IsSuccess);
        var report = engine.Finish(Bands.None, 0);
        Assert.Equal(sentences.Count, report.Units);
        return report.Codes.ToDictionary(c => c.Code.Name, c => c.Units, StringComparer.Ordinal);
    }

    private static long RipgrepCount(string lines, string keyword)
    {
        var (exit, output, error) = Files.Run("rg", "-c", "-i", "-w", "-F", keyword, lines);
        Assert.True(exit is 0 or 1, $"rg failed: {error}");
        return exit == 1 ? 0 : long.Parse(output.Trim(), CultureInfo.InvariantCulture);
    }

    [GeneratedRegex("[\r\n\u0085\u2028\u2029\u000B\u000C]")]
    private static partial Regex LineBreak();

    [GeneratedRegex(@"\p{L}[\p{L}\p{M}]*")]
    private static partial Regex Word();
}
