using System.Reflection;
using System.Text;

namespace Waymark.Secrets;

/// <summary>
/// A list of words a recovery phrase is made of, read once from the assembly (docs/adr/0031). The English list holds 4096
/// words (12 bits each) of 4 or 5 lowercase letters a-z, derived from SCOWL; the lists in Spanish, French, Italian,
/// Japanese, Portuguese and Chinese are BIP-39's, in German, Dutch and Russian Monero's, each less the words its
/// <c>excluded.tsv</c> leaves out; the other languages have lists drafted by machine (<c>drafts/{lang}.tsv</c>) that
/// wait for a native reviewer. A word named in <c>retired.tsv</c> is still read but never drawn again, so that a list
/// can be corrected without making any issued phrase unreadable. A list's phrase length is the fewest words that give
/// <see cref="RecoveryPhrase.MinimumBits"/> bits over the words still drawn.
/// </summary>
internal sealed class WordList
{
    internal const int Size = 4096;
    internal const int BitsPerWord = 12;

    /// <summary>The languages with a list of their own, besides English, in the order a typed phrase is tried.</summary>
    internal static readonly string[] Bip39Languages = ["es", "fr", "it", "pt", "ja", "zh-hans", "zh-hant"];

    /// <summary>The languages whose list is Monero's (BSD-3-Clause), tried after the BIP-39 ones.</summary>
    internal static readonly string[] MoneroLanguages = ["de", "nl", "ru"];

    /// <summary>The languages whose list is a machine draft (<c>drafts/{lang}.tsv</c>), tried last.</summary>
    internal static readonly string[] DraftLanguages = ["ar", "bs", "el", "fa", "fi", "hi", "hr", "ne", "pl", "sr", "sv", "ta", "uk"];

    private static readonly Lazy<WordList> Embedded = new(LoadEnglish);
    private static readonly Lazy<WordList[]> Every = new(() =>
        [Embedded.Value, .. Bip39Languages.Select(LoadBip39), .. MoneroLanguages.Select(LoadMonero), .. DraftLanguages.Select(LoadDraft)]);

    private readonly HashSet<string> _words;
    private readonly Dictionary<string, string> _byFold;

    private WordList(string language, string[] words, WordListSource source, string status, IReadOnlySet<string> retired)
    {
        Language = language;
        Words = words;
        Source = source;
        Status = status;
        _words = new HashSet<string>(StringComparer.Ordinal);
        _byFold = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var word in words)
        {
            if (!_words.Add(word))
            {
                throw new InvalidOperationException($"The {language} word list holds \"{word}\" twice.");
            }
        }

        // A word is also read in its folded form (without accents, with the letter variants of another keyboard): that
        // form must stand for one word only, or a typed word would be read as a word its writer did not mean.
        foreach (var word in words)
        {
            var folded = PhraseFolding.Fold(word);
            if (!_byFold.TryAdd(folded, word) && _byFold[folded] != word)
            {
                throw new InvalidOperationException($"In the {language} word list, \"{word}\" and \"{_byFold[folded]}\" read alike once folded (\"{folded}\").");
            }
        }

        var unknown = retired.Where(word => !_words.Contains(word)).ToList();
        if (unknown.Count > 0)
        {
            throw new InvalidOperationException($"retired.tsv retires {string.Join(", ", unknown)}, not in the {language} list.");
        }

