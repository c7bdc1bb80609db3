using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using System.Text;
using System.Text.RegularExpressions;

namespace Waymark.Text;

/// <summary>
/// The shared multi-pattern matching engine: built once over many patterns (immutable, thread-safe), it finds
/// every word, phrase and prefix pattern in ONE pass over the normalised text with an Aho–Corasick automaton,
/// checks Unicode word boundaries, and reports matches with the caller's pattern ids in ORIGINAL offsets.
/// <c>re:</c> patterns run separately with .NET's non-backtracking regular expressions over the original text;
/// <c>stem:</c> and <c>fuzzy:</c> patterns in a pass over the words of the normalised text (<see cref="WordPatterns"/>).
/// </summary>
public sealed class PatternMatcher
{
    private readonly AhoCorasick? _automaton;
    private readonly uint[] _entries;
    private readonly int[]? _byteClasses;
    private readonly (int Id, Regex Regex)[] _regexes;
    private readonly WordPatterns? _words;
    private ulong[]? _utf8Map;
    private readonly Lazy<AhoCorasick.Utf8Block?>? _utf8Block;

    private PatternMatcher(MatcherOptions options, AhoCorasick? automaton, (int, Regex)[] regexes, WordPatterns? words, int count)
    {
        Options = options;
        _entries = CharTable.For(options.Normalization).Entries;
        _automaton = automaton;
        _byteClasses = automaton?.ByteClasses(_entries);
        _regexes = regexes;
        _words = words;
        PatternCount = count;
        if (automaton is not null && _byteClasses is not null)
        {
            _utf8Block = new(() => automaton.BuildUtf8Block(Utf8Map, _byteClasses));
        }
    }

    public MatcherOptions Options { get; }

    public int PatternCount { get; }

    /// <summary>
    /// Builds a matcher. Fails with a message naming the pattern when one is empty after normalisation, a
    /// regular expression does not parse or needs backtracking features (backreferences, lookarounds), a
    /// <c>stem:</c> or <c>fuzzy:</c> pattern is not one word, or no Snowball stemmer covers
    /// <see cref="MatcherOptions.Language"/> while a <c>stem:</c> pattern needs one.
    /// </summary>
    public static Result<PatternMatcher> Create(IEnumerable<PatternDefinition> patterns, MatcherOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(patterns);
        options ??= new MatcherOptions();
        var normalizer = new TextNormalizer(options.Normalization);
        var literal = new List<(string, int, bool)>();
        var regexes = new List<(int, Regex)>();
        var words = new List<(int, PatternKind, string, string)>();
        var count = 0;
        foreach (var definition in patterns)
        {
            count++;
            var (kind, body) = PatternSyntax.Classify(definition.Pattern ?? string.Empty);
            if (kind == PatternKind.Regex)
            {
                var regex = CompileRegex(body, options.RegexTimeout);
                if (!regex.IsSuccess)
                {
                    return Result.Fail<PatternMatcher>($"Pattern '{definition.Pattern}': {regex.Error}");
                }

                regexes.Add((definition.Id, regex.Value!));
                continue;
            }

            var normalized = NormalizePattern(body, normalizer);
            if (normalized.Length == 0)
            {
                return Result.Fail<PatternMatcher>(
                    $"Pattern '{definition.Pattern}' has no characters left to match after normalisation.");
            }

            if (kind is PatternKind.Stem or PatternKind.Fuzzy)
            {
                words.Add((definition.Id, kind, normalized, definition.Pattern!));
                continue;
            }

            literal.Add((normalized, definition.Id, kind == PatternKind.Prefix));
        }

        var wordPatterns = WordPatterns.Create(words, options.Language);
        if (!wordPatterns.IsSuccess)
        {
            return Result.Fail<PatternMatcher>(wordPatterns.Error!);
        }

        AhoCorasick? automaton = null;
        if (literal.Count > 0)
        {
            var built = AhoCorasick.Build(literal);
            if (!built.IsSuccess)
            {
                return Result.Fail<PatternMatcher>(built.Error!);
            }

            automaton = built.Value;
        }

        return Result.Ok(new PatternMatcher(options, automaton, [.. regexes], wordPatterns.Value, count));
    }

