namespace Waymark.Text;

/// <summary>
/// The block scan over UTF-8 in any script (German, Russian, Arabic…): the character automaton composed with UTF-8
/// decoding into one automaton over bytes, so that <see cref="ScanChains"/> runs it in four chains as it runs ASCII,
/// one table read per byte, decoding nothing (as ripgrep's automata do for non-ASCII text). A multi-byte character
/// passes through intermediate states (after its lead byte, and after its second byte when it has three); its last
/// byte leads where the character automaton goes on the character's normalised characters (folded, expanded: Д and д,
/// ß → ss, ä → a + U+0308). Word boundaries and match starts are worked out only at marked entries, out of line.
/// </summary>
internal sealed partial class AhoCorasick
{
    /// <summary>
    /// The largest UTF-8 block table built (8 M entries, 32 MB): beyond it, building it costs more than the byte scan saves
    /// over the character-by-character scan on an 84 MB corpus (a 5,000-word Russian codebook: 10.3 M; docs/performance.md).
    /// </summary>
    internal const long MaxUtf8BlockEntries = 8L * 1024 * 1024;

    /// <summary>Continuation bytes (0x80–0xBF): the 64 values a multi-byte character's later bytes take.</summary>
    private const int Continuations = 64;

    /// <summary>The byte automaton and its classes; see <see cref="BuildUtf8Block"/>.</summary>
    internal sealed class Utf8Block
    {
        public required int[] ByteClasses { get; init; }

        /// <summary>Row offsets (state × <see cref="Stride"/>), complemented where the block scan must look (see <see cref="Utf8BlockReports"/>).</summary>
        public required int[] Delta { get; init; }

        public required int Stride { get; init; }

        /// <summary>
        /// The state entered at anything the table does not take (invalid UTF-8, a character outside the BMP or one the
        /// UTF-8 scan cannot take): its paragraph is matched on its own instead. Its row is the root's.
        /// </summary>
        public required int Escape { get; init; }

        /// <summary>For an intermediate state, the character automaton's state whose outcomes it holds.</summary>
        public required int[] Origin { get; init; }
    }

    /// <summary>
    /// What may follow a byte prefix of a multi-byte character (a lead byte, or a three-byte character's first two
    /// bytes): for each continuation byte, the <see cref="Utf8Map"/> entry of the character it completes (<see cref="Slow"/>
    /// for one the table does not take), or the node of the longer prefix. Equal nodes are one node.
    /// </summary>
    private sealed class PrefixNode(ulong[] outcomes, bool final)
    {
        public ulong[] Outcomes { get; } = outcomes;

        /// <summary>True when the outcomes are characters' entries, false when they are nodes.</summary>
        public bool Final { get; } = final;

        /// <summary>Some character under the prefix has a class a pattern holds: the outcome depends on the state.</summary>
        public bool Used { get; set; }

        /// <summary>Some character under the prefix may end a word (not a word character, or not taken).</summary>
        public bool MayEndWord { get; set; }

        /// <summary>The distinct characters under the prefix that hold a class some pattern holds, by their first class.</summary>
        public Dictionary<int, List<ulong>> ByFirstClass { get; } = [];

        /// <summary>The distinct longer prefixes under which some character holds a class some pattern holds.</summary>
        public List<int> UsedChildren { get; } = [];
    }

