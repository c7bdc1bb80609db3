using System.Globalization;
using System.Text;

namespace Waymark.Text;

/// <summary>
/// The <c>stem:</c> and <c>fuzzy:</c> patterns of a matcher. They match whole words, so they are found by a pass
/// over the words of the normalised text rather than by the automaton: each distinct word is stemmed and compared
/// with the fuzzy patterns once per <see cref="MatchScratch"/> (the answer is kept), then looked up.
/// </summary>
internal sealed class WordPatterns
{
    /// <summary>Fuzzy patterns of this many letters or more allow one edit.</summary>
    public const int OneEditFrom = 6;

    /// <summary>Fuzzy patterns of this many letters or more allow two edits.</summary>
    public const int TwoEditsFrom = 10;

    // Words remembered per scratch before the memory is emptied (a corpus's vocabulary is usually far smaller).
    private const int MaxRemembered = 500_000;

    private readonly Dictionary<string, int[]> _stems;
    private readonly (int Id, int[] Word, int Limit)[] _fuzzy;

    private WordPatterns(string? language, Dictionary<string, int[]> stems, (int, int[], int)[] fuzzy)
    {
        Language = language;
        _stems = stems;
        _fuzzy = fuzzy;
    }

    public string? Language { get; }

    /// <summary>How many edits a fuzzy pattern allows, from its letters (code points that are not combining marks).</summary>
    public static int EditsAllowed(ReadOnlySpan<int> word)
    {
        var letters = 0;
        foreach (var c in word)
        {
            if (!IsMark(c))
            {
                letters++;
            }
        }

        return letters >= TwoEditsFrom ? 2 : letters >= OneEditFrom ? 1 : 0;
    }

    /// <summary>Collects the stem and fuzzy patterns; <paramref name="patterns"/> holds (id, kind, normalised body, original pattern).</summary>
    public static Result<WordPatterns?> Create(IReadOnlyList<(int Id, PatternKind Kind, string Body, string Pattern)> patterns, string? language)
    {
        if (patterns.Count == 0)
        {
            return Result.Ok<WordPatterns?>(null);
        }

        WordStemmer? stemmer = null;
        var stems = new Dictionary<string, List<int>>(StringComparer.Ordinal);
        var fuzzy = new List<(int, int[], int)>();
        foreach (var (id, kind, body, pattern) in patterns)
        {
            if (body.Length == 0 || !IsOneWord(body))
            {
                return Result.Fail<WordPatterns?>(
                    $"Pattern '{pattern}': stem: and fuzzy: patterns take one word (letters, marks, digits), not '{body}'.");
            }

            if (kind == PatternKind.Fuzzy)
            {
                var word = CodePoints(body);
                fuzzy.Add((id, word, EditsAllowed(word)));
                continue;
            }

            if (stemmer is null)
            {
                var created = WordStemmer.Create(language);
                if (!created.IsSuccess)
                {
                    return Result.Fail<WordPatterns?>($"Pattern '{pattern}': {created.Error}");
                }

                stemmer = created.Value!;
            }

            var stem = stemmer.Stem(body);
            if (!stems.TryGetValue(stem, out var ids))
            {
                stems[stem] = ids = [];
            }

            if (!ids.Contains(id))
            {
                ids.Add(id);
            }
        }

        return Result.Ok<WordPatterns?>(new WordPatterns(
            stemmer?.Language,
            stems.ToDictionary(p => p.Key, p => p.Value.ToArray(), StringComparer.Ordinal),
            [.. fuzzy]));
    }

    /// <summary>The memory of one thread's calls: its stemmer and the ids every word seen so far matches.</summary>
    public State CreateState() => new(Language is null ? null : WordStemmer.Create(Language).Value);

    public sealed class State(WordStemmer? stemmer)
    {
        public WordStemmer? Stemmer { get; } = stemmer;

        public Dictionary<string, int[]> Words { get; } = new(StringComparer.Ordinal);

        /// <summary>An ASCII word, lowercased, while it is looked up.</summary>
        public char[] Lowered { get; set; } = new char[64];
    }