    /// <summary>The normalised form of a word, phrase or prefix body, as the automaton sees it.</summary>
    public static string NormalizePattern(string body, NormalizationOptions options) => NormalizePattern(body, new TextNormalizer(options));

    private static string NormalizePattern(string body, TextNormalizer normalizer)
    {
        ArgumentNullException.ThrowIfNull(body);
        return normalizer.Normalize(body).Text.Trim(' ').ToString();
    }

    /// <summary>Buffers for one thread's calls.</summary>
    public MatchScratch CreateScratch() => new(Options.Normalization, _words?.CreateState());

    /// <summary>
    /// Appends every match in <paramref name="text"/> to <paramref name="results"/>, ordered by start offset
    /// (then length, then id). Allocates nothing once the scratch buffers and the list have grown.
    /// </summary>
    public void FindAll(ReadOnlySpan<char> text, MatchScratch scratch, List<PatternMatch> results)
    {
        ArgumentNullException.ThrowIfNull(scratch);
        ArgumentNullException.ThrowIfNull(results);
        var first = results.Count;
        if (_automaton is not null && Ascii.IsValid(text))
        {
            CheckScratch(scratch);
            var sink = new RawListSink(results);
            _automaton.ScanAscii(text, _entries, ref sink);
        }
        else if (_automaton is not null)
        {
            var view = Normalize(text, scratch);
            var sink = new ListSink(view, results);
            _automaton.Scan(view.Text, ref sink);
        }

        AddRegexMatches(text, results, first);
        AddWordMatches(text, scratch, results, first);
    }

    /// <summary>
    /// The same over UTF-8 text (invalid sequences read as U+FFFD, as a <see cref="StreamReader"/> does), with
    /// offsets in UTF-16 code units of the decoded text. ASCII text is scanned as bytes without decoding or
    /// normalising (the common case for corpora); other text is decoded into the scratch and matched as above.
    /// </summary>
    public void FindAll(ReadOnlySpan<byte> utf8, MatchScratch scratch, List<PatternMatch> results)
    {
        ArgumentNullException.ThrowIfNull(scratch);
        ArgumentNullException.ThrowIfNull(results);
        var firstNonAscii = utf8.IndexOfAnyExceptInRange((byte)0, (byte)0x7F);
        var first = results.Count;
        if (firstNonAscii >= 0 && _automaton is not null && (_byteClasses is null || !AllInert(utf8[firstNonAscii..])))
        {
            // Any script: the automaton decodes and folds character by character as it scans (no buffers); text it
            // cannot take that way (invalid UTF-8, astral characters, dropped marks) is decoded and normalised below.
            CheckScratch(scratch);
            if (ScanUtf8(utf8, scratch, results, first))
            {
                return;
            }
        }

        // Decoded unless the byte scan can take it: ASCII, or for the automaton alone ASCII with inert characters.
        if ((_byteClasses is null && _words is null)
            || (firstNonAscii >= 0 && (_words is not null || _byteClasses is null || !AllInert(utf8[firstNonAscii..]))))
        {
            FindAll(scratch.Decode(utf8), scratch, results);
            return;
        }

        if (_automaton is not null)
        {
            CheckScratch(scratch);
            var sink = new RawListSink(results);
            _automaton.ScanBytes(utf8, _byteClasses!, _entries, ref sink);
            if (firstNonAscii >= 0)
            {
                ToUtf16Offsets(utf8, CollectionsMarshal.AsSpan(results)[first..]);
            }
        }

        AddRegexMatches(_regexes.Length > 0 ? scratch.Decode(utf8) : default, results, first);
        AddAsciiWordMatches(utf8, scratch, results, first);
    }