    /// <summary>
    /// Builds the byte automaton for the UTF-8 block scan from this character automaton, <paramref name="map"/>
    /// (<see cref="Utf8Map"/>) and the ASCII bytes' classes (<see cref="ByteClasses"/>), or null when it would exceed
    /// <see cref="MaxTableEntries"/>. States: the character automaton's (same numbers), <see cref="Utf8Block.Escape"/>,
    /// then intermediate states. An intermediate state after prefix P from state s is shared with s's failure state
    /// when s continues no pattern on any first character under P (then both go to the same states on every character
    /// under P), and all states share one per prefix that no pattern's character starts with: a Russian codebook's table
    /// has Cyrillic intermediate states for the states that continue on Cyrillic letters, and a handful for all else.
    /// </summary>
    public Utf8Block? BuildUtf8Block(ulong[] map, int[] asciiClasses)
    {
        var nodes = new List<PrefixNode>();
        var nodeIds = new Dictionary<ulong[], int>(new OutcomesComparer());
        var leadNodes = new int[256];
        Array.Fill(leadNodes, -1);
        var outcomes = new ulong[Continuations];
        var sub = new ulong[Continuations];
        for (var lead = 0xC2; lead <= 0xEF; lead++)
        {
            for (var x = 0; x < Continuations; x++)
            {
                if (lead < 0xE0)
                {
                    outcomes[x] = KeyOf(map, ((lead & 0x1F) << 6) | x);
                    continue;
                }

                for (var y = 0; y < Continuations; y++)
                {
                    var c = ((lead & 0x0F) << 12) | (x << 6) | y;
                    sub[y] = c < 0x800 ? Slow : KeyOf(map, c);
                }

                outcomes[x] = (ulong)NodeOf(nodes, nodeIds, sub, true);
            }

            leadNodes[lead] = NodeOf(nodes, nodeIds, outcomes, lead < 0xE0);
        }

        // Byte classes: the ASCII bytes' classes, then continuation bytes that every prefix treats alike, then one per lead
        // node, then one for bytes that never start a character the table takes (C0, C1, four-byte leads, F5–FF).
        var byteClasses = new int[256];
        var asciiClass = new Dictionary<int, int>();
        for (var b = 0; b < 0x80; b++)
        {
            byteClasses[b] = ClassOf(asciiClass, asciiClasses[b]);
        }

        var continuationClass = new Dictionary<ulong[], int>(new OutcomesComparer());
        var representatives = new List<int>();
        for (var x = 0; x < Continuations; x++)
        {
            var column = nodes.Select(node => node.Outcomes[x]).ToArray();
            if (!continuationClass.TryGetValue(column, out var cls))
            {
                cls = continuationClass[column] = representatives.Count;
                representatives.Add(x);
            }

            byteClasses[0x80 + x] = asciiClass.Count + cls;
        }

        var leadClass = new Dictionary<int, int>();
        var firstLead = asciiClass.Count + representatives.Count;
        for (var lead = 0xC2; lead <= 0xEF; lead++)
        {
            byteClasses[lead] = firstLead + ClassOf(leadClass, leadNodes[lead]);
        }

        var escapeClass = firstLead + leadClass.Count;
        foreach (var b in (int[])[0xC0, 0xC1, .. Enumerable.Range(0xF0, 16)])
        {
            byteClasses[b] = escapeClass;
        }

        var stride = escapeClass + 1;
        var (origins, intermediates) = IntermediateStates(nodes, leadClass.Keys, (int)Math.Min(int.MaxValue, MaxUtf8BlockEntries / stride));
        if (origins is null)
        {
            return null;
        }

        var states = StateCount + 1 + origins.Count;

        var escape = StateCount;
        var delta = new int[states * stride];
        void Set(int state, int cls, int target, bool marked) =>
            delta[(state * stride) + cls] = marked ? ~(target * stride) : target * stride;
        int Intermediate(int state, int node) => intermediates[node].Length == 1 ? intermediates[node][0] : intermediates[node][state];

        for (var state = 0; state < StateCount; state++)
        {
            for (var cls = asciiClass.Count; cls < stride; cls++)
            {
                Set(state, cls, escape, true);
            }

            foreach (var (charClass, cls) in asciiClass)
            {
                var target = Next(state, charClass);
                Set(state, cls, target, (_wordEnds[state] && !_wordClasses[charClass]) || _prefixes[target]);
            }

            foreach (var (node, cls) in leadClass)
            {
                Set(state, firstLead + cls, Intermediate(state, node), _wordEnds[state] && nodes[node].MayEndWord);
            }
        }

        Array.Copy(delta, Root * stride, delta, escape * stride, stride);
        var origin = new int[states];
        for (var i = 0; i < origins.Count; i++)
        {
            var (from, node) = origins[i];
            var state = escape + 1 + i;
            origin[state] = from;
            for (var cls = 0; cls < stride; cls++)
            {
                Set(state, cls, escape, true);
            }

            for (var cls = 0; cls < representatives.Count; cls++)
            {
                var outcome = nodes[node].Outcomes[representatives[cls]];
                if (!nodes[node].Final)
                {
                    Set(state, asciiClass.Count + cls, Intermediate(from, (int)outcome), false);
                }
                else if (outcome != Slow)
                {
                    var (target, prefixes) = Walk(from, outcome);
                    Set(state, asciiClass.Count + cls, target, prefixes);
                }
            }
        }

        return new Utf8Block { ByteClasses = byteClasses, Delta = delta, Stride = stride, Escape = escape, Origin = origin };
    }