    /// <summary>
    /// Appends a match for every word of <paramref name="view"/> that a stem or fuzzy pattern matches (in original
    /// offsets), unless <paramref name="existing"/> (sorted by start, length, id) already holds the same match.
    /// </summary>
    public void FindAll(NormalizedView view, State state, List<PatternMatch> results, ReadOnlySpan<PatternMatch> existing)
    {
        var text = view.Text;
        var words = state.Words.GetAlternateLookup<ReadOnlySpan<char>>();
        var i = 0;
        while (i < text.Length)
        {
            if (!WordChars.IsWordAt(text, i))
            {
                i++;
                continue;
            }

            var start = i;
            while (i < text.Length && WordChars.IsWordAt(text, i))
            {
                i++;
            }

            var word = text[start..i];
            if (!words.TryGetValue(word, out var ids))
            {
                ids = Remember(word, state);
            }

            if (ids.Length == 0)
            {
                continue;
            }

            var (originalStart, originalEnd) = view.ToOriginal(start, i - start);
            foreach (var id in ids)
            {
                var match = new PatternMatch(id, originalStart, originalEnd - originalStart);
                if (!Contains(existing, match))
                {
                    results.Add(match);
                }
            }
        }
    }

    /// <summary>
    /// The same over ASCII text (offsets are the same in bytes and UTF-16), without normalising it: in ASCII,
    /// normalisation only lowercases letters and words are runs of letters, digits and <c>_</c>.
    /// </summary>
    public void FindAllAscii(ReadOnlySpan<byte> ascii, State state, List<PatternMatch> results, ReadOnlySpan<PatternMatch> existing)
    {
        var words = state.Words.GetAlternateLookup<ReadOnlySpan<char>>();
        var i = 0;
        while (i < ascii.Length)
        {
            if (!IsAsciiWord(ascii[i]))
            {
                i++;
                continue;
            }

            var start = i;
            while (i < ascii.Length && IsAsciiWord(ascii[i]))
            {
                i++;
            }

            if (state.Lowered.Length < i - start)
            {
                state.Lowered = new char[(i - start) * 2];
            }

            var word = state.Lowered.AsSpan(0, i - start);
            Ascii.ToLower(ascii[start..i], word, out _);
            if (!words.TryGetValue(word, out var ids))
            {
                ids = Remember(word, state);
            }

            foreach (var id in ids)
            {
                var match = new PatternMatch(id, start, i - start);
                if (!Contains(existing, match))
                {
                    results.Add(match);
                }
            }
        }
    }

    private static bool IsAsciiWord(byte b) => (uint)((b | 0x20) - 'a') <= 'z' - 'a' || (uint)(b - '0') <= 9 || b == '_';

    private int[] Remember(ReadOnlySpan<char> word, State state)
    {
        var ids = Match(word, state);
        if (state.Words.Count >= MaxRemembered)
        {
            state.Words.Clear();
        }

        state.Words.GetAlternateLookup<ReadOnlySpan<char>>()[word] = ids;
        return ids;
    }

    /// <summary>The pattern ids one normalised word matches, each once, in ascending order.</summary>
    private int[] Match(ReadOnlySpan<char> word, State state)
    {
        List<int>? found = null;
        if (_stems.Count > 0 && _stems.TryGetValue(state.Stemmer!.Stem(word), out var stemIds))
        {
            found = [.. stemIds];
        }

        if (_fuzzy.Length > 0)
        {
            var points = CodePoints(word);
            foreach (var (id, pattern, limit) in _fuzzy)
            {
                if (EditDistance.Bounded(points, pattern, limit) <= limit)
                {
                    (found ??= []).Add(id);
                }
            }
        }

        if (found is null)
        {
            return [];
        }

        found.Sort();
        return [.. found.Distinct()];
    }

    private static bool Contains(ReadOnlySpan<PatternMatch> sorted, PatternMatch match)
    {
        var index = sorted.BinarySearch(new MatchOrder(match));
        return index >= 0;
    }

    private readonly struct MatchOrder(PatternMatch match) : IComparable<PatternMatch>
    {
        public int CompareTo(PatternMatch other) =>
            match.Start != other.Start ? match.Start.CompareTo(other.Start)
            : match.Length != other.Length ? match.Length.CompareTo(other.Length)
            : match.PatternId.CompareTo(other.PatternId);
    }

    private static bool IsOneWord(string body)
    {
        for (var i = 0; i < body.Length; i++)
        {
            if (!WordChars.IsWordAt(body, i))
            {
                return false;
            }
        }

        return true;
    }

    internal static int[] CodePoints(ReadOnlySpan<char> text)
    {
        var points = new List<int>(text.Length);
        foreach (var rune in text.EnumerateRunes())
        {
            points.Add(rune.Value);
        }

        return [.. points];
    }

    private static bool IsMark(int codePoint) => Rune.GetUnicodeCategory(new Rune(codePoint)) is
        UnicodeCategory.NonSpacingMark or UnicodeCategory.SpacingCombiningMark or UnicodeCategory.EnclosingMark;
}