    /// <summary>
    /// The matches of UTF-8 text in any script by <see cref="AhoCorasick.ScanUtf8"/>, then of the regular expressions and
    /// word patterns, appended after <paramref name="first"/> in order; false, with nothing appended, when the scan
    /// cannot take the text (then it is decoded and normalised).
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private bool ScanUtf8(ReadOnlySpan<byte> utf8, MatchScratch scratch, List<PatternMatch> results, int first)
    {
        var sink = new RawListSink(results);
        if (!_automaton!.ScanUtf8(utf8, _utf8Map ?? Utf8Map, ref sink))
        {
            results.RemoveRange(first, results.Count - first);
            return false;
        }

        SortMatches(CollectionsMarshal.AsSpan(results)[first..]);
        if (_regexes.Length > 0 || _words is not null)
        {
            var decoded = scratch.Decode(utf8);
            AddRegexMatches(decoded, results, first);
            AddWordMatches(decoded, scratch, results, first);
        }

        return true;
    }

    /// <summary>The stem and fuzzy patterns' matches in ASCII text (see <see cref="AddWordMatches"/>).</summary>
    private void AddAsciiWordMatches(ReadOnlySpan<byte> ascii, MatchScratch scratch, List<PatternMatch> results, int first)
    {
        if (_words is null)
        {
            return;
        }

        var found = results.Count;
        _words.FindAllAscii(ascii, scratch.Words!, results, CollectionsMarshal.AsSpan(results)[first..found]);
        SortMatches(CollectionsMarshal.AsSpan(results)[first..]);
    }

    /// <summary>
    /// The matches of many paragraphs of one UTF-8 block in one pass: for every paragraph in turn, exactly what
    /// <see cref="FindAll(ReadOnlySpan{byte}, MatchScratch, List{PatternMatch})"/> appends for its bytes alone
    /// (offsets in UTF-16 code units from the paragraph's start), appended to <paramref name="results"/>;
    /// <paramref name="ends"/>[p] receives the count of <paramref name="results"/> after paragraph p. Paragraphs
    /// must be in order, must not overlap, and must be bordered in the block by bytes that are not ASCII word
    /// characters (or the block's edge), as line breaks border the paragraphs of a text file: otherwise the call
    /// throws. Bytes above 0x7F are fine as borders: the byte scan reads them as non-word characters, which is
    /// how a paragraph's own edges behave.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public void FindAll(ReadOnlySpan<byte> block, ReadOnlySpan<ByteRange> paragraphs, MatchScratch scratch, List<PatternMatch> results, Span<int> ends)
    {
        ArgumentNullException.ThrowIfNull(scratch);
        ArgumentNullException.ThrowIfNull(results);
        ArgumentOutOfRangeException.ThrowIfLessThan(ends.Length, paragraphs.Length, nameof(ends));
        CheckBorders(block, paragraphs);
        AhoCorasick.Utf8Block? utf8 = null;
        if (_automaton is null || _byteClasses is null || _regexes.Length > 0 || paragraphs.Length == 0
            || (ManyOtherScripts(block, paragraphs) && ((utf8 = _utf8Block!.Value) is null || !NonWordBorders(block, paragraphs))))
        {
            for (var p = 0; p < paragraphs.Length; p++)
            {
                FindAll(block.Slice(paragraphs[p].Start, paragraphs[p].Length), scratch, results, ends, p);
            }

            return;
        }

        CheckScratch(scratch);
        Span<int> starts = stackalloc int[AhoCorasick.Chains];
        var outputs = scratch.ChainMatches;
        if (utf8 is null)
        {
            _automaton.ScanBlock(block, ChainStarts(paragraphs, starts), paragraphs[^1].End, _byteClasses, _entries, outputs);
        }
        else
        {
            _automaton.ScanBlockUtf8(block, ChainStarts(paragraphs, starts), paragraphs[^1].End, utf8, Utf8Map, outputs);
        }

        var found = scratch.BlockMatches;
        found.Clear();
        foreach (var output in outputs)
        {
            found.AddRange(output);
        }

        // Block matches come in order of their end; each belongs to the paragraph holding it whole (a phrase
        // may run across the blank line between two paragraphs: then it belongs to neither).
        var m = 0;
        var all = CollectionsMarshal.AsSpan(found);
        var nonAscii = -1;
        for (var p = 0; p < paragraphs.Length; p++)
        {
            var paragraph = paragraphs[p];
            var bytes = block.Slice(paragraph.Start, paragraph.Length);
            var first = results.Count;

            // The next non-ASCII byte of the block, looked for again only once passed: corpora are mostly ASCII.
            if (nonAscii < paragraph.Start)
            {
                var next = block[paragraph.Start..].IndexOfAnyExceptInRange((byte)0, (byte)0x7F);
                nonAscii = next < 0 ? int.MaxValue : paragraph.Start + next;
            }

            var firstNonAscii = nonAscii < paragraph.End ? nonAscii - paragraph.Start : -1;
            if (utf8 is null ? firstNonAscii >= 0 && !AllInert(bytes[firstNonAscii..]) : Escaped(all, m, paragraph.End))
            {
                // The byte scan left this paragraph (other scripts, or bytes the UTF-8 table does not take): alone.
                while (m < all.Length && all[m].End <= paragraph.End)
                {
                    m++;
                }

                if (!ScanUtf8(bytes, scratch, results, first))
                {
                    FindAll(scratch.Decode(bytes), scratch, results);
                }

                ends[p] = results.Count;
                continue;
            }

            for (; m < all.Length && all[m].End <= paragraph.End; m++)
            {
                if (all[m].Start >= paragraph.Start)
                {
                    results.Add(all[m] with { Start = all[m].Start - paragraph.Start });
                }
            }

            var added = CollectionsMarshal.AsSpan(results)[first..];
            if (firstNonAscii >= 0)
            {
                ToUtf16Offsets(bytes, added);
            }

            SortMatches(added);
            if (_words is not null)
            {
                // Stem and fuzzy patterns, paragraph by paragraph: straight on the bytes of an ASCII paragraph, else
                // on its decoded text (its other characters are inert, so the automaton's matches above stand).
                if (firstNonAscii < 0)
                {
                    AddAsciiWordMatches(bytes, scratch, results, first);
                }
                else
                {
                    AddWordMatches(scratch.Decode(bytes), scratch, results, first);
                }
            }

            ends[p] = results.Count;
        }
    }

