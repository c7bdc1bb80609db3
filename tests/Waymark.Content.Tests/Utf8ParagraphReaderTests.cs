using System.Text;
using Waymark.Content.Codebooks;
using Waymark.Content.Coding;
using Waymark.Content.Corpus;
using Waymark.Content.Reports;
using Waymark.Testing;

namespace Waymark.Content.Tests;

/// <summary>
/// The byte reader of text files (what <c>waymark code</c> runs) must give exactly the paragraphs, offsets and
/// counts of the character path (<see cref="TextCorpusReader"/> over a <see cref="StreamReader"/>): seeded fuzzing
/// with CRLF, every line break, blank lines of any whitespace, non-ASCII and astral text, invalid UTF-8, a BOM,
/// and blocks small enough that lines and paragraphs straddle them.
/// </summary>
public sealed class Utf8ParagraphReaderTests : IDisposable
{
    private readonly TempFolder _temp = TempFolder.Create("Utf8ParagraphReaderTests");

    public void Dispose() => _temp.Dispose();

    private const string Yaml = """
        name: fuzz
        themes:
          - name: all
            codes:
              - {name: zorblat, patterns: [zorblat, "quen*"]}
              - {name: phrase, patterns: ["peer support", "zorblat quenmix"]}
              - {name: accented, patterns: [café, "straße"]}
              - {name: regex, patterns: ["re:z[a-z]+t"]}
        """;

    // Without a regular expression the byte path scans whole blocks (with one, it matches paragraph by paragraph).
    private static readonly string YamlWithoutRegex = Yaml[..Yaml.IndexOf("      - {name: regex", StringComparison.Ordinal)];

    private static readonly string[] Pieces =
    [
        "zorblat", "Zorblat", "quenmix", "QUENMIXES", "peer", "support", "café", "cafe\u0301", "Straße", "STRASSE", "word", "a", "_",
        " ", " ", "  ", "\t", ".", ",", "’", "“", "”", "–", "😀", "\uFFFD", "\u00A0", "\u3000",
        "\n", "\n", "\n\n", "\r\n", "\r\n\r\n", "\r", "\u0085", "\u2028", "\u2029", "\n \t\n", "\n\u00A0\n", "\n\u3000\n",
    ];

    private static byte[] RandomUtf8(Random random)
    {
        var bytes = new List<byte>();
        if (random.Next(5) == 0)
        {
            bytes.AddRange([0xEF, 0xBB, 0xBF]);
        }

        for (var n = random.Next(0, 60); n > 0; n--)
        {
            switch (random.Next(20))
            {
                case 0:
                    bytes.Add((byte)(0x80 + random.Next(0x80)));   // a stray byte: invalid UTF-8
                    break;
                case 1:
                    bytes.AddRange(random.Next(2) == 0 ? [0xE2, 0x80] : [0xC2]);   // a truncated sequence
                    break;
                default:
                    bytes.AddRange(Encoding.UTF8.GetBytes(Pieces[random.Next(Pieces.Length)]));
                    break;
            }
        }

        return [.. bytes];
    }

    private sealed class Recorder : IParagraphConsumer
    {
        public List<(long Offset, int Length, string Text)> Paragraphs { get; } = [];

        public void Add(CorpusParagraph paragraph) => Paragraphs.Add((paragraph.Offset, paragraph.Text.Length, paragraph.Text));

        public int FailAfter { get; init; } = int.MaxValue;

        public void AddUtf8(CorpusPost post, ReadOnlySpan<byte> block, ReadOnlySpan<Utf8Paragraph> paragraphs)
        {
            if (Paragraphs.Count >= FailAfter)
            {
                throw new InvalidOperationException("consumer failed");
            }

            foreach (var paragraph in paragraphs)
            {
                // Every paragraph is bordered by a line break (its last byte before, its first byte after) or the block's edge.
                var (start, end) = (paragraph.Bytes.Start, paragraph.Bytes.End);
                Assert.True(start == 0 || block[start - 1] is (byte)'\n' or (byte)'\r' or 0x85 or 0xA8 or 0xA9 or 0xBF, $"before {paragraph}");
                Assert.True(end == block.Length || block[end] is (byte)'\n' or (byte)'\r' or 0xC2 or 0xE2, $"after {paragraph}");
                Paragraphs.Add((paragraph.Offset, paragraph.Length, Encoding.UTF8.GetString(block.Slice(paragraph.Bytes.Start, paragraph.Bytes.Length))));
            }
        }
    }

