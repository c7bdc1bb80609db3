using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace Waymark.Text;

/// <summary>
/// An Aho–Corasick automaton over normalised UTF-16 code units, compiled to a dense DFA: characters are
/// first mapped to the classes that occur in patterns (all others share class 0 if they are not word characters
/// and class 1 if they are), and each state's row holds the next state for every class, so one pass costs two
/// array reads per character. Row entries are row offsets (state × stride); a negative entry (bitwise
/// complement) marks a state with outputs.
/// The automaton is anchored at word starts: a match counts only where no word character comes just before it,
/// so a state stands for the longest suffix of the text read that is a pattern prefix AND starts after a
/// non-word character (or at the text's start). Inside a word that no pattern continues, the scan waits in one
/// state ("mid-word") until the word ends, instead of following every substring of the word: large
/// pattern sets then touch only the rows of word prefixes, which keeps the hot part of the table in cache.
/// </summary>
internal sealed partial class AhoCorasick
{
    /// <summary>Dense rows above this many entries (256 MB) would not be worth it; the caller gets a clear error.</summary>
    internal const long MaxTableEntries = 64L * 1024 * 1024;

    private readonly ushort[] _classes;
    private readonly int _stride;
    private readonly int[] _delta;
    private readonly bool[] _wordClasses;
    private int[]? _blockDelta;
    private readonly bool[] _wordEnds;
    private readonly bool[] _prefixes;
    private readonly int[] _outputStart;
    private readonly Terminal[] _outputs;
    private readonly int[] _fail;

    private AhoCorasick(ushort[] classes, bool[] wordClasses, int stride, int[] delta, int[] outputStart, Terminal[] outputs, int[] fail)
    {
        _classes = classes;
        _fail = fail;
        _stride = stride;
        _delta = delta;
        _outputStart = outputStart;
        _outputs = outputs;
        var states = outputStart.Length - 1;
        _wordEnds = new bool[states];
        _prefixes = new bool[states];
        for (var state = 0; state < states; state++)
        {
            for (var k = outputStart[state]; k < outputStart[state + 1]; k++)
            {
                (outputs[k].Prefix ? _prefixes : _wordEnds)[state] = true;
            }
        }

        // The block scans' table is as large as the automaton's: built on the first block scan only,
        // so a matcher used for short texts (search screening) never holds it.
        _wordClasses = wordClasses;
    }

    /// <summary>
    /// The table for block scans, with other marks: an entry is marked when the character ends a word after a
    /// state with whole-word outputs (they are reported then, one character late, so a candidate followed by
    /// more of a word never stops the scan: with 5,000 keywords most candidates are), or when the next state has
    /// prefix outputs (reported at once, as the whole word they start).
    /// </summary>
    private int[] WordEndTable(int[] delta, bool[] wordClasses)
    {
        var table = new int[delta.Length];
        for (var state = 0; state < _wordEnds.Length; state++)
        {
            for (var cls = 0; cls < _stride; cls++)
            {
                var entry = delta[(state * _stride) + cls];
                var row = entry < 0 ? ~entry : entry;
                var marked = (_wordEnds[state] && !wordClasses[cls]) || _prefixes[row / _stride];
                table[(state * _stride) + cls] = marked ? ~row : row;
            }
        }

        return table;
    }

    private int[] BlockDelta => LazyInitializer.EnsureInitialized(ref _blockDelta, () => WordEndTable(_delta, _wordClasses));

    public int StateCount => _outputStart.Length - 1;

    /// <summary>True when no pattern holds <paramref name="c"/> (a normalised character): it only resets the scan.</summary>
    public bool IsUnused(char c) => _classes[c] <= WordClass;

    /// <summary>The class of characters in no pattern that are not word characters (they reset the scan to <see cref="Root"/>).</summary>
    private const ushort NonWordClass = 0;

    /// <summary>The class of word characters in no pattern.</summary>
    private const ushort WordClass = 1;

    /// <summary>The trie's root: a match may start at the next character (text start, or after a non-word character).</summary>
    private const int Root = 0;

    /// <summary>
    /// A pattern ending in a state: its id, its length in normalised characters, whether it is a prefix, and whether
    /// it holds a space (only then can its match in raw text hold a separator run longer than one character).
    /// </summary>
    internal readonly record struct Terminal(int PatternId, int Length, bool Prefix, bool Spaced);