    /// <summary>
    /// Scans a block of UTF-8 text in any script with <paramref name="table"/> (<see cref="BuildUtf8Block"/>) as
    /// <see cref="ScanBlock"/> scans ASCII: matches in block byte offsets, in order of their end, part k's to
    /// <paramref name="outputs"/>[k]; where the table escapes (see <see cref="Utf8Block.Escape"/>) or a part ends inside a
    /// character, a match with id -1 and length 0 marks the byte, and the caller matches that paragraph on its own.
    /// </summary>
    public void ScanBlockUtf8(ReadOnlySpan<byte> block, ReadOnlySpan<int> starts, int end, Utf8Block table, ulong[] map, List<PatternMatch>[] outputs)
    {
        var reports = new Utf8BlockReports(this, table, map, block);
        ScanChains(block, starts, end, table.ByteClasses, table.Delta, ref reports, outputs);
    }

    /// <summary>
    /// The UTF-8 table's marks: entering <see cref="Utf8Block.Escape"/>; from a character state, a byte that may end a
    /// word after whole-word outputs (checked here by decoding the character) or an ASCII byte entering prefix outputs;
    /// from an intermediate state, the last byte of a character on whose normalised characters prefix outputs are entered
    /// (found again by walking the character automaton from the intermediate state's origin).
    /// </summary>
    private readonly ref struct Utf8BlockReports(AhoCorasick automaton, Utf8Block table, ulong[] map, ReadOnlySpan<byte> block) : IBlockReports
    {
        private readonly ReadOnlySpan<byte> _block = block;

        public void Marked(int previousRow, int nextRow, int at, ref PatternMatcher.RawListSink sink)
        {
            var previous = previousRow / table.Stride;
            var next = nextRow / table.Stride;
            if (next == table.Escape)
            {
                sink.Add(-1, at, 0);
                return;
            }

            if (previous <= table.Escape)
            {
                // A character state (or Escape, whose row is Root's): an ASCII byte or a lead byte.
                if (previous < table.Escape && automaton._wordEnds[previous] && !IsWordUtf8(_block, at, map))
                {
                    automaton.ReportUtf8Block(_block, map, previous, at, at, 0, 0, ref sink);
                }

                if (next < table.Escape && automaton._prefixes[next])
                {
                    automaton.ReportUtf8Block(_block, map, next, at, at + 1, 0, 1, ref sink);
                }

                return;
            }

            if (next >= table.Escape)
            {
                return;
            }

            // The last byte of a character: walk its normalised characters again for the prefix outputs entered.
            var start = at;
            while ((_block[start] & 0xC0) == 0x80)
            {
                start--;
            }

            var entry = map[DecodeValid(_block, start)];
            var count = (int)(entry & CountMask);
            var state = table.Origin[previous];
            for (var k = 0; k < count; k++)
            {
                state = automaton.Next(state, (int)((entry >> (16 * (k + 1))) & 0xFFFF));
                if (automaton._prefixes[state])
                {
                    automaton.ReportUtf8Block(_block, map, state, start, at + 1, k, count, ref sink);
                }
            }
        }

        public void End(int row, int to, ref PatternMatcher.RawListSink sink)
        {
            var state = row / table.Stride;
            if (state > table.Escape)
            {
                sink.Add(-1, to, 0);
            }
            else if (state < table.Escape && automaton._wordEnds[state] && !IsWordUtf8(_block, to, map))
            {
                automaton.ReportUtf8Block(_block, map, state, to, to, 0, 0, ref sink);
            }
        }
    }

