using System.Runtime.CompilerServices;
using System.Text;
using Waymark.Content.Codebooks;
using Waymark.Content.Corpus;
using Waymark.Text;

namespace Waymark.Content.Coding;

/// <summary>
/// Codes a stream of paragraphs with one matcher built from a codebook (pattern id = code index) and
/// tallies hits, units, documents, per-document and per-thread counts and co-occurrence within units.
/// Memory: counters per code, per document and per thread, plus the coded units when they are kept
/// for an export; never the text beyond one paragraph.
/// </summary>
internal sealed class CodingEngine : IParagraphConsumer
{
    private readonly Codebook _codebook;
    private readonly PatternMatcher _matcher;
    private readonly MatchScratch _scratch;
    private readonly CodingUnit _unit;
    private readonly bool _keepCodings;
    private readonly int _codeCount;
    private readonly long[] _hits;
    private readonly long[] _units;
    private readonly PairCounts _pairs;
    private readonly Dictionary<string, Tally> _documents = new(StringComparer.Ordinal);
    private readonly Dictionary<string, Tally> _threads = new(StringComparer.Ordinal);
    private readonly List<CodedUnit> _codings = [];
    private readonly List<PatternMatch> _matches = [];
    private ByteRange[] _ranges = new ByteRange[256];
    private int[] _ends = new int[256];
    private readonly bool[] _seen;
    private readonly List<int> _present = [];
    private readonly bool[] _postPresent;
    private CorpusPost? _post;
    private CorpusPost? _talliedPost;
    private Tally? _document;
    private Tally? _thread;
    private long _postStart;
    private long _postEnd;
    private long _unitCount;

    private CodingEngine(Codebook codebook, PatternMatcher matcher, CodingUnit unit, bool keepCodings)
    {
        _codebook = codebook;
        _matcher = matcher;
        _scratch = matcher.CreateScratch();
        _unit = unit;
        _keepCodings = keepCodings;
        _codeCount = codebook.Codes.Count;
        _hits = new long[_codeCount];
        _units = new long[_codeCount];
        _seen = new bool[_codeCount];
        _postPresent = new bool[_codeCount];
        _pairs = new PairCounts(_codeCount);
    }

    public static Result<CodingEngine> Create(Codebook codebook, CodingUnit unit, bool keepCodings) =>
        BuildMatcher(codebook).Then(matcher => Result.Ok(new CodingEngine(codebook, matcher, unit, keepCodings)));

    /// <summary>One matcher for the whole codebook: pattern id = code index.</summary>
    public static Result<PatternMatcher> BuildMatcher(Codebook codebook)
    {
        ArgumentNullException.ThrowIfNull(codebook);
        var definitions = codebook.Codes.SelectMany((code, index) => code.Patterns.Select(p => new PatternDefinition(index, p)));
        var options = new MatcherOptions
        {
            Normalization = new NormalizationOptions(RemoveDiacritics: codebook.IgnoreDiacritics),
            Language = codebook.Language,
        };
        var built = PatternMatcher.Create(definitions, options);
        return built.IsSuccess ? built : Result.Fail<PatternMatcher>($"codebook {codebook.Name}: {built.Error}");
    }

    public void Add(CorpusParagraph paragraph)
    {
        ArgumentNullException.ThrowIfNull(paragraph);
        _matches.Clear();
        _matcher.FindAll(paragraph.Text, _scratch, _matches);
        Count(paragraph.Post, paragraph.Offset, paragraph.Text.Length, paragraph.Text, 0, _matches.Count);
    }

