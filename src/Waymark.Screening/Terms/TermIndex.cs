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

    private TermIndex(PatternMatcher matcher, TermEntry[] terms, Dictionary<string, HashSet<string>> allowed, ScreeningNormalizer normalizer)
    {
        _matcher = matcher;
        _terms = terms;
        _allowed = allowed;
        _normalizer = normalizer;
    }

    public int TermCount => _terms.Length;

    /// <summary>The normaliser the terms were compiled with; queries go through the same one.</summary>
    public ScreeningNormalizer Normalizer => _normalizer;

    public static Result<TermIndex> Build(IEnumerable<TermEntry> entries, ScreeningNormalizer normalizer)
    {
        var terms = new List<TermEntry>();
        var patterns = new List<PatternDefinition>();
        var allowed = new Dictionary<string, HashSet<string>>(StringComparer.Ordinal);
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

            if (entry.Mode is MatchMode.Token or MatchMode.Prefix)
            {
                patterns.AddRange(SplitForms(entry.Term, normalizer).Select(split => new PatternDefinition(id, entry.Mode == MatchMode.Prefix ? split + "*" : split)));
            }

            // Spelt out letter by letter: found in a run of single letters whatever stands beside it.
            patterns.AddRange(normalizer.LetterForms(entry.Term).Select(letters => new PatternDefinition(id, letters)));
        }

        return PatternMatcher.Create(patterns)
            .Then(matcher => Result.Ok(new TermIndex(matcher, [.. terms], allowed, normalizer)));
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
    internal static IEnumerable<string> SplitForms(string term, ScreeningNormalizer normalizer)
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
    public TermEntry? Find(string query, string language)
    {
        // Scratch buffers are reused across calls and threads: one per concurrent caller.
        if (!_scratches.TryTake(out var buffers))
        {
            buffers = (_matcher.CreateScratch(), new List<PatternMatch>());
        }

        try
        {
            foreach (var candidate in _normalizer.Normalize(query))
            {
                // Most queries match nothing: the early-exit test first, positions only when needed.
                if (!_matcher.IsMatch(candidate, buffers.Scratch))
                {
                    continue;
                }

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

            return null;
        }
        finally
        {
            _scratches.Add(buffers);
        }
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
        var words = candidate[start..end].Replace("\t", "", StringComparison.Ordinal);
        return (_allowed.TryGetValue(language, out var forLanguage) && forLanguage.Contains(words))
            || (_allowed.TryGetValue("*", out var forAll) && forAll.Contains(words));
    }
}