    /// <summary>
    /// Reports outputs of <paramref name="state"/> in block byte offsets. With <paramref name="count"/> 0: the whole words
    /// that end at byte <paramref name="end"/> (a non-word character follows). Otherwise: the prefixes entered on
    /// normalised character <paramref name="k"/> of <paramref name="count"/> of the character at bytes
    /// [<paramref name="at"/>, <paramref name="end"/>), each as the whole word it starts.
    /// </summary>
    private void ReportUtf8Block<TSink>(ReadOnlySpan<byte> block, ulong[] map, int state, int at, int end, int k, int count, ref TSink sink)
        where TSink : struct, IMatchSink, allows ref struct
    {
        var words = count == 0;
        var inside = k + 1 < count;
        var wordEnd = words ? end : inside || IsWordUtf8(block, end, map) ? WordEndUtf8(block, inside ? at : end, map) : end;
        for (var o = _outputStart[state]; o < _outputStart[state + 1]; o++)
        {
            var terminal = _outputs[o];
            if (terminal.Prefix == words)
            {
                continue;
            }

            var (start, _) = StartUtf8(block, map, at, words ? 0 : k + 1, terminal.Length);
            if (start < 0 || (start > 0 && IsWordBeforeUtf8(block, start, map)))
            {
                continue;
            }

            sink.Add(terminal.PatternId, start, wordEnd - start);
        }
    }

    /// <summary>The MidWord state's number (the second state, after Root).</summary>
    private const int MidWord = 1;

    /// <summary>
    /// The intermediate states, each (the state whose outcomes it holds, the prefix node), and for every node the
    /// intermediate state each state goes to under it (Intermediate[node][state]). Root has one for every node; any other
    /// state only where some character under the node takes it elsewhere than its failure state (MidWord's is Root):
    /// else it shares its failure state's. States are numbered breadth first, so a failure state comes first. No origins
    /// when there would be more than <paramref name="maxStates"/> states in all.
    /// </summary>
    private (List<(int From, int Node)>? Origins, int[][] Intermediate) IntermediateStates(List<PrefixNode> nodes, IEnumerable<int> leadNodes, int maxStates)
    {
        var all = new List<int>();
        var parents = new Dictionary<int, List<int>>();
        foreach (var lead in leadNodes)
        {
            all.Add(lead);
            if (!nodes[lead].Final)
            {
                all.AddRange(nodes[lead].Outcomes.Select(o => (int)o));
            }

            foreach (var child in nodes[lead].UsedChildren)
            {
                if (!parents.TryGetValue(child, out var list))
                {
                    list = parents[child] = [];
                }

                list.Add(lead);
            }
        }

        // Which final nodes hold characters whose first class is a given class: only a class on which a state and its
        // failure state go different ways can make the state need intermediate states of its own.
        var byFirstClass = new List<int>?[_stride];
        foreach (var node in all.Distinct())
        {
            foreach (var first in nodes[node].ByFirstClass.Keys)
            {
                (byFirstClass[first] ??= []).Add(node);
            }
        }

        var origins = new List<(int, int)>();
        var intermediate = new int[nodes.Count][];
        foreach (var node in all.Distinct())
        {
            var root = StateCount + 1 + origins.Count;
            origins.Add((Root, node));
            intermediate[node] = nodes[node].Used ? new int[StateCount] : [root];
            intermediate[node][Root] = root;
        }

        var used = all.Distinct().Where(node => nodes[node].Used).ToArray();
        var own = new HashSet<int>();
        for (var state = MidWord; state < StateCount; state++)
        {
            // Over the size limit: given up as soon as it is known, since finding the states is most of the cost.
            if (StateCount + 1 + origins.Count > maxStates)
            {
                return (null, intermediate);
            }

            var failure = state == MidWord ? Root : _fail[state];
            own.Clear();
            for (var cls = WordClass + 1; cls < _stride; cls++)
            {
                if (byFirstClass[cls] is null || Next(state, cls) == Next(failure, cls))
                {
                    continue;
                }

                foreach (var node in byFirstClass[cls]!)
                {
                    if (!own.Contains(node) && nodes[node].ByFirstClass[cls].Any(character => Walk(state, character) != Walk(failure, character)))
                    {
                        own.Add(node);
                        own.UnionWith(parents.GetValueOrDefault(node) ?? []);
                    }
                }
            }

            foreach (var node in used)
            {
                intermediate[node][state] = intermediate[node][failure];
            }

            foreach (var node in own)
            {
                intermediate[node][state] = StateCount + 1 + origins.Count;
                origins.Add((state, node));
            }
        }

        return (StateCount + 1 + origins.Count > maxStates ? null : origins, intermediate);
    }

