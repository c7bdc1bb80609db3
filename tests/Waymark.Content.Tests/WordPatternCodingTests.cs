using System.IO.Compression;
using System.Text;
using System.Text.Json;
using System.Xml.Linq;
using Waymark.Content.Coding;
using Waymark.Testing;
using Waymark.Text;

namespace Waymark.Content.Tests;

/// <summary>
/// <c>stem:</c> and <c>fuzzy:</c> patterns against programs we did not write (R's SnowballC, which wraps the C
/// libstemmer, and R's stringdist), and through every output of <c>waymark code</c>.
/// </summary>
public sealed class WordPatternCodingTests : IDisposable
{
    private readonly TempFolder _temp = TempFolder.Create("WordPatternCodingTests");

    public void Dispose() => _temp.Dispose();

    private const string Yaml = """
        name: word-patterns
        language: en
        themes:
          - name: Self-perception
            codes:
              - {name: Feeling, patterns: ["stem:feeling"]}
              - {name: Guilt, patterns: [guilt, "stem:guilt", "stem:guilty"]}
              - {name: Help, patterns: ["stem:help"]}
          - name: Peer-support
            codes:
              - {name: Share, patterns: ["stem:share"]}
              - {name: Care, patterns: ["stem:care"]}
              - {name: Support, patterns: ["stem:supporter"]}
              - {name: Anonymity, patterns: ["fuzzy:anonymity", "fuzzy:although"]}
        """;

    // Benign forum-style text: the inflected forms and the misspellings a human coder would code.
    private static readonly (string Name, string Text)[] Corpus =
    [
        ("forum.csv", "thread_id,post_id,author,text\n"
            + "t1,1,ann,\"Feeling guilty tonight.\n\nThe supporters helped by sharing and caring.\"\n"
            + "t1,2,bob,\"Althogh I value anonimity, I feel less guilt now.\"\n"),
        ("diary.txt", "Helping others, caring for them.\r\n\r\nFeelings of Guilt.\n"),
    ];

    [Fact]
    public void Stem_and_fuzzy_codes_count_the_inflected_and_misspelled_forms_in_every_output()
    {
        var directory = _temp.NewFolder("word-patterns");
        var codebook = Files.Write(directory, "cb.yaml", Yaml);
        var corpus = Corpus.Select(f => Files.Write(directory, f.Name, f.Text)).ToList();
        var html = Path.Combine(directory, "report.html");
        var qdpx = Path.Combine(directory, "out.qdpx");
        var output = ContentAnalysis.Code(new CodingOptions(corpus, codebook) { Unit = CodingUnit.Hit, KeepCodings = true }, TimeProvider.System);
        Assert.True(output.Error is null, output.Error);
        File.WriteAllText(html, output.Value!.ToHtml());
        Assert.True(output.Value.WriteQdpx(qdpx).IsSuccess);

        using var json = JsonDocument.Parse(output.Value.ToJson());
        var hits = json.RootElement.GetProperty("codes").EnumerateArray()
            .ToDictionary(c => c.GetProperty("code").GetString()!, c => c.GetProperty("hits").GetInt64());
        // Feeling: Feeling, feel, Feelings; Guilt: guilty, guilt, Guilt; Help: helped, Helping; Share: sharing;
        // Care: caring, caring; Support: supporters; Anonymity: Althogh, anonimity.
        Assert.Equal(
            new Dictionary<string, long> { ["Feeling"] = 3, ["Guilt"] = 3, ["Help"] = 2, ["Share"] = 1, ["Care"] = 2, ["Support"] = 1, ["Anonymity"] = 2 },
            hits);

        var page = File.ReadAllText(html);
        Assert.Contains("Anonymity", page, StringComparison.Ordinal);

        var extracted = Path.Combine(directory, "extracted");
        ZipFile.ExtractToDirectory(qdpx, extracted);
        var project = Path.Combine(extracted, "project.qde");
        Files.AssertXmlValid(project, TestEnvironment.Fixture("refi-qda", "Project-mrt2019.xsd"));
        var ns = XNamespace.Get("urn:QDA-XML:project:1.0");
        Assert.Equal(14, XDocument.Load(project).Descendants(ns + "Coding").Count());

        var kwic = ContentAnalysis.Kwic(corpus, codebook, "Anonymity", 2);
        Assert.True(kwic.Error is null, kwic.Error);
        using var lines = JsonDocument.Parse(kwic.Value!.Render(json: true));
        Assert.Equal(["Althogh", "anonimity"], lines.RootElement.EnumerateArray().Select(l => l.GetProperty("match").GetString()));
    }

