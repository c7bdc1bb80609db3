using System.Globalization;
using System.Text;
using Waymark.Content.Codebooks;
using Waymark.Content.Coding;
using Waymark.Content.Corpus;

namespace Waymark.Content.Tests;

/// <summary>
/// Correctness against a program we did not write: on nlp-corpus, one sentence per paragraph for Waymark and
/// one per line for ripgrep, Waymark's paragraph count of every ASCII keyword equals the number of lines
/// <c>rg -c -i -w -F KEYWORD</c> reports.
/// </summary>
public sealed class RipgrepAgreementTests
{
    private static readonly string[] HuikuriKeywords =
        ["feel", "love", "child", "alone", "feeling", "help", "real", "understand", "guilt", "support", "share", "care", "close"];

    [Fact]
    public void Paragraph_counts_equal_ripgrep_line_counts_for_every_ascii_keyword()
    {
        var sentences = NlpCorpus.Sentences;
        Assert.True(sentences.Count > 50_000, $"only {sentences.Count} sentences");
        var directory = Files.NewDirectory("rg");
        var lines = Path.Combine(directory, "lines.txt");
        File.WriteAllText(lines, string.Join('\n', sentences) + "\n", new UTF8Encoding(false));
        var paragraphs = Path.Combine(directory, "paragraphs.txt");
        File.WriteAllText(paragraphs, string.Join("\n\n", sentences) + "\n", new UTF8Encoding(false));

        // The published Huikuri keywords plus 120 words drawn with a fixed seed from the whole frequency range.
        var vocabulary = NlpCorpus.Vocabulary();
        var random = new Random(2022);
        var keywords = HuikuriKeywords
            .Concat(Enumerable.Range(0, 120).Select(_ => vocabulary[random.Next(vocabulary.Count)]))
            .Distinct(StringComparer.Ordinal)
            .ToList();

        var yaml = new StringBuilder("name: rg\nthemes:\n  - name: all\n    codes:\n");
        foreach (var keyword in keywords)
        {
            yaml.Append(CultureInfo.InvariantCulture, $"      - {{name: \"{keyword}\", patterns: [\"{keyword}\"]}}\n");
        }

        var codebook = CodebookYaml.Parse(yaml.ToString(), "rg.yaml").Value!;
        var engine = CodingEngine.Create(codebook, CodingUnit.Paragraph, keepCodings: false).Value!;
        Assert.True(CorpusSource.Open([paragraphs]).Value!.Feed(engine).IsSuccess);   // the byte reader, as `waymark code` runs

        var report = engine.Finish(Bands.None, 0);
        Assert.Equal(sentences.Count, report.Units);
        var disagreements = new List<string>();
        var matched = 0;
        foreach (var code in report.Codes)
        {
            var (exit, output, error) = Files.Run("rg", "-c", "-i", "-w", "-F", code.Code.Name, lines);
            Assert.True(exit is 0 or 1, $"rg failed: {error}");
            var expected = exit == 1 ? 0 : long.Parse(output.Trim(), CultureInfo.InvariantCulture);
            matched += expected > 0 ? 1 : 0;
            if (expected != code.Units)
            {
                disagreements.Add($"{code.Code.Name}: rg {expected}, Waymark {code.Units}");
            }
        }

        Assert.True(disagreements.Count == 0, string.Join("\n", disagreements));
        Assert.True(matched > keywords.Count / 2, "most keywords should occur in the corpus, or the test proves little");
    }
}