    /// <summary>The character automaton's next state (not its row) from <paramref name="state"/> on class <paramref name="cls"/>.</summary>
    private int Next(int state, int cls)
    {
        var entry = _delta[(state * _stride) + cls];
        return (entry < 0 ? ~entry : entry) / _stride;
    }

    /// <summary>Where the character automaton goes from <paramref name="state"/> on a character's normalised characters, and whether it enters a state with prefix outputs on the way.</summary>
    private (int State, bool Prefixes) Walk(int state, ulong entry)
    {
        var prefixes = false;
        for (var k = 0; k < (int)(entry & CountMask); k++)
        {
            state = Next(state, (int)((entry >> (16 * (k + 1))) & 0xFFFF));
            prefixes |= _prefixes[state];
        }

        return (state, prefixes);
    }

    /// <summary>
    /// What the automaton sees of a character: its <see cref="Utf8Map"/> entry's count and classes (a class tells whether
    /// it is a word character), or <see cref="Slow"/> alone for any character the UTF-8 scans cannot take.
    /// </summary>
    private static ulong KeyOf(ulong[] map, int c) => (map[c] & Slow) != 0 ? Slow : map[c] & ~(Separator | Word);

    private int NodeOf(List<PrefixNode> nodes, Dictionary<ulong[], int> ids, ulong[] outcomes, bool final)
    {
        var key = new ulong[Continuations + 1];
        outcomes.CopyTo(key, 0);
        key[Continuations] = final ? 0UL : 1UL;
        if (ids.TryGetValue(key, out var id))
        {
            return id;
        }

        var node = new PrefixNode([.. outcomes], final);
        foreach (var outcome in outcomes)
        {
            if (!final)
            {
                var child = nodes[(int)outcome];
                node.MayEndWord |= child.MayEndWord;
                if (child.Used && !node.UsedChildren.Contains((int)outcome))
                {
                    node.Used = true;
                    node.UsedChildren.Add((int)outcome);
                }

                continue;
            }

            node.MayEndWord |= outcome == Slow || ((outcome & CountMask) == 1 && !_wordClasses[(int)((outcome >> 16) & 0xFFFF)]);
            var used = false;
            for (var k = 0; outcome != Slow && k < (int)(outcome & CountMask); k++)
            {
                used |= ((outcome >> (16 * (k + 1))) & 0xFFFF) > WordClass;
            }

            if (used)
            {
                node.Used = true;
                var first = (int)((outcome >> 16) & 0xFFFF);
                if (!node.ByFirstClass.TryGetValue(first, out var same))
                {
                    same = node.ByFirstClass[first] = [];
                }

                if (!same.Contains(outcome))
                {
                    same.Add(outcome);
                }
            }
        }

        ids[key] = nodes.Count;
        nodes.Add(node);
        return nodes.Count - 1;
    }

    private static int ClassOf(Dictionary<int, int> classes, int value)
    {
        if (!classes.TryGetValue(value, out var cls))
        {
            cls = classes[value] = classes.Count;
        }

        return cls;
    }

    private sealed class OutcomesComparer : IEqualityComparer<ulong[]>
    {
        public bool Equals(ulong[]? x, ulong[]? y) => x.AsSpan().SequenceEqual(y);

        public int GetHashCode(ulong[] obj)
        {
            var hash = default(HashCode);
            foreach (var value in obj)
            {
                hash.Add(value);
            }

            return hash.ToHashCode();
        }
    }
}