    // Hot for every block of a text corpus: jitted optimised at once, without an instrumented tier.
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public void AddUtf8(CorpusPost post, ReadOnlySpan<byte> block, ReadOnlySpan<Utf8Paragraph> paragraphs)
    {
        ArgumentNullException.ThrowIfNull(post);
        if (_unit == CodingUnit.Sentence)
        {
            // Sentence segmentation works on characters; the other units need only the matches.
            foreach (var paragraph in paragraphs)
            {
                Add(new CorpusParagraph(post, paragraph.Offset, Encoding.UTF8.GetString(block.Slice(paragraph.Bytes.Start, paragraph.Bytes.Length))));
            }

            return;
        }

        if (_ranges.Length < paragraphs.Length)
        {
            _ranges = new ByteRange[paragraphs.Length * 2];
            _ends = new int[paragraphs.Length * 2];
        }

        for (var p = 0; p < paragraphs.Length; p++)
        {
            _ranges[p] = paragraphs[p].Bytes;
        }

        // One scan for the whole block, then the counts paragraph by paragraph.
        _matches.Clear();
        _matcher.FindAll(block, _ranges.AsSpan(0, paragraphs.Length), _scratch, _matches, _ends);
        var first = 0;
        for (var p = 0; p < paragraphs.Length; p++)
        {
            Count(post, paragraphs[p].Offset, paragraphs[p].Length, null, first, _ends[p]);
            first = _ends[p];
        }

        _pairs.Flush();
    }

    /// <summary>
    /// Counts the matches <see cref="_matches"/>[<paramref name="first"/>..<paramref name="last"/>) of one paragraph;
    /// <paramref name="text"/> is needed for sentences only (then the paragraph's matches are the whole list).
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private void Count(CorpusPost post, long offset, int length, string? text, int first, int last)
    {
        if (!ReferenceEquals(post, _talliedPost))
        {
            _talliedPost = post;
            _document = TallyOf(_documents, post.DocumentId);
            _thread = TallyOf(_threads, post.ThreadId);
        }

        var document = _document!;
        var thread = _thread!;
        var end = offset + length;
        document.Length = Math.Max(document.Length, end);
        thread.Length = Math.Max(thread.Length, end);
        if (first == last && _unit == CodingUnit.Paragraph)
        {
            // Most paragraphs hold no code: only the unit count changes.
            _unitCount++;
            return;
        }

        for (var m = first; m < last; m++)
        {
            var code = _matches[m].PatternId;
            _hits[code]++;
            document.Hits[code]++;
            thread.Hits[code]++;
        }

        switch (_unit)
        {
            case CodingUnit.Paragraph:
                _unitCount++;
                Close(Distinct(_matches, first, last), document, thread, post.DocumentId, offset, end);
                break;
            case CodingUnit.Sentence:
                AddSentences(post.DocumentId, offset, text!, document, thread);
                break;
            case CodingUnit.Hit:
                AddHits(post.DocumentId, offset, document, thread, first, last);
                break;
            case CodingUnit.Post:
                if (!ReferenceEquals(post, _post))
                {
                    FlushPost();
                    _post = post;
                    _postStart = offset;
                    _unitCount++;
                }

                _postEnd = end;
                for (var m = first; m < last; m++)
                {
                    _postPresent[_matches[m].PatternId] = true;
                }

                break;
            default:
                break;
        }
    }

