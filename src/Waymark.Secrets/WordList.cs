using System.Collections.Frozen;
using System.Globalization;
using System.Reflection;
using System.Text;

namespace Waymark.Secrets;

/// <summary>
/// A list of words a recovery phrase is made of, read once from the assembly. The English list holds 4096 words
/// (12 bits each) of 4 or 5 lowercase letters a-z, derived from SCOWL; the lists in Spanish, French, Italian,
/// Japanese, Portuguese and Chinese (simplified and traditional) are the BIP-39 lists of 2048 words, less the words in
/// <c>bip39/excluded.tsv</c> (docs/adr/0031). A list's phrase length is the fewest words that give
/// <see cref="RecoveryPhrase.MinimumBits"/> bits.
/// </summary>
internal sealed class WordList
{
    internal const int Size = 4096;
    internal const int BitsPerWord = 12;

    /// <summary>The languages with a list of their own, besides English, in the order a typed phrase is tried.</summary>
    internal static readonly string[] Bip39Languages = ["es", "fr", "it", "pt", "ja", "zh-hans", "zh-hant"];

    private static readonly Lazy<WordList> Embedded = new(LoadEnglish);
    private static readonly Lazy<WordList[]> Every = new(() => [Embedded.Value, .. Bip39Languages.Select(LoadBip39)]);

    private readonly FrozenDictionary<string, string> _lookup;
    private readonly bool _foldsAccents;

    private WordList(string language, string[] words)
    {
        Language = language;
        Words = words;
        PhraseWords = (int)Math.Ceiling(RecoveryPhrase.MinimumBits / Math.Log2(words.Length));
        // Latin-script lists (Spanish, French) are read without their accents too, as BIP-39 intends: "abaco" is "ábaco".
        _foldsAccents = words.All(word => word.All(character => character < '\u0250'));
        var lookup = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var word in words)
        {
            if (!lookup.TryAdd(word, word))
            {
                throw new InvalidOperationException($"The {language} word list holds \"{word}\" twice.");
            }
        }

        if (_foldsAccents)
        {
            foreach (var word in words)
            {
                var folded = Fold(word);
                if (folded != word && !lookup.TryAdd(folded, word))
                {
                    throw new InvalidOperationException($"In the {language} word list, \"{word}\" without its accents is another word.");
                }
            }
        }

        _lookup = lookup.ToFrozenDictionary(StringComparer.Ordinal);
    }

    /// <summary>The English list of 4096 words.</summary>
    internal static WordList Instance => Embedded.Value;

    /// <summary>Every list: English first, then <see cref="Bip39Languages"/>.</summary>
    internal static IReadOnlyList<WordList> All => Every.Value;

    /// <summary>The site language code the list is in (<c>en</c>, <c>zh-hans</c>, …).</summary>
    internal string Language { get; }

    internal IReadOnlyList<string> Words { get; }

    /// <summary>How many words a phrase from this list has.</summary>
    internal int PhraseWords { get; }

    /// <summary>Entropy of one word, in bits.</summary>
    internal double BitsPerListWord => Math.Log2(Words.Count);

    /// <summary>The list for a site language: its own where there is one, otherwise English.</summary>
    internal static WordList For(string? language)
    {
        var code = language?.ToLowerInvariant();
        return All.FirstOrDefault(list => list.Language == code) ?? Instance;
    }

    internal bool Contains(string word) => _lookup.ContainsKey(word);

    /// <summary>The listed word a typed (NFKC, lowercase) word stands for, or null.</summary>
    internal string? Canonical(string typed) =>
        _lookup.TryGetValue(typed, out var word) ? word
        : _foldsAccents && _lookup.TryGetValue(Fold(typed), out word) ? word
        : null;

    private static string Fold(string word)
    {
        var decomposed = word.Normalize(NormalizationForm.FormD);
        var builder = new StringBuilder(decomposed.Length);
        foreach (var character in decomposed)
        {
            if (CharUnicodeInfo.GetUnicodeCategory(character) != UnicodeCategory.NonSpacingMark)
            {
                builder.Append(character);
            }
        }

        return builder.ToString().Normalize(NormalizationForm.FormC);
    }

    private static string ReadResource(string name)
    {
        using var stream = Assembly.GetExecutingAssembly().GetManifestResourceStream(name)
            ?? throw new InvalidOperationException($"The embedded word list {name} is missing from the assembly.");
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }

    private static WordList LoadEnglish()
    {
        var words = ReadResource("Waymark.Secrets.words.txt").Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        // A wrong count would silently change the entropy of every phrase: that is a build bug, not input.
        if (words.Length != Size || words.Distinct(StringComparer.Ordinal).Count() != Size)
        {
            throw new InvalidOperationException($"The embedded word list must hold {Size} distinct words, not {words.Length}.");
        }

        return new WordList("en", words);
    }

    private static WordList LoadBip39(string language)
    {
        // The files are BIP-39's bytes (Spanish and French in NFD, Japanese with combining marks): NFKC makes each word the
        // form a typed word takes after reading, so that the canonical phrase does not depend on how the list is stored.
        var excluded = ReadResource("Waymark.Secrets.bip39.excluded.tsv")
            .Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Where(line => !line.StartsWith('#'))
            .Select(line => line.Split('\t'))
            .Where(fields => fields.Length == 2 && fields[0] == language)
            .Select(fields => fields[1].Normalize(NormalizationForm.FormKC))
            .ToHashSet(StringComparer.Ordinal);
        var all = ReadResource($"Waymark.Secrets.bip39.{language}.txt")
            .Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Select(word => word.Normalize(NormalizationForm.FormKC))
            .ToArray();
        if (all.Length != 2048)
        {
            throw new InvalidOperationException($"The BIP-39 {language} list must hold 2048 words, not {all.Length}.");
        }

        var unknown = excluded.Where(word => !all.Contains(word, StringComparer.Ordinal)).ToList();
        if (unknown.Count > 0)
        {
            throw new InvalidOperationException($"bip39/excluded.tsv names {string.Join(", ", unknown)}, not in the {language} list.");
        }

        return new WordList(language, [.. all.Where(word => !excluded.Contains(word))]);
    }
}