    private static List<(long, int, string)> CharacterPath(byte[] utf8)
    {
        using var reader = new StreamReader(new MemoryStream(utf8), Encoding.UTF8, detectEncodingFromByteOrderMarks: true);
        return [.. TextCorpusReader.Paragraphs(reader, "doc").Select(p => (p.Offset, p.Text.Length, p.Text))];
    }

    [Fact]
    public void Fuzz_byte_paragraphs_equal_the_character_path()
    {
        var random = new Random(2029);
        for (var round = 0; round < 3000; round++)
        {
            var utf8 = RandomUtf8(random);
            var recorder = new Recorder();
            var post = new CorpusPost("doc", "doc", "doc", null, null, null, 0);
            Utf8ParagraphReader.Read(new MemoryStream(utf8), post, recorder, blockSize: random.Next(4, 40), pipelined: round % 2 == 1);
            var expected = CharacterPath(utf8);
            Assert.True(
                expected.SequenceEqual(recorder.Paragraphs),
                $"round {round}: {Convert.ToHexString(utf8)}\nexpected {string.Join(" | ", expected)}\ngot {string.Join(" | ", recorder.Paragraphs)}");
        }
    }

    // Valid text in several scripts whose only line breaks are line feeds: blocks that are not ASCII take the line-feed
    // index, and lines in other scripts are found not blank from their first byte.
    private static readonly string[] Scripts =
        ["zorblat", "Straße", "größer", "привет", "Ёлка", "مرحبا", "بالعربية", "😀", "a😀b", "\u00A0", "\u3000", "’", " ", "  ", ", ", "\n", "\n\n", "\n \n"];

    [Fact]
    public void Fuzz_valid_text_of_other_scripts_with_line_feeds_only_equals_the_character_path()
    {
        var random = new Random(2030);
        for (var round = 0; round < 1500; round++)
        {
            var text = new StringBuilder();
            for (var n = random.Next(0, 120); n > 0; n--)
            {
                text.Append(Scripts[random.Next(Scripts.Length)]);
            }

            var utf8 = Encoding.UTF8.GetBytes(text.ToString());
            var recorder = new Recorder();
            var post = new CorpusPost("doc", "doc", "doc", null, null, null, 0);
            Utf8ParagraphReader.Read(new MemoryStream(utf8), post, recorder, blockSize: random.Next(4, 300), pipelined: round % 2 == 1);
            Assert.Equal(CharacterPath(utf8), recorder.Paragraphs);
        }
    }