    public static Result<AhoCorasick> Build(IReadOnlyList<(string Text, int PatternId, bool Prefix)> patterns)
    {
        var classes = new ushort[char.MaxValue + 1];
        ushort classCount = WordClass + 1;
        foreach (var (text, _, _) in patterns)
        {
            foreach (var c in text)
            {
                if (classes[c] == 0)
                {
                    classes[c] = classCount++;
                }
            }
        }

        // Characters in no pattern: word characters share one class, everything else the other. A surrogate
        // counts as a non-word character: whether it belongs to a word depends on its pair, so the automaton
        // lets a match start after it and the boundary check decides.
        var wordClasses = new bool[classCount];
        for (var i = 0; i <= char.MaxValue; i++)
        {
            var isWord = WordChars.IsBmpWord((char)i);
            if (classes[i] == 0)
            {
                classes[i] = isWord ? WordClass : NonWordClass;
            }
            else
            {
                wordClasses[classes[i]] = isWord;
            }
        }

        wordClasses[WordClass] = true;
        int stride = classCount;
        var trie = new TrieBuilder(stride);
        foreach (var (text, id, prefix) in patterns)
        {
            var state = 0;
            foreach (var c in text)
            {
                state = trie.ChildOrNew(state, classes[c]);
            }

            trie.AddTerminal(state, new Terminal(id, text.Length, prefix, text.Contains(' ', StringComparison.Ordinal)));
        }

        if ((long)(trie.Count + 1) * stride > MaxTableEntries)
        {
            return Result.Fail<AhoCorasick>(
                $"The pattern set is too large for one automaton ({trie.Count + 1:N0} states × {stride:N0} character classes); split it.");
        }

        return Result.Ok(Compile(classes, wordClasses, stride, trie));
    }

    private static AhoCorasick Compile(ushort[] classes, bool[] wordClasses, int stride, TrieBuilder trie)
    {
        // States: the trie's nodes (0 = Root) and one more, MidWord: inside a word that no pattern continues.
        var midWord = trie.Count;
        var count = trie.Count + 1;
        var delta = new int[count * stride];
        var fail = new int[count];
        var outputs = new List<Terminal>[count];
        var order = new List<int>(count) { Root, midWord };
        var afterSpace = new bool[count];
        var spaceClass = classes[' '];
        outputs[Root] = trie.Terminals(Root);
        outputs[midWord] = [];

        // Where a character that no state continues leads: after a word character no match may start (MidWord),
        // after anything else one may (Root).
        for (var cls = 0; cls < stride; cls++)
        {
            var restart = wordClasses[cls] ? midWord : Root;
            delta[(midWord * stride) + cls] = restart;
            delta[(Root * stride) + cls] = restart;
        }

        foreach (var (cls, child) in trie.Children(Root))
        {
            fail[child] = delta[(Root * stride) + cls];
            outputs[child] = trie.Terminals(child);
            delta[(Root * stride) + cls] = child;
            afterSpace[child] = spaceClass != 0 && cls == spaceClass;
            order.Add(child);
        }

        // Breadth first: a state's failure state (the longest proper suffix that starts after a non-word
        // character and is a pattern prefix, else Root or MidWord) is shallower, so its row and outputs are
        // complete already. A row starts as its failure state's row; the state's own children then replace
        // their entries (children in class order, so the numbering is the same as trying every class).
        for (var index = 2; index < order.Count; index++)
        {
            var state = order[index];
            var failRow = fail[state] * stride;
            delta.AsSpan(failRow, stride).CopyTo(delta.AsSpan(state * stride, stride));
            foreach (var (cls, child) in trie.Children(state))
            {
                fail[child] = delta[failRow + cls];
                var own = trie.Terminals(child);
                var inherited = outputs[fail[child]];
                outputs[child] = inherited.Count == 0 ? own : [.. own, .. inherited];
                delta[(state * stride) + cls] = child;
                afterSpace[child] = spaceClass != 0 && cls == spaceClass;
                order.Add(child);
            }
        }

        // Renumber states in breadth-first order: the shallow states, where a scan spends most of its time,
        // then share cache lines.
        var rank = new int[count];
        for (var i = 0; i < count; i++)
        {
            rank[order[i]] = i;
        }

        var outputStart = new int[count + 1];
        var flat = new List<Terminal>();
        for (var i = 0; i < count; i++)
        {
            outputStart[i] = flat.Count;
            flat.AddRange(outputs[order[i]]);
        }

        outputStart[count] = flat.Count;

        // Failure states in the new numbering (the UTF-8 block table shares rows along them); Root and MidWord have none.
        var failRanked = new int[count];
        for (var i = 0; i < count; i++)
        {
            failRanked[i] = i < 2 ? -1 : rank[fail[order[i]]];
        }

        // Encode as row offsets, complemented for states with outputs, so the scan loop needs no other lookup.
        var table = new int[delta.Length];
        for (var i = 0; i < count; i++)
        {
            var from = order[i] * stride;
            for (var cls = 0; cls < stride; cls++)
            {
                var target = rank[delta[from + cls]];
                table[(i * stride) + cls] = outputStart[target + 1] > outputStart[target] ? ~(target * stride) : target * stride;
            }

            // Normalised text never holds two spaces in a row, so a state entered by a space may loop on further
            // spaces: raw text's separator runs then need no collapsing in the scan (no pattern ends in a space,
            // so such a state has no outputs).
            if (afterSpace[order[i]])
            {
                table[(i * stride) + spaceClass] = i * stride;
            }
        }

        return new AhoCorasick(classes, wordClasses, stride, table, outputStart, [.. flat], failRanked);
    }

