using System.Globalization;
using System.Text;
using Waymark.Screening.Normalization;

namespace Waymark.Screening.Evaluation;

/// <summary>
/// Writes a term the ways people hide it from a filter, one class of obfuscation at a time,
/// from a seeded generator. Look-alikes come from the TR39 data itself (every source whose
/// prototype is the letter), so the harness tests the pipeline against the standard, not against
/// a list written to suit it.
/// </summary>
internal sealed class MutationGenerator
{
    public static readonly string[] Classes =
    [
        "case", "spacing", "punctuation", "punctuation-inside", "one-space", "glued-digits", "one-letter-context",
        "lookalikes", "lookalikes-extra", "leetspeak", "diacritics", "invisible", "repeats", "separators",
        ReportIntentClass,
    ];

    /// <summary>
    /// The class of queries that ask how or where to report a term (written plainly or obfuscated by another class):
    /// they must get the reporting page, and the queries of every other class must not. Last, so that adding it
    /// changed no query of the classes before it.
    /// </summary>
    public const string ReportIntentClass = "report-intent";

    /// <summary>
    /// How people ask where to report, in several languages ({0} is the term). Written for the harness, apart from
    /// the report-intent list (content/screening/report-intent.tsv), in the wording a searcher would type.
    /// </summary>
    private static readonly string[] ReportTemplates =
    [
        "how to report {0}", "where do i report {0}", "report {0}", "{0} report", "how can i report {0} anonymously",
        "reporting {0} website", "who to report {0} to", "report {0} to police", "{0} hotline", "where to report {0} online",
        "wie melde ich {0}", "{0} melden", "{0} anzeigen", "wo kann ich {0} melden", "meldestelle {0}",
        "miten ilmoitan {0}", "ilmoita {0}", "{0} ilmoitus poliisille", "mihin ilmoittaa {0}",
        "comment signaler {0}", "où signaler {0}", "signalement {0}", "signaler un site {0}",
        "cómo denunciar {0}", "dónde denunciar {0}", "reportar {0}", "denuncia {0}",
        "كيف أبلغ عن {0}", "الإبلاغ عن {0}", "أين أبلغ عن {0}", "بلاغ {0}",
        "как сообщить о {0}", "куда сообщить о {0}", "пожаловаться на {0}", "жалоба {0}",
        "come segnalare {0}", "como denunciar {0}", "hoe {0} melden", "jak zgłosić {0}", "anmäla {0}",
        "як повідомити про {0}", "πώς να αναφέρω {0}", "kako prijaviti {0}", "како пријавити {0}",
    ];

    /// <summary>The obfuscations a term in a report-intent query is written with (or none).</summary>
    private static readonly string[] ReportTermClasses = ["case", "spacing", "punctuation-inside", "lookalikes", "leetspeak", "diacritics", "invisible", "repeats"];

    private static readonly string[] Contexts = ["{0}", "new {0}", "{0} 2025", "best {0} site", "where is {0}"];

    /// <summary>Contexts of one-letter words and digits, where a spelt-out term stands beside other single characters.</summary>
    private static readonly string[] OneLetterContexts = ["a {0}", "i want {0} 4 u", "{0} x", "{0} 2", "y {0} o", "1 {0}", "get a {0} 2 c", "{0} n"];

    /// <summary>Punctuation written inside a word (Ahmia deletes it before comparing).</summary>
    private static readonly string[] InsidePunctuation = ["-", "_", "'", "*", ".", "/", "\u2019", "~", "#", "^", ":"];
    private static readonly string[] LetterSeparators = [".", "-", "_", "/", ",", "\u00B7", "*"];
    private static readonly string[] WordSeparators = [" - ", "  ", ".", "_", " / ", "+", "", "\t", ", "];
    private static readonly string[] Invisibles = ["\u200B", "\u200C", "\u200D", "\u00AD", "\u200E", "\u202E", "\u2066", "\uFE0F", "\u2060", "\uFEFF"];
    private static readonly Dictionary<char, string[]> Leet = new()
    {
        ['a'] = ["4", "@"],
        ['e'] = ["3"],
        ['i'] = ["1", "!"],
        ['l'] = ["1", "|"],
        ['o'] = ["0"],
        ['s'] = ["5", "$"],
        ['t'] = ["7", "+"],
        ['b'] = ["8"],
        ['g'] = ["9", "6"],
        ['z'] = ["2"],
    };