    [Fact]
    public void A_codebook_language_without_a_stemmer_is_a_clear_error()
    {
        var directory = _temp.NewFolder("word-patterns-ar");
        var codebook = Files.Write(directory, "cb.yaml", Yaml.Replace("language: en", "language: ar", StringComparison.Ordinal));
        var output = ContentAnalysis.Code(new CodingOptions([Files.Write(directory, "a.txt", "text")], codebook), TimeProvider.System);
        Assert.False(output.IsSuccess);
        Assert.Contains("no Snowball stemmer for the language 'ar'", output.Error, StringComparison.Ordinal);
        Assert.Contains("stem:feeling", output.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void Stem_patterns_match_the_words_r_snowballc_gives_the_same_stem_on_nlp_corpus()
    {
        // The 4,000 most frequent corpus words and 150 patterns drawn from them with a fixed seed.
        var vocabulary = NlpCorpus.Vocabulary().Take(4000).ToList();
        var random = new Random(19);
        var patterns = Enumerable.Range(0, 150).Select(_ => vocabulary[random.Next(vocabulary.Count)]).Distinct(StringComparer.Ordinal).ToList();
        var stems = RStems(vocabulary, "english");

        var matcher = PatternMatcher.Create(
            patterns.Select((p, i) => new PatternDefinition(i, "stem:" + p)), new MatcherOptions { Language = "en" }).Value!;
        var text = string.Join(' ', vocabulary);
        var found = matcher.FindAll(text).Select(m => $"{patterns[m.PatternId]}→{text.Substring(m.Start, m.Length)}").Order(StringComparer.Ordinal);
        var expected = patterns
            .SelectMany(p => vocabulary.Where(v => stems[v] == stems[p]).Select(v => $"{p}→{v}"))
            .Order(StringComparer.Ordinal);
        Assert.Equal(expected, found);
    }

    [Fact]
    public void German_and_russian_stems_equal_r_snowballc()
    {
        string[] german = ["gefühl", "gefühle", "gefühlen", "hilfe", "helfen", "geholfen", "unterstützung", "unterstützen", "schuld", "schuldig", "häuser", "straße", "strassen"];
        string[] russian = ["поддержка", "поддержки", "поддержку", "помощь", "помощи", "вина", "виноват", "чувство", "чувства", "ёлка", "ещё", "всё"];
        foreach (var (language, words) in new[] { ("de", german), ("ru", russian) })
        {
            var stems = RStems(words, language == "de" ? "german" : "russian");
            var stemmer = WordStemmer.Create(language).Value!;
            Assert.Equal(words.Select(w => stems[w]), words.Select(w => stemmer.Stem(w)));
        }
    }

    [Fact]
    public void Fuzzy_patterns_match_the_words_within_r_stringdist_osa_distance()
    {
        var vocabulary = NlpCorpus.Vocabulary().Take(3000).ToList();
        var random = new Random(2026);
        var patterns = vocabulary.Where(w => w.Length >= 5).OrderBy(_ => random.Next()).Take(60).ToList();

        // The vocabulary plus two random edits of each pattern, so that near misses are many.
        var words = vocabulary.Concat(patterns.SelectMany(p => new[] { Edit(random, p), Edit(random, Edit(random, p)) })).Distinct(StringComparer.Ordinal).ToList();
        var directory = _temp.NewFolder("stringdist");
        File.WriteAllLines(Path.Combine(directory, "words.txt"), words);
        File.WriteAllLines(Path.Combine(directory, "patterns.txt"), patterns);
        var run = ExternalProgram.Run("/usr/bin/Rscript", ["--vanilla", "-e", """
            library(stringdist)
            w <- readLines("words.txt", encoding = "UTF-8"); p <- readLines("patterns.txt", encoding = "UTF-8")
            d <- stringdistmatrix(w, p, method = "osa")
            limit <- ifelse(nchar(p) >= 10, 2, ifelse(nchar(p) >= 6, 1, 0))
            hits <- which(sweep(d, 2, limit, "<="), arr.ind = TRUE)
            writeLines(sort(paste0(p[hits[, 2]], "->", w[hits[, 1]])), "hits.txt")
            """], directory).AssertSuccess();
        var expected = File.ReadAllLines(Path.Combine(directory, "hits.txt")).Order(StringComparer.Ordinal).ToList();

        var matcher = PatternMatcher.Create(patterns.Select((p, i) => new PatternDefinition(i, "fuzzy:" + p))).Value!;
        var text = string.Join(' ', words);
        var found = matcher.FindAll(text).Select(m => $"{patterns[m.PatternId]}->{text.Substring(m.Start, m.Length)}").Order(StringComparer.Ordinal).ToList();
        Assert.True(expected.Count > patterns.Count * 2, $"only {expected.Count} pairs within reach: {run.Combined}");
        Assert.Equal(expected, found);
    }

    [Fact]
    public void Exact_codes_count_the_same_beside_stem_and_fuzzy_codes_on_nlp_corpus()
    {
        var sentences = NlpCorpus.Sentences;
        var text = string.Join("\n\n", sentences.Take(20_000)) + "\n";
        const string exact = """
              - {name: feel, patterns: [feel, "feel*"]}
              - {name: help, patterns: [help]}
              - {name: peer, patterns: ["peer support", "re:colou?r"]}
        """;
        var alone = CodingTests.Run(_temp, "name: exact\nthemes:\n  - name: t\n    codes:\n" + exact, "paragraph", ("c.txt", text));
        var mixed = CodingTests.Run(
            _temp,
            "name: mixed\nlanguage: en\nthemes:\n  - name: t\n    codes:\n" + exact
            + "\n      - {name: helped, patterns: [\"stem:help\", \"fuzzy:helpfulness\"]}\n",
            "paragraph",
            ("c.txt", text));
        foreach (var code in alone.Codes)
        {
            var same = mixed.Codes.Single(c => c.Code.Name == code.Code.Name);
            Assert.Equal((code.Hits, code.Units, code.Documents), (same.Hits, same.Units, same.Documents));
        }

        var helped = mixed.Codes.Single(c => c.Code.Name == "helped");
        var help = alone.Codes.Single(c => c.Code.Name == "help");
        Assert.True(helped.Hits > help.Hits, $"stem:help found {helped.Hits}, the word help {help.Hits}");
    }

    /// <summary>R SnowballC's stem of every word (a C libstemmer build we did not make).</summary>
    private Dictionary<string, string> RStems(IReadOnlyList<string> words, string language)
    {
        var directory = _temp.NewFolder("snowballc");
        File.WriteAllLines(Path.Combine(directory, "words.txt"), words, new UTF8Encoding(false));
        ExternalProgram.Run("/usr/bin/Rscript", ["--vanilla", "-e", $"""
            library(SnowballC)
            w <- readLines("words.txt", encoding = "UTF-8")
            con <- file("stems.txt", "w", encoding = "UTF-8"); writeLines(wordStem(w, "{language}"), con); close(con)
            """], directory).AssertSuccess();
        var stems = File.ReadAllLines(Path.Combine(directory, "stems.txt"), Encoding.UTF8);
        Assert.Equal(words.Count, stems.Length);
        return words.Select((w, i) => (w, stems[i])).DistinctBy(p => p.w, StringComparer.Ordinal).ToDictionary(p => p.w, p => p.Item2, StringComparer.Ordinal);
    }

    private static string Edit(Random random, string word)
    {
        var chars = new List<char>(word);
        var at = random.Next(chars.Count);
        switch (random.Next(4))
        {
            case 0:
                chars.Insert(at, (char)('a' + random.Next(26)));
                break;
            case 1 when chars.Count > 1:
                chars.RemoveAt(at);
                break;
            case 3 when at + 1 < chars.Count:
                (chars[at], chars[at + 1]) = (chars[at + 1], chars[at]);
                break;
            default:
                chars[at] = (char)('a' + random.Next(26));
                break;
        }

        return new string([.. chars]);
    }
}