        Drawn = [.. words.Where(word => !retired.Contains(word))];
        RetiredCount = retired.Count;
        PhraseWords = (int)Math.Ceiling(RecoveryPhrase.MinimumBits / Math.Log2(Drawn.Count));
    }

    /// <summary>A list made in memory (tests): <paramref name="retired"/> words read but are never drawn.</summary>
    internal static WordList Create(string language, IEnumerable<string> words, IEnumerable<string> retired) =>
        new(language, [.. words.Select(Canonicalise)], WordListSource.MachineDraft, "machine-draft, needs native review", retired.Select(Canonicalise).ToHashSet(StringComparer.Ordinal));

    /// <summary>
    /// The retired words of <c>retired.tsv</c>'s text: one <c>language, tab, word, tab, why</c> a line (<c>#</c> starts a
    /// comment), each word as the canonical phrase spells it.
    /// </summary>
    internal static IReadOnlyList<(string Language, string Word)> ParseRetired(string text) =>
        [.. DataLines(text).Select(line => line.Split('\t')).Select(fields => fields.Length == 3 && fields[2].Trim().Length > 0
            ? (fields[0], Canonicalise(fields[1]))
            : throw new InvalidOperationException($"retired.tsv: \"{string.Join('\t', fields)}\" is not 'language, tab, word, tab, why'."))];

    private static HashSet<string> RetiredIn(string language) =>
        Retired.Value.Where(entry => entry.Language == language).Select(entry => entry.Word).ToHashSet(StringComparer.Ordinal);

    /// <summary>The English list of 4096 words.</summary>
    internal static WordList Instance => Embedded.Value;

    /// <summary>Every list: English first, then <see cref="Bip39Languages"/>, <see cref="MoneroLanguages"/> and <see cref="DraftLanguages"/>.</summary>
    internal static IReadOnlyList<WordList> All => Every.Value;

    /// <summary>The site language code the list is in (<c>en</c>, <c>zh-hans</c>, …).</summary>
    internal string Language { get; }

    /// <summary>Every word that reads, retired ones included, as the canonical phrase spells it (NFKC, lower case).</summary>
    internal IReadOnlyList<string> Words { get; }

    /// <summary>The words a new phrase is drawn from: <see cref="Words"/> less the retired ones.</summary>
    internal IReadOnlyList<string> Drawn { get; }

    internal int RetiredCount { get; }

    internal WordListSource Source { get; }

    /// <summary><c>published</c>, <c>machine-draft, needs native review</c> or <c>reviewed</c> (a draft's header says which).</summary>
    internal string Status { get; }

    /// <summary>How many words a phrase from this list has.</summary>
    internal int PhraseWords { get; }

    /// <summary>Entropy of one drawn word, in bits.</summary>
    internal double BitsPerListWord => Math.Log2(Drawn.Count);

    /// <summary>The list for a site language: its own where there is one, otherwise English.</summary>
    internal static WordList For(string? language)
    {
        var code = language?.ToLowerInvariant();
        return All.FirstOrDefault(list => list.Language == code) ?? Instance;
    }

    internal bool Contains(string word) => _words.Contains(word);

    /// <summary>The listed word a typed (NFKC, lowercase) word stands for, or null.</summary>
    internal string? Canonical(string typed) =>
        _words.Contains(typed) ? typed
        : _byFold.TryGetValue(PhraseFolding.Fold(typed), out var word) ? word
        : null;

    /// <summary>The folded forms this list reads, each with the word it stands for.</summary>
    internal IEnumerable<string> FoldedKeys => _byFold.Keys;

    private static readonly Lazy<IReadOnlyList<(string Language, string Word)>> Retired = new(() => ParseRetired(ReadResource("Waymark.Secrets.retired.tsv")));

    /// <summary>The form a listed word takes in the canonical phrase: NFKC, as typed words are read, and lower case.</summary>
    private static string Canonicalise(string word) => word.Normalize(NormalizationForm.FormKC).ToLowerInvariant();

    private static IEnumerable<string> DataLines(string text) =>
        text.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Where(line => !line.StartsWith('#'));

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

        return new WordList("en", words, WordListSource.Scowl, Published, RetiredIn("en"));
    }

    internal const string Published = "published";

    private static WordList LoadBip39(string language)
    {
        // The files are BIP-39's bytes (Spanish and French in NFD, Japanese with combining marks): NFKC makes each word the
        // form a typed word takes after reading, so that the canonical phrase does not depend on how the list is stored.
        var all = DataLines(ReadResource($"Waymark.Secrets.bip39.{language}.txt")).Select(Canonicalise).ToArray();
        return LoadPublished(language, "bip39", all, 2048, WordListSource.Bip39);
    }

    private static WordList LoadMonero(string language)
    {
        // Monero ships each list as a C++ header; the words are the quoted strings after "words[NWORDS] =".
        var header = ReadResource($"Waymark.Secrets.monero.{language}.h");
        var body = header[header.IndexOf("words[NWORDS]", StringComparison.Ordinal)..];
        var all = body.Split('\n').Select(line => line.Trim()).Where(line => line.StartsWith('"'))
            .Select(line => Canonicalise(line[1..line.IndexOf('"', 1)])).ToArray();
        return LoadPublished(language, "monero", all, 1626, WordListSource.Monero);
    }

    private static WordList LoadPublished(string language, string folder, string[] all, int size, WordListSource source)
    {
        if (all.Length != size)
        {
            throw new InvalidOperationException($"The {folder} {language} list must hold {size} words, not {all.Length}.");
        }

        var excluded = DataLines(ReadResource($"Waymark.Secrets.{folder}.excluded.tsv"))
            .Select(line => line.Split('\t'))
            .Where(fields => fields.Length == 2 && fields[0] == language)
            .Select(fields => Canonicalise(fields[1]))
            .ToHashSet(StringComparer.Ordinal);
        var unknown = excluded.Where(word => !all.Contains(word, StringComparer.Ordinal)).ToList();
        if (unknown.Count > 0)
        {
            throw new InvalidOperationException($"{folder}/excluded.tsv names {string.Join(", ", unknown)}, not in the {language} list.");
        }

        return new WordList(language, [.. all.Where(word => !excluded.Contains(word))], source, Published, RetiredIn(language));
    }

    private static WordList LoadDraft(string language)
    {
        // A draft: "# status: …" in its leading comments, then one word a line, a tab and the English word it translates.
        var text = ReadResource($"Waymark.Secrets.drafts.{language}.tsv");
        var status = text.Split('\n').TakeWhile(line => line.StartsWith('#'))
            .Select(line => line.TrimStart('#').Trim())
            .FirstOrDefault(line => line.StartsWith("status:", StringComparison.Ordinal))?["status:".Length..].Trim()
            ?? throw new InvalidOperationException($"drafts/{language}.tsv has no '# status:' line.");
        var words = DataLines(text).Select(line => Canonicalise(line.Split('\t')[0])).ToArray();
        return new WordList(language, words, WordListSource.MachineDraft, status, RetiredIn(language));
    }
}

/// <summary>Where a word list comes from.</summary>
public enum WordListSource
{
    /// <summary>Derived from SCOWL (Debian's wamerican) by <c>make-wordlist.py</c>: the English list.</summary>
    Scowl,

    /// <summary>BIP-39's published list (MIT licence).</summary>
    Bip39,

    /// <summary>Monero's published mnemonic list (BSD-3-Clause).</summary>
    Monero,

    /// <summary>Drafted by machine from the English list; waits for a native reviewer.</summary>
    MachineDraft,
}