    private readonly Random _random;
    private readonly Dictionary<string, List<string>> _lookalikes;
    private readonly Dictionary<string, List<string>> _extraLookalikes = new(StringComparer.Ordinal);

    public MutationGenerator(int seed, UnicodeData data)
    {
        _random = new Random(seed);
        _lookalikes = new Dictionary<string, List<string>>(StringComparer.Ordinal);
        foreach (var (source, prototype) in data.Confusables.OrderBy(p => p.Key))
        {
            var rune = new Rune(source);
            if (!Rune.IsLetter(rune) || prototype.Length != 1 || !char.IsLetter(prototype[0]))
            {
                continue;
            }

            var key = prototype.ToLowerInvariant();
            if (!_lookalikes.TryGetValue(key, out var list))
            {
                _lookalikes[key] = list = [];
            }

            list.Add(rune.ToString());
        }

        // Beyond TR39: the supplementary table's letters whose TR39 prototype (of the letter or of its
        // lower case) is not an ASCII letter, such as Cyrillic к м т н в and Greek κ τ.
        foreach (var (source, targets) in data.LookAlikes.OrderBy(p => p.Key))
        {
            // Letters of the scripts that render like Latin in common fonts (Cyrillic, Greek, Armenian) and
            // Latin small capitals, as written (no precomposed accents: the diacritics class covers those).
            var rune = new Rune(source);
            if (source is not ((>= 0x370 and <= 0x58F) or (>= 0x1D00 and <= 0x1D2B))
                || rune.ToString().Normalize(NormalizationForm.FormD) != rune.ToString()
                || IsAsciiPrototype(data, rune) || IsAsciiPrototype(data, Rune.ToLowerInvariant(rune)))
            {
                continue;
            }

            foreach (var target in targets)
            {
                if (!_extraLookalikes.TryGetValue(target, out var list))
                {
                    _extraLookalikes[target] = list = [];
                }

                list.Add(rune.ToString());
            }
        }
    }

    private static bool IsAsciiPrototype(UnicodeData data, Rune rune) =>
        data.Confusables.TryGetValue(rune.Value, out var prototype) && prototype.Length == 1 && char.IsAsciiLetter(prototype[0]);

    /// <summary>A query holding <paramref name="term"/> obfuscated by <paramref name="mutationClass"/>; null where the class does not apply.</summary>
    public string? Mutate(string term, string mutationClass)
    {
        if (mutationClass == ReportIntentClass)
        {
            // Half the queries with the term as written, half obfuscated by another class.
            var written = _random.Next(2) == 0 ? term : MutateTerm(term, Pick(ReportTermClasses)) ?? term;
            return string.Format(CultureInfo.InvariantCulture, Pick(ReportTemplates), written);
        }

        if (MutateTerm(term, mutationClass) is not { } mutated)
        {
            return null;
        }

        return string.Format(CultureInfo.InvariantCulture, Pick(mutationClass == "one-letter-context" ? OneLetterContexts : Contexts), mutated);
    }

    /// <summary><paramref name="term"/> obfuscated by <paramref name="mutationClass"/>, without a context; null where the class does not apply.</summary>
    private string? MutateTerm(string term, string mutationClass)
    {
        var words = term.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        string? mutated = mutationClass switch
        {
            "case" => RandomCase(term),
            "spacing" => string.Join("   ", words.Select(w => string.Join(_random.Next(2) == 0 ? " " : "  ", Letters(w)))),
            "punctuation" => JoinLetters(words, Pick(LetterSeparators)),
            "lookalikes" => Replace(term, 1 + _random.Next(3), c => _lookalikes.TryGetValue(c.ToString(), out var l) ? Pick(l) : null),
            "lookalikes-extra" => Replace(term, Math.Min(1 + _random.Next(3), term.Count(char.IsLetter) - 1), c => _extraLookalikes.TryGetValue(c.ToString(), out var l) ? Pick(l) : null),
            "leetspeak" => Replace(term, 1 + _random.Next(3), c => Leet.TryGetValue(c, out var l) ? Pick(l) : null),
            "diacritics" => Replace(term, 1 + _random.Next(3), c => char.IsLetter(c) ? c + ((char)(0x300 + _random.Next(0x70))).ToString() : null),
            "invisible" => Insert(term, 1 + _random.Next(3), () => Pick(Invisibles)),
            "repeats" => Replace(term, 1 + _random.Next(2), c => char.IsLetter(c) ? new string(c, 2 + _random.Next(4)) : null),
            "separators" => words.Length > 1 ? string.Join(Pick(WordSeparators), words) : null,
            "punctuation-inside" => InsideWord(term, 1 + _random.Next(2), () => Pick(InsidePunctuation)),
            "one-space" => OneSpace(term),
            "glued-digits" => GlueDigits(term),
            "one-letter-context" => string.Join("  ", words.Select(w => string.Join(_random.Next(2) == 0 ? " " : "  ", Letters(w)))),
            _ => throw new ArgumentOutOfRangeException(nameof(mutationClass), mutationClass, "unknown mutation class"),
        };

        if (mutated is null || mutated == term && mutationClass != "case")
        {
            return null;
        }

        if (mutationClass == "diacritics" && _random.Next(2) == 0)
        {
            mutated = mutated.Normalize(NormalizationForm.FormC);
        }

        return mutated;
    }