    /// <summary>True when the UTF-8 block scan marked a byte it does not take among the matches of the paragraph that ends at <paramref name="end"/>.</summary>
    private static bool Escaped(ReadOnlySpan<PatternMatch> all, int m, int end)
    {
        for (; m < all.Length && all[m].End <= end; m++)
        {
            if (all[m].PatternId < 0)
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>
    /// True when every paragraph is bordered by characters that are not word characters (ASCII bytes are checked by
    /// <see cref="CheckBorders"/>): the UTF-8 block scan reads the borders as characters, where a paragraph alone has its edge.
    /// </summary>
    private static bool NonWordBorders(ReadOnlySpan<byte> block, ReadOnlySpan<ByteRange> paragraphs)
    {
        foreach (var paragraph in paragraphs)
        {
            if ((paragraph.Start > 0 && block[paragraph.Start - 1] >= 0x80 && !NonWord(Rune.DecodeLastFromUtf8(block[..paragraph.Start], out var before, out _), before))
                || (paragraph.End < block.Length && block[paragraph.End] >= 0x80 && !NonWord(Rune.DecodeFromUtf8(block[paragraph.End..], out var after, out _), after)))
            {
                return false;
            }
        }

        return true;

        static bool NonWord(System.Buffers.OperationStatus status, Rune rune) =>
            status == System.Buffers.OperationStatus.Done && !(rune.IsBmp ? WordChars.IsBmpWord((char)rune.Value) : WordChars.IsWord(Rune.GetUnicodeCategory(rune)));
    }

    /// <summary>
    /// True when more than a quarter of the block's first paragraphs hold characters outside ASCII that are not inert
    /// (German, Russian, Arabic… text, a quarter to a third of whose paragraphs may be commands or names in ASCII): then
    /// the block scan, which would read every paragraph only to leave those to <see cref="ScanUtf8"/>, is skipped.
    /// </summary>
    private bool ManyOtherScripts(ReadOnlySpan<byte> block, ReadOnlySpan<ByteRange> paragraphs)
    {
        var sample = Math.Min(paragraphs.Length, 16);
        var other = 0;
        for (var p = 0; p < sample; p++)
        {
            var bytes = block.Slice(paragraphs[p].Start, paragraphs[p].Length);
            var firstNonAscii = bytes.IndexOfAnyExceptInRange((byte)0, (byte)0x7F);
            other += firstNonAscii >= 0 && !AllInert(bytes[firstNonAscii..]) ? 1 : 0;
        }

        return other * 4 > sample;
    }

    private void FindAll(ReadOnlySpan<byte> paragraph, MatchScratch scratch, List<PatternMatch> results, Span<int> ends, int index)
    {
        FindAll(paragraph, scratch, results);
        ends[index] = results.Count;
    }

    /// <summary>Where the block scan's chains start: up to <see cref="AhoCorasick.Chains"/> paragraph starts that split the bytes about evenly.</summary>
    private static ReadOnlySpan<int> ChainStarts(ReadOnlySpan<ByteRange> paragraphs, Span<int> starts)
    {
        var first = paragraphs[0].Start;
        var share = (paragraphs[^1].End - first) / starts.Length;
        starts[0] = first;
        var count = 1;
        for (var p = 1; p < paragraphs.Length && count < starts.Length; p++)
        {
            if (paragraphs[p].Start - first >= share * count)
            {
                starts[count++] = paragraphs[p].Start;
            }
        }

        return starts[..count];
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void CheckBorders(ReadOnlySpan<byte> block, ReadOnlySpan<ByteRange> paragraphs)
    {
        var previousEnd = 0;
        foreach (var paragraph in paragraphs)
        {
            if (paragraph.Start < previousEnd || paragraph.Length < 0 || paragraph.End > block.Length
                || (paragraph.Start > 0 && IsAsciiWord(block[paragraph.Start - 1]))
                || (paragraph.End < block.Length && IsAsciiWord(block[paragraph.End])))
            {
                throw new ArgumentException(
                    $"Paragraph {paragraph} is out of order, outside the block or bordered by a word character.", nameof(paragraphs));
            }

            previousEnd = paragraph.End;
        }
    }

    private static bool IsAsciiWord(byte b) => b < 0x80 && WordChars.IsBmpWord((char)b);

    /// <summary>
    /// True when every non-ASCII character of <paramref name="utf8"/> (which starts with one) is inert: a valid,
    /// BMP, non-word character that normalises to one character occurring in no pattern and is no separator
    /// (’ “ ” – — … in English text). Such a character only resets the automaton, whose byte classes send every
    /// byte above 0x7F to the same never-matching class, so the byte scan stays exact.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private bool AllInert(ReadOnlySpan<byte> utf8)
    {
        while (true)
        {
            if (Rune.DecodeFromUtf8(utf8, out var rune, out var consumed) != System.Buffers.OperationStatus.Done || !rune.IsBmp)
            {
                return false;
            }

            var c = (char)rune.Value;
            var entry = _entries[c];
            if ((CharKind)(entry >> 16) != CharKind.Single || WordChars.IsBmpWord(c) || !_automaton!.IsUnused((char)entry))
            {
                return false;
            }

            utf8 = utf8[consumed..];
            var next = utf8.IndexOfAnyExceptInRange((byte)0, (byte)0x7F);
            if (next < 0)
            {
                return true;
            }

            utf8 = utf8[next..];
        }
    }

    /// <summary>
    /// Byte offsets of matches in UTF-8 to UTF-16 offsets of the decoded text, counting on from the previous match
    /// (so a long text with many matches is counted once when they are in order of start).
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void ToUtf16Offsets(ReadOnlySpan<byte> utf8, Span<PatternMatch> matches)
    {
        var bytes = 0;
        var chars = 0;
        for (var i = 0; i < matches.Length; i++)
        {
            var m = matches[i];
            if (m.Start < bytes)
            {
                bytes = 0;
                chars = 0;
            }

            chars += Utf16Length(utf8[bytes..m.Start]);
            bytes = m.Start;
            matches[i] = new PatternMatch(m.PatternId, chars, Utf16Length(utf8.Slice(m.Start, m.Length)));
        }
    }

    /// <summary>
    /// UTF-16 code units of valid UTF-8 with characters of the BMP only (what the byte scans take): one per byte that is
    /// not a continuation byte (0x80–0xBF, below -64 as a signed byte), counted 32 bytes at a time. The decoder's count
    /// also validates, which at one call per match was a fifth of a run over text in which most words are keywords.
    /// </summary>
    private static int Utf16Length(ReadOnlySpan<byte> validBmp)
    {
        var continuations = 0;
        var i = 0;
        ref var bytes = ref MemoryMarshal.GetReference(validBmp);
        if (Vector256.IsHardwareAccelerated)
        {
            for (; i + Vector256<sbyte>.Count <= validBmp.Length; i += Vector256<sbyte>.Count)
            {
                var block = Vector256.LoadUnsafe(ref bytes, (nuint)i).AsSByte();
                continuations += BitOperations.PopCount(Vector256.LessThan(block, Vector256.Create((sbyte)-64)).ExtractMostSignificantBits());
            }
        }

        for (; i < validBmp.Length; i++)
        {
            continuations += (sbyte)Unsafe.Add(ref bytes, i) < -64 ? 1 : 0;
        }

        return validBmp.Length - continuations;
    }

    /// <summary>The UTF-8 scan's table (<see cref="AhoCorasick.Utf8Map"/>), built on the first text outside ASCII.</summary>
    private ulong[] Utf8Map => LazyInitializer.EnsureInitialized(ref _utf8Map, () => _automaton!.Utf8Map(CharTable.For(Options.Normalization)));

    /// <summary>Appends the regular expressions' matches, then puts everything added since <paramref name="first"/> in order.</summary>
    private void AddRegexMatches(ReadOnlySpan<char> text, List<PatternMatch> results, int first)
    {
        foreach (var (id, regex) in _regexes)
        {
            foreach (var match in regex.EnumerateMatches(text))
            {
                if (match.Length > 0)
                {
                    results.Add(new PatternMatch(id, match.Index, match.Length));
                }
            }
        }

        SortMatches(CollectionsMarshal.AsSpan(results)[first..]);
    }

    /// <summary>
    /// Appends the stem and fuzzy patterns' matches that are not already there (a code holding <c>guilt</c> and
    /// <c>stem:guilt</c> counts the word "guilt" once), then puts everything added since <paramref name="first"/> in order.
    /// </summary>
    private void AddWordMatches(ReadOnlySpan<char> text, MatchScratch scratch, List<PatternMatch> results, int first)
    {
        if (_words is null)
        {
            return;
        }

        var found = results.Count;
        var view = Normalize(text, scratch);
        _words.FindAll(view, scratch.Words!, results, CollectionsMarshal.AsSpan(results)[first..found]);
        SortMatches(CollectionsMarshal.AsSpan(results)[first..]);
    }

    /// <summary>Puts matches in order of start, then length, then id.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void SortMatches(Span<PatternMatch> matches)
    {
        if (!IsSorted(matches))
        {
            matches.Sort(static (a, b) => a.Start != b.Start ? a.Start.CompareTo(b.Start)
                : a.Length != b.Length ? a.Length.CompareTo(b.Length) : a.PatternId.CompareTo(b.PatternId));
        }
    }

    /// <summary>Every match in a string, in a new list (convenience for tests and small inputs).</summary>
    public List<PatternMatch> FindAll(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var results = new List<PatternMatch>();
        FindAll(text, CreateScratch(), results);
        return results;
    }

    /// <summary>
    /// Appends every word, phrase or prefix pattern found anywhere inside <paramref name="text"/>, every
    /// position counting as a word boundary (regular expressions are not tried): for a word that stands for a
    /// run of one-letter words, such as a term spelt out letter by letter among other single letters. Matches
    /// come in order of start offset (then length, then id), in original offsets.
    /// </summary>
    public void FindInside(ReadOnlySpan<char> text, MatchScratch scratch, List<PatternMatch> results)
    {
        ArgumentNullException.ThrowIfNull(scratch);
        ArgumentNullException.ThrowIfNull(results);
        if (_automaton is null)
        {
            return;
        }

        var first = results.Count;
        var view = Normalize(text, scratch);
        var sink = new ListSink(view, results);
        _automaton.ScanInside(view.Text, ref sink);
        SortMatches(CollectionsMarshal.AsSpan(results)[first..]);
    }

    /// <summary>True as soon as any pattern matches; the scan stops at the first match.</summary>
    public bool IsMatch(ReadOnlySpan<char> text, MatchScratch scratch)
    {
        ArgumentNullException.ThrowIfNull(scratch);
        if (_automaton is not null)
        {
            var sink = new AnySink();
            if (Ascii.IsValid(text))
            {
                CheckScratch(scratch);
                _automaton.ScanAscii(text, _entries, ref sink);
            }
            else
            {
                _automaton.Scan(Normalize(text, scratch).Text, ref sink);
            }

            if (sink.Found)
            {
                return true;
            }
        }

        foreach (var (_, regex) in _regexes)
        {
            if (regex.IsMatch(text))
            {
                return true;
            }
        }

        if (_words is not null)
        {
            var found = new List<PatternMatch>();
            _words.FindAll(Normalize(text, scratch), scratch.Words!, found, default);
            return found.Count > 0;
        }

        return false;
    }

    private NormalizedView Normalize(ReadOnlySpan<char> text, MatchScratch scratch)
    {
        CheckScratch(scratch);
        return scratch.Normalizer.Normalize(text);
    }

    private void CheckScratch(MatchScratch scratch)
    {
        if (scratch.Normalizer.Options != Options.Normalization)
        {
            throw new ArgumentException("The scratch was created by a matcher with other normalisation options.", nameof(scratch));
        }
    }

    private static Result<Regex> CompileRegex(string body, TimeSpan timeout)
    {
        if (body.Length == 0)
        {
            return Result.Fail<Regex>("the regular expression is empty.");
        }

        try
        {
            return Result.Ok(new Regex(
                body,
                RegexOptions.IgnoreCase | RegexOptions.CultureInvariant | RegexOptions.NonBacktracking,
                timeout));
        }
        catch (ArgumentException e)
        {
            return Result.Fail<Regex>(e.Message);
        }
        catch (NotSupportedException e)
        {
            return Result.Fail<Regex>(e.Message);
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static bool IsSorted(ReadOnlySpan<PatternMatch> matches)
    {
        for (var i = 1; i < matches.Length; i++)
        {
            var a = matches[i - 1];
            var b = matches[i];
            if (a.Start > b.Start || (a.Start == b.Start && (a.Length > b.Length || (a.Length == b.Length && a.PatternId > b.PatternId))))
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>Maps normalised matches to original offsets into the caller's list.</summary>
    private readonly ref struct ListSink(NormalizedView view, List<PatternMatch> results) : IMatchSink
    {
        private readonly NormalizedView _view = view;

        public bool Add(int patternId, int start, int length)
        {
            var (originalStart, originalEnd) = _view.ToOriginal(start, length);
            results.Add(new PatternMatch(patternId, originalStart, originalEnd - originalStart));
            return true;
        }
    }

    /// <summary>Matches found straight in ASCII text are already in original offsets.</summary>
    internal readonly struct RawListSink(List<PatternMatch> results) : IMatchSink
    {
        public bool Add(int patternId, int start, int length)
        {
            results.Add(new PatternMatch(patternId, start, length));
            return true;
        }
    }

    private struct AnySink : IMatchSink
    {
        public bool Found { get; private set; }

        public bool Add(int patternId, int start, int length)
        {
            Found = true;
            return false;
        }
    }
}
