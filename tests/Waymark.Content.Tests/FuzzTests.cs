using System.Diagnostics;
using System.Text;
using Waymark.Content.Codebooks;
using Waymark.Content.Corpus;
using Waymark.Testing;

namespace Waymark.Content.Tests;

/// <summary>Seeded fuzzing of every parser: random and mutated input must give a result or a message, never an exception.</summary>
public sealed class FuzzTests : IDisposable
{
    private readonly TempFolder _temp = TempFolder.Create("FuzzTests");

    public void Dispose() => _temp.Dispose();

    private static readonly TimeSpan Budget = TimeSpan.FromSeconds(3);

    private static string RandomText(Random random, string alphabet, int maxLength)
    {
        var chars = new char[random.Next(0, maxLength)];
        for (var i = 0; i < chars.Length; i++)
        {
            chars[i] = alphabet[random.Next(alphabet.Length)];
        }

        return new string(chars);
    }

    /// <summary>XML-aware mutations: the general ones plus tags, entities and attributes broken or repeated.</summary>
    internal static string MutateXml(Random random, string xml)
    {
        var text = Mutate(random, xml);
        var at = random.Next(text.Length + 1);
        string[] pieces = ["<", ">", "</Code>", "<Code name=\"x\">", "guid=\"\"", "startPosition=\"-1\"", "endPosition=\"99999999999\"", "&amp;", "&#0;", "<![CDATA[", "\"", "=", "<PlainTextSelection>"];
        return text.Insert(at, pieces[random.Next(pieces.Length)]);
    }

    /// <summary>YAML-aware mutations: the general ones plus nulls, booleans, anchors, aliases, tags, documents and block scalars.</summary>
    internal static string MutateYaml(Random random, string yaml)
    {
        var text = Mutate(random, yaml);
        string[] pieces = ["~", "null", "yes", "[]", "{}", "&a ", "*a", "'x'", "\n  - ", ": ", "name: ", "color: '#000000'", "patterns: [p]", "ignore_diacritics: on",
            "\n---\n", "\n...\n", "? ", "!!str ", "!!null ", "!x ", "|\n  ", ">-\n  ", "%YAML 1.1\n", "\t"];
        return text.Insert(random.Next(text.Length + 1), pieces[random.Next(pieces.Length)]);
    }

    private static string Mutate(Random random, string text)
    {
        var builder = new StringBuilder(text);
        for (var m = random.Next(1, 6); m > 0 && builder.Length > 0; m--)
        {
            var at = random.Next(builder.Length);
            switch (random.Next(3))
            {
                case 0:
                    builder.Remove(at, Math.Min(builder.Length - at, random.Next(1, 8)));
                    break;
                case 1:
                    builder.Insert(at, "{}[]:,-'\"\n #&|*!?%@`\t\\"[random.Next(22)]);
                    break;
                default:
                    builder[at] = (char)random.Next(0x20, 0x3000);
                    break;
            }
        }

        return builder.ToString();
    }

    [Fact]
    public void Csv_and_json_lines_readers_never_throw()
    {
        var random = new Random(101);
        var directory = _temp.NewFolder("fuzz");
        var watch = Stopwatch.StartNew();
        var rounds = 0;
        while (watch.Elapsed < Budget || rounds < 50)
        {
            rounds++;
            var csv = "thread_id,post_id,author,created_at,reply_to,text\n" + RandomText(random, "ab,\"\n\r 1é\u2028", 200);
            var json = Mutate(random, "{\"thread_id\":1,\"post_id\":\"p\",\"author\":\"a\",\"created_at\":\"2024-01-01\",\"reply_to\":null,\"text\":\"x y\"}\n");
            foreach (var (name, text) in new[] { ("f.csv", csv), ("f.jsonl", json) })
            {
                var source = CorpusSource.Open([Files.Write(directory, name, text)]).Value!;
                var posts = source.Posts().ToList();
                Assert.All(posts.SkipLast(1), p => Assert.True(p.IsSuccess));
                _ = source.Paragraphs().ToList();
            }
        }
    }

    [Fact]
    public void Html_extraction_never_throws_and_drops_every_well_formed_tag()
    {
        var random = new Random(202);
        var watch = Stopwatch.StartNew();
        var rounds = 0;
        while (watch.Elapsed < Budget || rounds < 50)
        {
            rounds++;
            var html = RandomText(random, "<>/!-=\"' pabrscript&;#x41 \n", 300);
            var text = HtmlTextExtractor.Extract(html);
            Assert.Equal(text, HtmlTextExtractor.Extract(html));

            // Random words wrapped in well-formed tags come out as exactly the words.
            var words = Enumerable.Range(0, random.Next(1, 6)).Select(_ => RandomText(random, "abcxyz", 6) + "q").ToList();
            var tagged = string.Concat(words.Select(w => $"<span class=\"a>b\">{w}</span> <!-- <p>x</p> -->"));
            Assert.Equal(string.Join(' ', words), HtmlTextExtractor.Extract(tagged));
        }
    }

    [Fact]
    public void Codebook_loader_never_throws_on_mutated_codebooks()
    {
        var seed = File.ReadAllText(Path.Combine(Files.Codebooks, "implicit-theories.yaml"));
        var random = new Random(303);
        var watch = Stopwatch.StartNew();
        var rounds = 0;
        var failures = 0;
        while (watch.Elapsed < Budget || rounds < 50)
        {
            rounds++;
            var result = CodebookYaml.Parse(Mutate(random, seed), "fuzz.yaml");
            if (!result.IsSuccess)
            {
                failures++;
                Assert.False(string.IsNullOrWhiteSpace(result.Error));
            }
        }

        Assert.True(failures > 0, "mutations should break some codebooks");
    }

    [Fact]
    public void Segmenter_spans_stay_inside_the_text_and_do_not_overlap()
    {
        var random = new Random(404);
        for (var round = 0; round < 3000; round++)
        {
            var text = RandomText(random, "ab .!?\n\r \u2029\u2028\")。", 80);
            foreach (var spans in new[] { Segmenter.Paragraphs(text), Segmenter.Sentences(text) })
            {
                var end = 0;
                foreach (var (start, length) in spans)
                {
                    Assert.True(start >= end && length > 0 && start + length <= text.Length, $"'{text}'");
                    end = start + length;
                }
            }
        }
    }
}