    /// <summary>
    /// Scans <paramref name="text"/> once and reports to <paramref name="sink"/> for every pattern occurrence that
    /// satisfies its word boundaries, with normalised start and length. Stops early when it returns false.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public void Scan<TSink>(ReadOnlySpan<char> text, ref TSink sink)
        where TSink : struct, IMatchSink, allows ref struct
    {
        // Every char value has a class and every row entry is a valid row offset, so reads need no bounds checks.
        ref var classes = ref MemoryMarshal.GetArrayDataReference(_classes);
        ref var delta = ref MemoryMarshal.GetArrayDataReference(_delta);
        var row = 0;
        for (var i = 0; i < text.Length; i++)
        {
            var next = Unsafe.Add(ref delta, row + Unsafe.Add(ref classes, text[i]));
            if (next < 0)
            {
                next = ~next;
                var view = new NormalizedChars(text);
                if (!Report(ref view, next / _stride, i, ref sink))
                {
                    return;
                }
            }

            row = next;
        }
    }

    /// <summary>
    /// Reports every pattern that occurs anywhere inside <paramref name="text"/> (normalised), as if every
    /// position were a word boundary: from each position in turn, the trie is followed from the root until no
    /// pattern continues, and each pattern ending on the way is reported. Meant for short texts read as a run
    /// of one-letter words (a word spelt out letter by letter); the cost is the text's length times the depth
    /// the trie follows from each position, never more than the length times the longest pattern.
    /// </summary>
    public void ScanInside<TSink>(ReadOnlySpan<char> text, ref TSink sink)
        where TSink : struct, IMatchSink, allows ref struct
    {
        for (var start = 0; start < text.Length; start++)
        {
            var row = Root;
            for (var i = start; i < text.Length; i++)
            {
                var next = _delta[row + _classes[text[i]]];
                var hasOutputs = next < 0;
                next = hasOutputs ? ~next : next;

                // From the root, a path of word characters either stays in the trie or falls to MidWord (numbered
                // 1) or, at a non-word character, to Root: then no pattern starts at this position any more.
                if (next is Root || next == _stride)
                {
                    break;
                }

                if (hasOutputs)
                {
                    var state = next / _stride;
                    for (var k = _outputStart[state]; k < _outputStart[state + 1]; k++)
                    {
                        if (_outputs[k].Length == i - start + 1 && !sink.Add(_outputs[k].PatternId, start, _outputs[k].Length))
                        {
                            return;
                        }
                    }
                }

                row = next;
            }
        }
    }

