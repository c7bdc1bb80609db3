using System.Buffers;
using System.Text;
using BenchmarkDotNet.Attributes;

namespace Waymark.Text.Bench;

/// <summary>
/// The matching kernel of <c>waymark code</c> on 32 MB of the content benchmark's corpus (one sentence per
/// paragraph; data from bench/content/run.sh, directory in WAYMARK_CONTENT_BENCH_DIR, default
/// /tmp/waymark-bench-content), with the 44 and the 5,000 keywords: one scan per 1 MB block against one call per
/// paragraph, and, as the peer, the runtime's own multi-string search (<see cref="SearchValues{T}"/> of strings,
/// ordinal ignoring case) counting every occurrence in the decoded text, without word boundaries.
/// </summary>
[MemoryDiagnoser]
public class BlockScanBenchmarks
{
    private const int CorpusBytes = 32 << 20;

    private readonly List<(int Start, int Length, ByteRange[] Paragraphs)> _blocks = [];
    private byte[] _corpus = [];
    private string _text = string.Empty;
    private PatternMatcher _matcher = null!;
    private MatchScratch _scratch = null!;
    private SearchValues<string> _peer = null!;
    private readonly List<PatternMatch> _matches = [];
    private int[] _ends = [];

    [Params("keywords44.txt", "keywords5000.txt")]
    public string Keywords { get; set; } = "keywords44.txt";

    public static string DataDirectory => Environment.GetEnvironmentVariable("WAYMARK_CONTENT_BENCH_DIR") ?? "/tmp/waymark-bench-content";

    [GlobalSetup]
    public void Setup()
    {
        using (var file = File.OpenRead(Path.Combine(DataDirectory, "paragraphs.txt")))
        {
            _corpus = new byte[Math.Min(CorpusBytes, file.Length)];
            file.ReadExactly(_corpus);
        }

        _text = Encoding.UTF8.GetString(_corpus);
        var words = File.ReadAllLines(Path.Combine(DataDirectory, Keywords)).Where(w => w.Length > 0).ToArray();
        _matcher = PatternMatcher.Create(words.Select((w, i) => new PatternDefinition(i, w))).Value!;
        _scratch = _matcher.CreateScratch();
        _peer = SearchValues.Create(words, StringComparison.OrdinalIgnoreCase);

        // 1 MB blocks ending at a line break; each non-empty line a paragraph, as the reader would give them.
        var start = 0;
        while (start < _corpus.Length)
        {
            var end = Math.Min(_corpus.Length, start + (1 << 20));
            var cut = end == _corpus.Length ? end : start + _corpus.AsSpan(start, end - start).LastIndexOf((byte)'\n') + 1;
            var paragraphs = new List<ByteRange>();
            for (var line = start; line < cut;)
            {
                var feed = _corpus.AsSpan(line, cut - line).IndexOf((byte)'\n');
                var lineEnd = feed < 0 ? cut : line + feed;
                if (lineEnd > line)
                {
                    paragraphs.Add(new ByteRange(line - start, lineEnd - line));
                }

                line = lineEnd + 1;
            }

            _blocks.Add((start, cut - start, [.. paragraphs]));
            _ends = new int[Math.Max(_ends.Length, paragraphs.Count)];
            start = cut;
        }
    }

    [Benchmark(Baseline = true, Description = "block scan")]
    public int BlockScan()
    {
        var found = 0;
        foreach (var (start, length, paragraphs) in _blocks)
        {
            _matches.Clear();
            _matcher.FindAll(_corpus.AsSpan(start, length), paragraphs, _scratch, _matches, _ends);
            found += _matches.Count;
        }

        return found;
    }

    [Benchmark(Description = "paragraph by paragraph")]
    public int ParagraphByParagraph()
    {
        var found = 0;
        foreach (var (start, length, paragraphs) in _blocks)
        {
            var block = _corpus.AsSpan(start, length);
            foreach (var paragraph in paragraphs)
            {
                _matches.Clear();
                _matcher.FindAll(block.Slice(paragraph.Start, paragraph.Length), _scratch, _matches);
                found += _matches.Count;
            }
        }

        return found;
    }

    [Benchmark(Description = "SearchValues<string> (peer, no word boundaries)")]
    public int RuntimeMultiStringSearch()
    {
        var found = 0;
        var text = _text.AsSpan();
        for (var at = text.IndexOfAny(_peer); at >= 0;)
        {
            found++;
            var next = text[(at + 1)..].IndexOfAny(_peer);
            at = next < 0 ? -1 : at + 1 + next;
        }

        return found;
    }
}