    /// <summary>Inserts up to <paramref name="count"/> strings between two letters of one word.</summary>
    private string? InsideWord(string term, int count, Func<string> insertion)
    {
        var positions = Enumerable.Range(1, Math.Max(0, term.Length - 1)).Where(i => char.IsLetter(term[i - 1]) && char.IsLetter(term[i])).ToList();
        if (positions.Count == 0)
        {
            return null;
        }

        var builder = new StringBuilder(term);
        foreach (var at in positions.OrderBy(_ => _random.Next()).Take(count).OrderByDescending(i => i))
        {
            builder.Insert(at, insertion());
        }

        return builder.ToString();
    }

    /// <summary>
    /// One space inside a one-word term of at least <see cref="Terms.TermIndex.MinSplitLength"/> letters,
    /// with at least <see cref="Terms.TermIndex.MinSplitPiece"/> letters on each side (null otherwise).
    /// </summary>
    private string? OneSpace(string term)
    {
        if (term.Contains(' ', StringComparison.Ordinal) || term.Length < Terms.TermIndex.MinSplitLength || !term.All(char.IsLetter))
        {
            return null;
        }

        var at = Terms.TermIndex.MinSplitPiece + _random.Next(term.Length - (2 * Terms.TermIndex.MinSplitPiece) + 1);
        return term[..at] + " " + term[at..];
    }

    /// <summary>One to four digits glued to the start or the end of the term ("zorblat2025", "18zorblat").</summary>
    private string GlueDigits(string term)
    {
        var digits = new string([.. Enumerable.Range(0, 1 + _random.Next(4)).Select(_ => (char)('0' + _random.Next(10)))]);
        return _random.Next(2) == 0 ? digits + term : term + digits;
    }

    private string RandomCase(string term)
    {
        var chars = term.Select(c => _random.Next(2) == 0 ? char.ToUpperInvariant(c) : c).ToArray();
        chars[0] = char.ToUpperInvariant(chars[0]);
        return new string(chars);
    }

    private static IEnumerable<string> Letters(string word) => word.EnumerateRunes().Select(r => r.ToString());

    private static string JoinLetters(string[] words, string separator) =>
        string.Join(separator + separator, words.Select(w => string.Join(separator, Letters(w))));

    /// <summary>Replaces up to <paramref name="count"/> characters that <paramref name="replacement"/> has something for.</summary>
    private string? Replace(string term, int count, Func<char, string?> replacement)
    {
        var positions = Enumerable.Range(0, term.Length).Where(i => replacement(term[i]) is not null).ToList();
        if (positions.Count == 0)
        {
            return null;
        }

        var chosen = positions.OrderBy(_ => _random.Next()).Take(count).ToHashSet();
        var builder = new StringBuilder();
        for (var i = 0; i < term.Length; i++)
        {
            builder.Append(chosen.Contains(i) ? replacement(term[i]) : term[i].ToString());
        }

        return builder.ToString();
    }

    private string Insert(string term, int count, Func<string> insertion)
    {
        var builder = new StringBuilder(term);
        for (var i = 0; i < count && term.Length > 1; i++)
        {
            builder.Insert(1 + _random.Next(builder.Length - 1), insertion());
        }

        return builder.ToString();
    }

    private T Pick<T>(IReadOnlyList<T> items) => items[_random.Next(items.Count)];
}