    /// <summary>
    /// The same scan straight over ASCII text, skipping normalisation: for ASCII, normalising is only folding
    /// A–Z (done here by the class map, via the folded character of each code unit) and collapsing separator
    /// runs (done by feeding one space per run). Matches come out in the text's own offsets.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public void ScanAscii<TSink>(ReadOnlySpan<char> text, uint[] entries, ref TSink sink)
        where TSink : struct, IMatchSink, allows ref struct
    {
        ref var classes = ref MemoryMarshal.GetArrayDataReference(_classes);
        ref var delta = ref MemoryMarshal.GetArrayDataReference(_delta);
        ref var table = ref MemoryMarshal.GetArrayDataReference(entries);
        var spaceClass = Unsafe.Add(ref classes, ' ');
        var row = 0;
        var inSpace = false;
        for (var i = 0; i < text.Length; i++)
        {
            var entry = Unsafe.Add(ref table, text[i]);
            int cls;
            if (entry <= char.MaxValue)
            {
                cls = Unsafe.Add(ref classes, (char)entry);
                inSpace = false;
            }
            else if (inSpace)
            {
                continue;
            }
            else
            {
                cls = spaceClass;
                inSpace = true;
            }

            var next = Unsafe.Add(ref delta, row + cls);
            if (next < 0)
            {
                next = ~next;
                var view = new RawChars(text, entries);
                if (!Report(ref view, next / _stride, i, ref sink))
                {
                    return;
                }
            }

            row = next;
        }
    }

    /// <summary>
    /// The class of every byte for <see cref="ScanBytes"/> under the normalisation <paramref name="entries"/>
    /// (<see cref="CharTable.Entries"/>), or null when some ASCII character neither folds to one character
    /// nor separates (then ASCII bytes cannot skip normalisation). Bytes above 0x7F are never scanned.
    /// </summary>
    public int[]? ByteClasses(uint[] entries)
    {
        var result = new int[256];
        for (var b = 0; b < 128; b++)
        {
            var entry = entries[b];
            var kind = (CharKind)(entry >> 16);
            if (kind == CharKind.Single)
            {
                result[b] = _classes[(char)entry];
            }
            else if (kind == CharKind.Space)
            {
                result[b] = _classes[' '];
            }
            else
            {
                return null;
            }
        }

        return result;
    }

    /// <summary>
    /// The scan straight over ASCII bytes (UTF-8 text that is all ASCII), one table read per byte: the byte
    /// classes fold case and map separators to the space class, and the states entered by a space loop on
    /// further spaces, so a separator run needs no branch. Matches come out in byte (= UTF-16) offsets.
    /// A text of some length is cut in two at a byte of class 0 (a non-word character in no pattern, after which the
    /// automaton is at its root whatever came before), and both halves are scanned in one loop: two
    /// independent chains of table reads keep the core busy while each waits for its read.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public void ScanBytes<TSink>(ReadOnlySpan<byte> text, int[] byteClasses, uint[] entries, ref TSink sink)
        where TSink : struct, IMatchSink, allows ref struct
    {
        ref var classes = ref MemoryMarshal.GetArrayDataReference(byteClasses);
        ref var delta = ref MemoryMarshal.GetArrayDataReference(_delta);
        ref var bytes = ref MemoryMarshal.GetReference(text);
        var split = SplitPoint(text, byteClasses);
        var i = 0;
        var rowA = 0;
        if (split > 0)
        {
            var rowB = 0;
            var pairs = Math.Min(split, text.Length - split);
            for (; i < pairs; i++)
            {
                var nextA = Unsafe.Add(ref delta, rowA + Unsafe.Add(ref classes, Unsafe.Add(ref bytes, i)));
                var nextB = Unsafe.Add(ref delta, rowB + Unsafe.Add(ref classes, Unsafe.Add(ref bytes, split + i)));
                if ((nextA | nextB) < 0)
                {
                    var view = new RawBytes(text, entries);
                    if ((nextA < 0 && !Report(ref view, (nextA = ~nextA) / _stride, i, ref sink))
                        || (nextB < 0 && !Report(ref view, (nextB = ~nextB) / _stride, split + i, ref sink)))
                    {
                        return;
                    }
                }

                rowA = nextA;
                rowB = nextB;
            }

            // The longer half goes on alone.
            if (split + i < text.Length)
            {
                rowA = rowB;
                i = split + i;
            }
            else if (i < split)
            {
                ScanRange(text, i, split, rowA, ref classes, entries, ref sink);
                return;
            }
            else
            {
                return;
            }
        }

        ScanRange(text, i, text.Length, rowA, ref classes, entries, ref sink);
    }