    [Theory]
    [InlineData("paragraph")]
    [InlineData("sentence")]
    [InlineData("hit")]
    [InlineData("post")]
    [InlineData("thread")]
    public void Fuzz_coding_through_the_byte_reader_equals_coding_strings(string unit)
    {
        var codebooks = new[] { CodebookYaml.Parse(Yaml, "fuzz.yaml").Value!, CodebookYaml.Parse(YamlWithoutRegex, "fuzz.yaml").Value! };
        Assert.True(CodingUnits.TryParse(unit, out var parsed));
        var random = new Random(unit.Length * 7919);
        var directory = _temp.NewFolder("utf8-coding");
        for (var round = 0; round < 200; round++)
        {
            var files = Enumerable.Range(0, random.Next(1, 4)).Select(i =>
            {
                var path = Path.Combine(directory, $"{round}-{i}.txt");
                File.WriteAllBytes(path, RandomUtf8(random));
                return path;
            }).ToList();
            var source = CorpusSource.Open(files).Value!;
            var codebook = codebooks[round % 2];

            var viaStrings = CodingEngine.Create(codebook, parsed, keepCodings: true).Value!;
            foreach (var paragraph in source.Paragraphs())
            {
                viaStrings.Add(paragraph.Value!);
            }

            var viaBytes = CodingEngine.Create(codebook, parsed, keepCodings: true).Value!;
            Assert.True(source.Feed(viaBytes).IsSuccess);
            var expected = viaStrings.Finish(Bands.None, 0);
            var actual = viaBytes.Finish(Bands.None, 0);
            Assert.Equal(CodingJson.Write(expected, true, true), CodingJson.Write(actual, true, true));
            Assert.Equal(expected.Codings, actual.Codings);

            // Small blocks: paragraphs reach the engine a few at a time, cut wherever a block ends, read on this
            // thread or on another one while this one codes.
            var viaSmallBlocks = CodingEngine.Create(codebook, parsed, keepCodings: true).Value!;
            foreach (var file in files)
            {
                using var stream = File.OpenRead(file);
                Utf8ParagraphReader.Read(stream, new CorpusPost(file, file, file, null, null, null, 0), viaSmallBlocks, blockSize: random.Next(4, 64), pipelined: random.Next(2) == 0);
            }

            var small = viaSmallBlocks.Finish(Bands.None, 0);
            Assert.Equal(CodingJson.Write(expected, true, true), CodingJson.Write(small, true, true));
            Assert.Equal(expected.Codings, small.Codings);
        }
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void A_failing_consumer_or_stream_stops_the_reading_with_its_exception(bool pipelined)
    {
        var post = new CorpusPost("doc", "doc", "doc", null, null, null, 0);
        var text = Encoding.UTF8.GetBytes(string.Concat(Enumerable.Repeat("zorblat quenmix\n\n", 500)));
        var failing = new Recorder { FailAfter = 3 };
        var consumerError = Assert.Throws<InvalidOperationException>(() =>
            Utf8ParagraphReader.Read(new MemoryStream(text), post, failing, blockSize: 64, pipelined: pipelined));
        Assert.Equal("consumer failed", consumerError.Message);

        var streamError = Assert.Throws<IOException>(() =>
            Utf8ParagraphReader.Read(new FailingStream(text, failAt: 1000), post, new Recorder(), blockSize: 64, pipelined: pipelined));
        Assert.Equal("disk gone", streamError.Message);
    }

    private sealed class FailingStream(byte[] bytes, int failAt) : MemoryStream(bytes)
    {
        public override int Read(byte[] buffer, int offset, int count) =>
            Position >= failAt ? throw new IOException("disk gone") : base.Read(buffer, offset, count);
    }

    [Fact]
    public void A_utf16_file_with_a_byte_order_mark_is_read_as_characters()
    {
        var directory = _temp.NewFolder("utf16");
        var path = Path.Combine(directory, "a.txt");
        File.WriteAllText(path, "zorblat here\n\nand zorblat quenmix", Encoding.Unicode);
        var recorder = new Recorder();
        Assert.True(CorpusSource.Open([path]).Value!.Feed(recorder).IsSuccess);
        Assert.Equal([(0L, 12, "zorblat here"), (14L, 19, "and zorblat quenmix")], recorder.Paragraphs);
    }

    [Fact]
    public void Offsets_count_utf16_units_across_astral_characters_and_blocks()
    {
        var text = "😀😀 zorblat\r\n\r\n“quenmix” ok\u2029next\n\n\u00A0\n\nlast";
        var recorder = new Recorder();
        var post = new CorpusPost("doc", "doc", "doc", null, null, null, 0);
        Utf8ParagraphReader.Read(new MemoryStream(Encoding.UTF8.GetBytes(text)), post, recorder, blockSize: 5);
        Assert.Equal(
            [(0L, 12, "😀😀 zorblat"), (16L, 12, "“quenmix” ok"), (29L, 4, "next"), (38L, 4, "last")],
            recorder.Paragraphs);
        Assert.All(recorder.Paragraphs, p => Assert.Equal(p.Text, text.Substring((int)p.Offset, p.Length)));
    }
}
