using Waymark.Screening.Normalization;
using Waymark.Text;

namespace Waymark.Screening.Terms;

/// <summary>
/// The terms of a list compiled into one <see cref="PatternMatcher"/> over screening-normalised
/// text, with the allow-lists by language. Every normal form of a term (its leetspeak readings,
/// a phrase written together) is a pattern carrying the term's index.
/// </summary>
internal sealed class TermIndex
{
    private readonly PatternMatcher _matcher;
    private readonly TermEntry[] _terms;
    private readonly Dictionary<string, HashSet<string>> _allowed;
    private readonly ScreeningNormalizer _normalizer;
    private readonly System.Collections.Concurrent.ConcurrentBag<(MatchScratch Scratch, List<PatternMatch> Matches)> _scratches = [];

    private readonly SplitForms _splits;

    private TermIndex(PatternMatcher matcher, TermEntry[] terms, Dictionary<string, HashSet<string>> allowed, ScreeningNormalizer normalizer, SplitForms splits)
    {
        _matcher = matcher;
        _terms = terms;
        _allowed = allowed;
        _normalizer = normalizer;
        _splits = splits;
    }

    public int TermCount => _terms.Length;

    /// <summary>Patterns compiled into the automaton (every normal form of every term).</summary>
    internal int PatternCount => _matcher.PatternCount;

    /// <summary>The normaliser the terms were compiled with; queries go through the same one.</summary>
    public ScreeningNormalizer Normalizer => _normalizer;

    public static Result<TermIndex> Build(IEnumerable<TermEntry> entries, ScreeningNormalizer normalizer)
    {
        var terms = new List<TermEntry>();
        var patterns = new List<PatternDefinition>();
        var allowed = new Dictionary<string, HashSet<string>>(StringComparer.Ordinal);
        var splits = new SplitForms();
        foreach (var entry in entries)
        {
            var forms = normalizer.Normalize(entry.Term).Where(f => f.Length > 0).ToList();
            if (forms.Count == 0)
            {
                return Result.Fail<TermIndex>($"{entry.Source}: the term '{entry.Term}' has no letters or digits left after normalisation.");
            }

            if (entry.Mode == MatchMode.Allow)
            {
                if (!allowed.TryGetValue(entry.Language, out var set))
                {
                    allowed[entry.Language] = set = new HashSet<string>(StringComparer.Ordinal);
                }

                set.UnionWith(forms);
                continue;
            }

            var id = terms.Count;
            terms.Add(entry);
            foreach (var form in forms)
            {
                patterns.Add(new PatternDefinition(id, entry.Mode == MatchMode.Prefix ? form + "*" : form));
                if (entry.Mode == MatchMode.Phrase && form.Contains(' ', StringComparison.Ordinal))
                {
                    patterns.Add(new PatternDefinition(id, form.Replace(" ", "", StringComparison.Ordinal)));
                }
            }

            // Written with one space inside: looked up word pair by word pair, not compiled into the automaton
            // (a pattern per split position made it five times as large).
            if (entry.Mode is MatchMode.Token or MatchMode.Prefix)
            {
                foreach (var split in SplitFormsOf(entry.Term, normalizer))
                {
                    splits.Add(split, id, entry.Mode == MatchMode.Prefix);
                }
            }
        }

        return PatternMatcher.Create(patterns)
            .Then(matcher => Result.Ok(new TermIndex(matcher, [.. terms], allowed, normalizer, splits)));
    }

    /// <summary>Shortest word that is also found written with one space inside it.</summary>
    public const int MinSplitLength = 5;

    /// <summary>Fewest letters on each side of that space: one letter beside a word is too often a real word ("a", "i", "y").</summary>
    public const int MinSplitPiece = 2;