    public CodingReport Finish(Bands bands, long minimum)
    {
        ArgumentNullException.ThrowIfNull(bands);
        FlushPost();
        if (_unit == CodingUnit.Thread)
        {
            foreach (var (id, thread) in _threads)
            {
                _unitCount++;
                _present.Clear();
                for (var k = 0; k < _codeCount; k++)
                {
                    if (thread.Hits[k] > 0)
                    {
                        _present.Add(k);
                    }
                }

                Close(_present, _documents[id], thread, id, 0, thread.Length);
            }
        }

        var documentsWith = new long[_codeCount];
        foreach (var document in _documents.Values)
        {
            for (var k = 0; k < _codeCount; k++)
            {
                documentsWith[k] += document.Hits[k] > 0 ? 1 : 0;
            }
        }

        var kept = Enumerable.Range(0, _codeCount).Where(k => _units[k] >= minimum).ToList();
        var codes = kept.Select(k => new CodeCount(_codebook.Codes[k], _hits[k], _units[k], documentsWith[k], bands.Of(_units[k]))).ToList();
        var pairs = new List<Cooccurrence>();
        foreach (var (a, b, n) in _pairs.All())
        {
            if (_units[a] >= minimum && _units[b] >= minimum)
            {
                pairs.Add(new Cooccurrence(_codebook.Codes[a].Name, _codebook.Codes[b].Name, n, (double)n / (_units[a] + _units[b] - n)));
            }
        }

        return new CodingReport(
            _codebook,
            _unit,
            _documents.Count,
            _unitCount,
            codes,
            pairs,
            [.. _documents.Select(d => new GroupCounts(d.Key, d.Value.Hits, d.Value.Units))],
            [.. _threads.Select(t => new GroupCounts(t.Key, t.Value.Hits, t.Value.Units))],
            _codings);
    }

    private void AddSentences(string documentId, long offset, string text, Tally document, Tally thread)
    {
        var sentences = Segmenter.Sentences(text);
        _unitCount += sentences.Count;
        var m = 0;
        for (var s = 0; s < sentences.Count; s++)
        {
            var (start, length) = sentences[s];
            var nextStart = s + 1 < sentences.Count ? sentences[s + 1].Start : int.MaxValue;
            var first = m;

            // A match belongs to the sentence it starts in (or the one before, if it starts in the gap).
            while (m < _matches.Count && _matches[m].Start < nextStart)
            {
                m++;
            }

            Close(Distinct(_matches, first, m), document, thread, documentId, offset + start, offset + start + length);
        }
    }

    private void AddHits(string documentId, long offset, Tally document, Tally thread, int first, int last)
    {
        var i = first;
        while (i < last)
        {
            var j = i + 1;
            while (j < last && _matches[j].Start == _matches[i].Start && _matches[j].Length == _matches[i].Length)
            {
                j++;
            }

            _unitCount++;
            var start = offset + _matches[i].Start;
            Close(Distinct(_matches, i, j), document, thread, documentId, start, start + _matches[i].Length);
            i = j;
        }
    }

    private void FlushPost()
    {
        if (_post is null)
        {
            return;
        }

        _present.Clear();
        for (var k = 0; k < _codeCount; k++)
        {
            if (_postPresent[k])
            {
                _present.Add(k);
                _postPresent[k] = false;
            }
        }

        Close(_present, _documents[_post.DocumentId], _threads[_post.ThreadId], _post.DocumentId, _postStart, _postEnd);
        _post = null;
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private List<int> Distinct(List<PatternMatch> matches, int from, int to)
    {
        _present.Clear();
        for (var i = from; i < to; i++)
        {
            var id = matches[i].PatternId;
            if (!_seen[id])
            {
                _seen[id] = true;
                _present.Add(id);
            }
        }

        foreach (var id in _present)
        {
            _seen[id] = false;
        }

        _present.Sort();
        return _present;
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private void Close(List<int> present, Tally document, Tally thread, string documentId, long start, long end)
    {
        for (var i = 0; i < present.Count; i++)
        {
            var a = present[i];
            _units[a]++;
            document.Units[a]++;
            thread.Units[a]++;

            for (var j = i + 1; j < present.Count; j++)
            {
                _pairs.Add(a, present[j]);
            }

            if (_keepCodings)
            {
                _codings.Add(new CodedUnit(documentId, start, end, a));
            }
        }
    }

    private Tally TallyOf(Dictionary<string, Tally> tallies, string id)
    {
        if (!tallies.TryGetValue(id, out var tally))
        {
            tally = new Tally(_codeCount);
            tallies[id] = tally;
        }

        return tally;
    }

    private sealed class Tally(int codes)
    {
        public long[] Hits { get; } = new long[codes];

        public long[] Units { get; } = new long[codes];

        public long Length { get; set; }
    }
}