    /// <summary>How many independent chains of table reads <see cref="ScanBlock"/> runs in one loop.</summary>
    internal const int Chains = 4;

    /// <summary>
    /// Scans a block of ASCII-like bytes (see <see cref="ScanBytes"/>) as up to <see cref="Chains"/> parts run in one
    /// loop: part k runs from <paramref name="starts"/>[k] to the next start (the last to <paramref name="end"/>), each
    /// from the root, which is exact for matches inside a part when every start follows a non-word byte. Part k's
    /// matches go to <paramref name="outputs"/>[k] in order of their end, in block offsets; boundary checks see the
    /// whole block. Independent chains keep the core busy while each waits for its table read.
    /// </summary>
    public void ScanBlock(ReadOnlySpan<byte> block, ReadOnlySpan<int> starts, int end, int[] byteClasses, uint[] entries, List<PatternMatch>[] outputs)
    {
        var reports = new AsciiBlockReports(this, new RawBytes(block, entries));
        ScanChains(block, starts, end, byteClasses, BlockDelta, ref reports, outputs);
    }

    /// <summary>
    /// The chains' loop of the block scans, over any byte table whose marked entries <typeparamref name="TReports"/>
    /// turns into matches: the ASCII table (<see cref="BlockDelta"/>) or the UTF-8 one (<see cref="Utf8Block"/>).
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void ScanChains<TReports>(
        ReadOnlySpan<byte> block, ReadOnlySpan<int> starts, int end, int[] byteClasses, int[] table, ref TReports reports, List<PatternMatch>[] outputs)
        where TReports : struct, IBlockReports, allows ref struct
    {
        Span<int> from = stackalloc int[Chains];
        Span<int> to = stackalloc int[Chains];
        var steps = int.MaxValue;
        for (var k = 0; k < Chains; k++)
        {
            outputs[k].Clear();
            from[k] = k < starts.Length ? starts[k] : end;
            to[k] = k + 1 < starts.Length ? starts[k + 1] : end;
            steps = Math.Min(steps, to[k] - from[k]);
        }

        var sink0 = new PatternMatcher.RawListSink(outputs[0]);
        var sink1 = new PatternMatcher.RawListSink(outputs[1]);
        var sink2 = new PatternMatcher.RawListSink(outputs[2]);
        var sink3 = new PatternMatcher.RawListSink(outputs[3]);
        ref var classes = ref MemoryMarshal.GetArrayDataReference(byteClasses);
        ref var delta = ref MemoryMarshal.GetArrayDataReference(table);
        ref var bytes = ref MemoryMarshal.GetReference(block);
        nint at0 = from[0], at1 = from[1], at2 = from[2], at3 = from[3];
        var stop0 = at0 + steps;
        int row0 = 0, row1 = 0, row2 = 0, row3 = 0;
        while (at0 < stop0)
        {
            // The inner loop makes no calls, so its state can stay in registers; outputs are handled outside it.
            int next0, next1, next2, next3;
            while (true)
            {
                next0 = Unsafe.Add(ref delta, row0 + Unsafe.Add(ref classes, Unsafe.Add(ref bytes, at0)));
                next1 = Unsafe.Add(ref delta, row1 + Unsafe.Add(ref classes, Unsafe.Add(ref bytes, at1)));
                next2 = Unsafe.Add(ref delta, row2 + Unsafe.Add(ref classes, Unsafe.Add(ref bytes, at2)));
                next3 = Unsafe.Add(ref delta, row3 + Unsafe.Add(ref classes, Unsafe.Add(ref bytes, at3)));
                if ((next0 | next1 | next2 | next3) < 0)
                {
                    break;
                }

                row0 = next0;
                row1 = next1;
                row2 = next2;
                row3 = next3;
                at1++;
                at2++;
                at3++;
                if (++at0 == stop0)
                {
                    goto Rest;
                }
            }

            if (next0 < 0)
            {
                reports.Marked(row0, next0 = ~next0, (int)at0, ref sink0);
            }

            if (next1 < 0)
            {
                reports.Marked(row1, next1 = ~next1, (int)at1, ref sink1);
            }

            if (next2 < 0)
            {
                reports.Marked(row2, next2 = ~next2, (int)at2, ref sink2);
            }

            if (next3 < 0)
            {
                reports.Marked(row3, next3 = ~next3, (int)at3, ref sink3);
            }

            row0 = next0;
            row1 = next1;
            row2 = next2;
            row3 = next3;
            at0++;
            at1++;
            at2++;
            at3++;
        }

    Rest:
        // Each part's rest goes on alone.
        ScanChainRest(block, (int)at0, to[0], row0, ref classes, ref delta, ref reports, ref sink0);
        ScanChainRest(block, (int)at1, to[1], row1, ref classes, ref delta, ref reports, ref sink1);
        ScanChainRest(block, (int)at2, to[2], row2, ref classes, ref delta, ref reports, ref sink2);
        ScanChainRest(block, (int)at3, to[3], row3, ref classes, ref delta, ref reports, ref sink3);
    }