    /// <summary>
    /// A one-word term of letters written with one space inside it ("zorblat" → "zo rblat", …, "zorbl at"),
    /// with at least <see cref="MinSplitPiece"/> letters on each side, each side normalised on its own
    /// as a query's words are (so a repeat cut in two stays two letters: "trez zulon").
    /// </summary>
    internal static IEnumerable<string> SplitFormsOf(string term, ScreeningNormalizer normalizer)
    {
        term = term.Trim();
        if (term.Length < MinSplitLength || !term.All(char.IsLetter))
        {
            yield break;
        }

        for (var at = MinSplitPiece; at <= term.Length - MinSplitPiece; at++)
        {
            if (char.IsSurrogate(term[at]))
            {
                continue;
            }

            var left = normalizer.Normalize(term[..at])[0];
            var right = normalizer.Normalize(term[at..])[0];
            if (left.Length > 0 && right.Length > 0 && !left.Contains(' ', StringComparison.Ordinal) && !right.Contains(' ', StringComparison.Ordinal))
            {
                yield return left + " " + right;
            }
        }
    }

    /// <summary>The first term found in any normal form of <paramref name="query"/>, unless an allowed word covers it.</summary>
    public TermEntry? Find(string query, string language) => FindIn(_normalizer.Normalize(query), language);

    /// <summary>
    /// The first term found in <paramref name="candidates"/>, the normal forms of a query by this index's
    /// <see cref="Normalizer"/>: so that a second index with the same normaliser searches a query without
    /// normalising it again.
    /// </summary>
    public TermEntry? FindIn(IReadOnlyList<string> candidates, string language)
    {
        // Scratch buffers are reused across calls and threads: one per concurrent caller.
        if (!_scratches.TryTake(out var buffers))
        {
            buffers = (_matcher.CreateScratch(), new List<PatternMatch>());
        }

        try
        {
            foreach (var candidate in candidates)
            {
                // Most queries match nothing: the early-exit test first, positions only when needed.
                if (_matcher.IsMatch(candidate, buffers.Scratch))
                {
                    buffers.Matches.Clear();
                    _matcher.FindAll(candidate, buffers.Scratch, buffers.Matches);
                    foreach (var match in buffers.Matches)
                    {
                        if (!IsAllowed(candidate, match, language))
                        {
                            return _terms[match.PatternId];
                        }
                    }
                }

                var found = FindSplit(candidate, language);
                if (found is null && candidate.Contains('\t', StringComparison.Ordinal))
                {
                    found = FindInRuns(candidate, language, buffers);
                }

                if (found is not null)
                {
                    return found;
                }
            }

            return null;
        }
        finally
        {
            _scratches.Add(buffers);
        }
    }

    /// <summary>
    /// A term written with one space inside it: two neighbouring words of the candidate (separated by one
    /// space, so no letter of a spelt-out run) that together are one of the terms' split forms.
    /// </summary>
    private TermEntry? FindSplit(string candidate, string language)
    {
        if (_splits.IsEmpty)
        {
            return null;
        }

        var text = candidate.AsSpan();
        int previousStart = -1, previousEnd = -1, start = 0;
        for (var i = 0; i <= text.Length; i++)
        {
            if (i < text.Length && text[i] is not (' ' or '\t'))
            {
                continue;
            }

            if (i > start)
            {
                if (previousStart >= 0 && previousEnd == start - 1 && text[previousEnd] == ' ' && _splits.Find(text[previousStart..previousEnd], text[start..i]) is { } id
                    && !IsAllowed(candidate, new PatternMatch(id, previousStart, i - previousStart), language))
                {
                    return _terms[id];
                }

                previousStart = start;
                previousEnd = i;
            }

            start = i + 1;
        }

        return null;
    }

    /// <summary>
    /// A term spelt out letter by letter in a run of single letters ("a z o r b l a t 4 u"), which the
    /// normaliser writes one letter a word separated by tabs: found anywhere inside the run's letters,
    /// whatever single letters or digits stand beside it, when it has at least
    /// <see cref="ScreeningNormalizer.MinJoinedLetters"/> letters.
    /// </summary>
    private TermEntry? FindInRuns(string candidate, string language, (MatchScratch Scratch, List<PatternMatch> Matches) buffers)
    {
        foreach (var piece in candidate.Split(' '))
        {
            if (!piece.Contains('\t', StringComparison.Ordinal))
            {
                continue;
            }

            var letters = piece.Replace("\t", "", StringComparison.Ordinal);
            buffers.Matches.Clear();
            _matcher.FindInside(letters, buffers.Scratch, buffers.Matches);
            foreach (var match in buffers.Matches)
            {
                if (match.Length >= ScreeningNormalizer.MinJoinedLetters && !IsAllowedWords(letters, language))
                {
                    return _terms[match.PatternId];
                }
            }
        }

        return null;
    }

