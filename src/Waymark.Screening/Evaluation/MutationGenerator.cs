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
        ["case", "spacing", "punctuation", "lookalikes", "leetspeak", "diacritics", "invisible", "repeats", "separators"];

    private static readonly string[] Contexts = ["{0}", "new {0}", "{0} 2025", "best {0} site", "where is {0}"];
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
    }

    /// <summary>A query holding <paramref name="term"/> obfuscated by <paramref name="mutationClass"/>; null where the class does not apply.</summary>
    public string? Mutate(string term, string mutationClass)
    {
        var words = term.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        string? mutated = mutationClass switch
        {
            "case" => RandomCase(term),
            "spacing" => string.Join("   ", words.Select(w => string.Join(_random.Next(2) == 0 ? " " : "  ", Letters(w)))),
            "punctuation" => JoinLetters(words, Pick(LetterSeparators)),
            "lookalikes" => Replace(term, 1 + _random.Next(3), c => _lookalikes.TryGetValue(c.ToString(), out var l) ? Pick(l) : null),
            "leetspeak" => Replace(term, 1 + _random.Next(3), c => Leet.TryGetValue(c, out var l) ? Pick(l) : null),
            "diacritics" => Replace(term, 1 + _random.Next(3), c => char.IsLetter(c) ? c + ((char)(0x300 + _random.Next(0x70))).ToString() : null),
            "invisible" => Insert(term, 1 + _random.Next(3), () => Pick(Invisibles)),
            "repeats" => Replace(term, 1 + _random.Next(2), c => char.IsLetter(c) ? new string(c, 2 + _random.Next(4)) : null),
            "separators" => words.Length > 1 ? string.Join(Pick(WordSeparators), words) : null,
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

        return string.Format(CultureInfo.InvariantCulture, Pick(Contexts), mutated);
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