    /// <summary>Scans block bytes [<paramref name="from"/>, <paramref name="to"/>) from row <paramref name="row"/>, then reports what ends with the range.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void ScanChainRest<TReports>(
        ReadOnlySpan<byte> block, int from, int to, int row, ref int classes, ref int delta, ref TReports reports, ref PatternMatcher.RawListSink sink)
        where TReports : struct, IBlockReports, allows ref struct
    {
        ref var bytes = ref MemoryMarshal.GetReference(block);
        for (var i = from; i < to; i++)
        {
            var next = Unsafe.Add(ref delta, row + Unsafe.Add(ref classes, Unsafe.Add(ref bytes, i)));
            if (next < 0)
            {
                reports.Marked(row, next = ~next, i, ref sink);
            }

            row = next;
        }

        reports.End(row, to, ref sink);
    }

    /// <summary>What a block scan does at a marked entry of its table and where a chain's part ends.</summary>
    internal interface IBlockReports
    {
        /// <summary>The entry from row <paramref name="previousRow"/> on the byte at <paramref name="at"/> to <paramref name="nextRow"/> is marked.</summary>
        void Marked(int previousRow, int nextRow, int at, ref PatternMatcher.RawListSink sink);

        /// <summary>A chain's part ends before byte <paramref name="to"/> in row <paramref name="row"/>.</summary>
        void End(int row, int to, ref PatternMatcher.RawListSink sink);
    }

    /// <summary>The ASCII block table's marks (<see cref="BlockDelta"/>): whole words the previous state ends, prefixes the next one starts.</summary>
    private readonly ref struct AsciiBlockReports(AhoCorasick automaton, RawBytes view) : IBlockReports
    {
        private readonly RawBytes _view = view;

        public void Marked(int previousRow, int nextRow, int at, ref PatternMatcher.RawListSink sink)
        {
            var view = _view;
            var previous = previousRow / automaton._stride;
            if (automaton._wordEnds[previous] && !view.IsWordAt(at))
            {
                automaton.Report(ref view, previous, at - 1, ref sink, OutputKinds.Words);
            }

            var next = nextRow / automaton._stride;
            if (automaton._prefixes[next])
            {
                automaton.Report(ref view, next, at, ref sink, OutputKinds.Prefixes);
            }
        }

        public void End(int row, int to, ref PatternMatcher.RawListSink sink)
        {
            var view = _view;
            var state = row / automaton._stride;
            if (automaton._wordEnds[state])
            {
                automaton.Report(ref view, state, to - 1, ref sink, OutputKinds.Words);
            }
        }
    }

    /// <summary>Scans bytes [<paramref name="from"/>, <paramref name="to"/>) from row <paramref name="row"/>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private void ScanRange<TSink>(ReadOnlySpan<byte> text, int from, int to, int row, ref int classes, uint[] entries, ref TSink sink)
        where TSink : struct, IMatchSink, allows ref struct
    {
        ref var delta = ref MemoryMarshal.GetArrayDataReference(_delta);
        ref var bytes = ref MemoryMarshal.GetReference(text);
        for (var i = from; i < to; i++)
        {
            var next = Unsafe.Add(ref delta, row + Unsafe.Add(ref classes, Unsafe.Add(ref bytes, i)));
            if (next < 0)
            {
                next = ~next;
                var view = new RawBytes(text, entries);
                if (!Report(ref view, next / _stride, i, ref sink))
                {
                    return;
                }
            }

            row = next;
        }
    }

    /// <summary>Where the second half starts: just after a class-0 byte at or past the middle, or 0 (no cut) for short texts or none found.</summary>
    private static int SplitPoint(ReadOnlySpan<byte> text, int[] byteClasses)
    {
        if (text.Length < 32)
        {
            return 0;
        }

        for (var k = text.Length / 2; k < text.Length - 1; k++)
        {
            if (byteClasses[text[k]] == 0)
            {
                return k + 1;
            }
        }

        return 0;
    }

    /// <summary>Checks boundaries and reports the outputs of <paramref name="state"/>, reached at <paramref name="last"/>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private bool Report<TText, TSink>(scoped ref TText text, int state, int last, ref TSink sink, OutputKinds kinds = OutputKinds.All)
        where TText : struct, IScannedText, allows ref struct
        where TSink : struct, IMatchSink, allows ref struct
    {
        var end = last + 1;
        var rightIsWord = end < text.Length && text.IsWordAt(end);
        for (var k = _outputStart[state]; k < _outputStart[state + 1]; k++)
        {
            var terminal = _outputs[k];
            if ((rightIsWord && !terminal.Prefix) || (kinds & (terminal.Prefix ? OutputKinds.Prefixes : OutputKinds.Words)) == 0)
            {
                continue;
            }

            var start = terminal.Spaced ? RawStart(ref text, end, terminal.Length) : end - terminal.Length;
            if (start > 0 && text.IsWordAt(start - 1))
            {
                continue;
            }

            // A prefix match reports the whole word it starts, which is what a reader wants to see in context.
            var length = (terminal.Prefix && rightIsWord ? WordEnd(ref text, end) : end) - start;
            if (!sink.Add(terminal.PatternId, start, length))
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>Where a match of <paramref name="length"/> normalised characters ending at <paramref name="end"/> starts (in raw text a separator run is one character).</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static int RawStart<TText>(scoped ref TText text, int end, int length)
        where TText : struct, IScannedText, allows ref struct
    {
        var i = end;
        for (var remaining = length; remaining > 0; remaining--)
        {
            i--;
            if (text.IsRunSeparatorAt(i))
            {
                while (i > 0 && text.IsRunSeparatorAt(i - 1))
                {
                    i--;
                }
            }
        }

        return i;
    }

    internal static int WordEnd(ReadOnlySpan<char> text, int from)
    {
        var view = new NormalizedChars(text);
        return WordEnd(ref view, from);
    }

    private static int WordEnd<TText>(scoped ref TText text, int from)
        where TText : struct, IScannedText, allows ref struct
    {
        while (from < text.Length && text.IsWordAt(from))
        {
            from++;
        }

        return from;
    }

    /// <summary>The trie while patterns are added: children in one hash map keyed by state and class.</summary>
    private sealed class TrieBuilder(int stride)
    {
        private readonly Dictionary<long, int> _children = [];
        private readonly List<List<Terminal>> _terminals = [[]];
        private readonly List<List<(int Cls, int Child)>> _childLists = [[]];

        public int Count => _terminals.Count;

        /// <summary>A state's children, in class order.</summary>
        public List<(int Cls, int Child)> Children(int state)
        {
            var children = _childLists[state];
            children.Sort();
            return children;
        }

        public int ChildOrNew(int state, int cls)
        {
            var key = ((long)state * stride) + cls;
            if (!_children.TryGetValue(key, out var child))
            {
                child = _terminals.Count;
                _terminals.Add([]);
                _childLists.Add([]);
                _childLists[state].Add((cls, child));
                _children[key] = child;
            }

            return child;
        }

        public List<Terminal> Terminals(int state) => _terminals[state];

        /// <summary>The same text with the same id twice is one pattern; a prefix form covers the whole-word form.</summary>
        public void AddTerminal(int state, Terminal terminal)
        {
            var list = _terminals[state];
            var existing = list.FindIndex(t => t.PatternId == terminal.PatternId);
            if (existing < 0)
            {
                list.Add(terminal);
            }
            else if (terminal.Prefix)
            {
                list[existing] = terminal;
            }
        }
    }
}

/// <summary>Which outputs of a state to report: whole words, prefixes, or both.</summary>
[Flags]
internal enum OutputKinds
{
    Words = 1,
    Prefixes = 2,
    All = Words | Prefixes,
}