    private bool IsAllowed(string candidate, PatternMatch match, string language)
    {
        if (_allowed.Count == 0)
        {
            return false;
        }

        // The allowed words are compared with the whole words the match lies in.
        var start = match.Start;
        while (start > 0 && candidate[start - 1] != ' ')
        {
            start--;
        }

        var end = match.End;
        while (end < candidate.Length && candidate[end] != ' ')
        {
            end++;
        }

        // A run of single letters is one word, whichever letters of it the match covers.
        return IsAllowedWords(candidate[start..end].Replace("\t", "", StringComparison.Ordinal), language);
    }

    private bool IsAllowedWords(string words, string language)
    {
        return _allowed.Count > 0
            && ((_allowed.TryGetValue(language, out var forLanguage) && forLanguage.Contains(words))
            || (_allowed.TryGetValue("*", out var forAll) && forAll.Contains(words)));
    }

    /// <summary>
    /// The split forms of the terms ("zo rblat" for "zorblat"), by their first word: a pair of neighbouring
    /// words costs one look-up of the first word, which almost never holds.
    /// </summary>
    private sealed class SplitForms
    {
        private readonly Dictionary<string, List<(string Second, int Id, bool Prefix)>> _byFirst;
        private readonly Dictionary<string, List<(string Second, int Id, bool Prefix)>>.AlternateLookup<ReadOnlySpan<char>> _lookup;

        public SplitForms()
        {
            _byFirst = new(StringComparer.Ordinal);
            _lookup = _byFirst.GetAlternateLookup<ReadOnlySpan<char>>();
        }

        /// <summary>
        /// One bit per hash of the forms' shape (<see cref="Shape"/>): most pairs of words in a query have no
        /// split form's shape, and a bit costs less than a dictionary look-up.
        /// </summary>
        private readonly ulong[] _shapes = new ulong[1 << 14];

        public bool IsEmpty => _byFirst.Count == 0;

        /// <summary>A hash of the first word and the first letter of the second (all that a prefix form fixes).</summary>
        private static int Shape(ReadOnlySpan<char> first, char second) =>
            (int)((((uint)first.Length * 0x9E3779B1u) ^ ((uint)first[0] * 0x85EBCA77u) ^ ((uint)first[^1] * 0xC2B2AE3Du)
                ^ ((uint)first[first.Length / 2] * 0x27D4EB2Fu) ^ ((uint)second * 0x165667B1u)) >> 12);

        public void Add(string form, int id, bool prefix)
        {
            var space = form.IndexOf(' ', StringComparison.Ordinal);
            var shape = Shape(form.AsSpan(0, space), form[space + 1]);
            _shapes[shape >> 6] |= 1UL << (shape & 63);
            if (!_byFirst.TryGetValue(form[..space], out var seconds))
            {
                _byFirst[form[..space]] = seconds = [];
            }

            seconds.Add((form[(space + 1)..], id, prefix));
        }

        /// <summary>
        /// The term whose split form is the words <paramref name="first"/> and <paramref name="second"/>: equal
        /// to both, or for a prefix term equal to the first and the start of the second; null when none is.
        /// </summary>
        public int? Find(ReadOnlySpan<char> first, ReadOnlySpan<char> second)
        {
            if (first.IsEmpty || second.IsEmpty)
            {
                return null;
            }

            var shape = Shape(first, second[0]);
            if ((_shapes[shape >> 6] & (1UL << (shape & 63))) == 0 || !_lookup.TryGetValue(first, out var seconds))
            {
                return null;
            }

            foreach (var (form, id, prefix) in seconds)
            {
                if (prefix ? second.StartsWith(form, StringComparison.Ordinal) : second.SequenceEqual(form))
                {
                    return id;
                }
            }

            return null;
        }
    }
}
