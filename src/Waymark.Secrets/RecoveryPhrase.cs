using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace Waymark.Secrets;

/// <summary>
/// Recovery phrases: random words from a fixed list (4096 English words, 12 bits a word, or a list in the reader's language,
/// docs/adr/0031), generated with a cryptographic random number generator, and the tolerant reading of a phrase a person
/// typed back.
/// A phrase is the only key to anonymous data, so it is never stored and never sent in a URL.
/// </summary>
public static class RecoveryPhrase
{
    /// <summary>The default length: 7 words, 84 bits.</summary>
    public const int DefaultWords = 7;

    /// <summary>Fewest words accepted by <see cref="Generate(int, RandomNumberGenerator)"/>.</summary>
    public const int MinimumWords = 4;

    /// <summary>Most words accepted by <see cref="Generate(int, RandomNumberGenerator)"/> and <see cref="Parse"/>.</summary>
    public const int MaximumWords = 24;

    /// <summary>Entropy a single word of the English list carries, in bits (log2 of the list size).</summary>
    public const int BitsPerWord = WordList.BitsPerWord;

    /// <summary>The entropy every self-help phrase has at least, whatever its language's list: 84 bits (7 English words).</summary>
    public const int MinimumBits = DefaultWords * BitsPerWord;

    // Anything longer cannot be a phrase of MaximumWords words; refusing early keeps hostile input cheap.
    private const int MaximumTypedLength = 1024;

    /// <summary>Entropy in bits of a phrase of <paramref name="words"/> words chosen uniformly.</summary>
    public static int EntropyBits(int words) => words * BitsPerWord;

    /// <summary>The fewest words that give at least <paramref name="bits"/> bits of entropy.</summary>
    public static int WordsForBits(int bits) => (Math.Max(bits, 0) + BitsPerWord - 1) / BitsPerWord;

    /// <summary>A new phrase of <paramref name="words"/> lowercase words separated by single spaces.</summary>
    public static string Generate(int words, RandomNumberGenerator random)
    {
        ArgumentNullException.ThrowIfNull(random);
        ArgumentOutOfRangeException.ThrowIfLessThan(words, MinimumWords);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(words, MaximumWords);

        var list = WordList.Instance.Words;
        Span<byte> pair = stackalloc byte[2];
        var chosen = new string[words];
        for (var i = 0; i < words; i++)
        {
            random.GetBytes(pair);
            // 4096 is a power of two, so masking 16 random bits down to 12 is uniform (no modulo bias).
            var position = ((pair[0] << 8) | pair[1]) & (WordList.Size - 1);
            chosen[i] = list[position];
        }

        return string.Join(' ', chosen);
    }

    /// <summary>A new phrase of <see cref="DefaultWords"/> words from the system's cryptographic generator.</summary>
    public static string Generate()
    {
        using var random = RandomNumberGenerator.Create();
        return Generate(DefaultWords, random);
    }

    /// <summary>
    /// A new self-help phrase in the list for <paramref name="language"/> (a site language code): its own list where it
    /// has one (docs/adr/0031), otherwise English; as many words as give <see cref="MinimumBits"/> bits.
    /// </summary>
    public static string Generate(string? language, RandomNumberGenerator random)
    {
        ArgumentNullException.ThrowIfNull(random);
        return Generate(WordList.For(language), random);
    }

    /// <summary>A new phrase from <paramref name="list"/>'s drawn words (never a retired one).</summary>
    internal static string Generate(WordList list, RandomNumberGenerator random)
    {
        var drawn = list.Drawn;
        var bits = (int)Math.Ceiling(Math.Log2(drawn.Count));
        var mask = (1 << bits) - 1;
        Span<byte> pair = stackalloc byte[2];
        var chosen = new string[list.PhraseWords];
        for (var i = 0; i < chosen.Length; i++)
        {
            int position;
            do
            {
                random.GetBytes(pair);
                // Masking to the list's bit width, then drawing again above its size: uniform, no modulo bias.
                position = ((pair[0] << 8) | pair[1]) & mask;
            }
            while (position >= drawn.Count);
            chosen[i] = drawn[position];
        }

        return string.Join(' ', chosen);
    }

    /// <summary>A new self-help phrase for <paramref name="language"/> from the system's cryptographic generator.</summary>
    public static string Generate(string? language)
    {
        using var random = RandomNumberGenerator.Create();
        return Generate(language, random);
    }

    /// <summary>The language of the words a phrase for <paramref name="language"/> is made of (<c>en</c> where it has no list of its own).</summary>
    public static string WordsLanguage(string? language) => WordList.For(language).Language;

    /// <summary>How many words a phrase for <paramref name="language"/> has.</summary>
    public static int WordsFor(string? language) => WordList.For(language).PhraseWords;

    /// <summary>The site languages whose phrases are made of their own words, in the order a typed phrase is tried.</summary>
    public static IReadOnlyList<string> ListLanguages => [.. WordList.All.Select(list => list.Language)];

    /// <summary>Every word list: where it comes from, whether a native reader has reviewed it, its size and phrase length.</summary>
    public static IReadOnlyList<WordListInfo> Lists =>
        [.. WordList.All.Select(list => new WordListInfo(list.Language, list.Source, list.Status, list.Words.Count, list.RetiredCount, list.PhraseWords, list.PhraseWords * list.BitsPerListWord))];

    /// <summary>
    /// Reads a typed self-help phrase in whichever list it is from, whatever the page's language: a phrase given on the
    /// Spanish pages opens the vault from the English ones, and an English phrase issued before there were other lists
    /// reads exactly as it did. The canonical phrase is the listed words joined by single spaces (Spanish and French
    /// words may be typed without accents; Chinese characters without spaces). <paramref name="readerLanguage"/> only
    /// decides which length a problem report expects when the words fit no list.
    /// </summary>
    public static PhraseReading ParseAnyList(string? typed, string? readerLanguage)
    {
        if (string.IsNullOrWhiteSpace(typed))
        {
            return PhraseReading.Fail(PhraseProblem.Empty);
        }

        var readerList = WordList.For(readerLanguage);
        if (typed.Length > MaximumTypedLength)
        {
            return PhraseReading.Fail(PhraseProblem.WrongWordCount, expectedWords: readerList.PhraseWords);
        }

        var words = SplitIdeographs(SplitWords(typed));
        var ofLength = ListIndex.OfLength(words.Count);

        // Exactly as shown first: a phrase typed as it was given reads in its own list (or in one that holds the very same
        // words, which gives the very same canonical string), however many lists would read it once folded.
        var exact = ofLength;
        foreach (var word in words)
        {
            exact &= ListIndex.Exact(word);
        }

        if (exact != 0)
        {
            return PhraseReading.Ok(string.Join(' ', words), words.Count, ListIndex.First(exact).PhraseWords);
        }

        var reading = new ulong[words.Count];
        var folded = ofLength;
        for (var i = 0; i < words.Count; i++)
        {
            reading[i] = ListIndex.Reading(words[i]);
            folded &= reading[i];
        }

        if (folded != 0)
        {
            var list = ListIndex.First(folded);
            return PhraseReading.Ok(string.Join(' ', words.Select(word => list.Canonical(word))), words.Count, list.PhraseWords);
        }

        // Report against the list most of the words come from (the reader's on a tie), never echoing a word.
        WordList? best = null;
        var bestKnown = -1;
        for (var i = 0; i < WordList.All.Count; i++)
        {
            var list = WordList.All[i];
            var known = reading.Count(mask => (mask & (1UL << i)) != 0);
            if (known > bestKnown || (known == bestKnown && list == readerList))
            {
                best = list;
                bestKnown = known;
            }
        }

        if (words.Count != best!.PhraseWords)
        {
            return PhraseReading.Fail(PhraseProblem.WrongWordCount, wordCount: words.Count, expectedWords: best.PhraseWords);
        }

        var position = words.FindIndex(word => best.Canonical(word) is null) + 1;
        return PhraseReading.Fail(PhraseProblem.UnknownWord, wordCount: words.Count, unknownWordPosition: position, expectedWords: best.PhraseWords);
    }

    /// <summary>
    /// Reads a typed phrase: case, surrounding and repeated spaces, line breaks, hyphens, dots, commas
    /// and full-width letters do not matter. Succeeds with the canonical form (lowercase words joined by
    /// single spaces) when every word is on the list and there are exactly <paramref name="expectedWords"/>.
    /// </summary>
    public static PhraseReading Parse(string? typed, int expectedWords = DefaultWords)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(expectedWords, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(expectedWords, MaximumWords);
        if (string.IsNullOrWhiteSpace(typed))
        {
            return PhraseReading.Fail(PhraseProblem.Empty);
        }

        if (typed.Length > MaximumTypedLength)
        {
            return PhraseReading.Fail(PhraseProblem.WrongWordCount, expectedWords: expectedWords);
        }

        var words = SplitWords(typed);
        if (words.Count != expectedWords)
        {
            return PhraseReading.Fail(PhraseProblem.WrongWordCount, wordCount: words.Count, expectedWords: expectedWords);
        }

        var list = WordList.Instance;
        for (var i = 0; i < words.Count; i++)
        {
            if (!list.Contains(words[i]))
            {
                return PhraseReading.Fail(PhraseProblem.UnknownWord, wordCount: words.Count, unknownWordPosition: i + 1, expectedWords: expectedWords);
            }
        }

        return PhraseReading.Ok(string.Join(' ', words), words.Count, expectedWords);
    }

    private static List<string> SplitWords(string typed)
    {
        // NFKC folds full-width and other compatibility forms to plain letters before lowercasing.
        // A lone surrogate (possible in a form post) cannot be normalised: it becomes U+FFFD, which no
        // listed word contains, so the phrase is reported as holding an unknown word.
        var wellFormed = ReplaceLoneSurrogates(typed);
        var folded = wellFormed.IsNormalized(NormalizationForm.FormKC) ? wellFormed : wellFormed.Normalize(NormalizationForm.FormKC);
        var words = new List<string>();
        var current = new StringBuilder();
        foreach (var character in folded)
        {
            if (IsJoiner(character))
            {
                // Zero-width (non-)joiners and soft hyphens shape a word (Persian, Indic scripts) or break a line: they are
                // not letters of it, and do not end it.
                continue;
            }

            if (IsSeparator(character))
            {
                Flush(current, words);
            }
            else
            {
                current.Append(char.ToLowerInvariant(character));
            }
        }

        Flush(current, words);
        return words;
    }

    // Chinese is written without spaces, and each word of the Chinese lists is one character: a run of ideographs is
    // read as that many words. No other list holds an ideograph, so this changes nothing for them.
    private static List<string> SplitIdeographs(List<string> words)
    {
        if (!words.Any(word => word.Length > 1 && word.All(IsIdeograph)))
        {
            return words;
        }

        return [.. words.SelectMany(word => word.Length > 1 && word.All(IsIdeograph) ? word.Select(character => character.ToString()) : [word])];
    }

    private static bool IsIdeograph(char character) => character is >= '\u4E00' and <= '\u9FFF' or >= '\u3400' and <= '\u4DBF';

    private static string ReplaceLoneSurrogates(string text)
    {
        if (!text.Any(char.IsSurrogate))
        {
            return text;
        }

        var builder = new StringBuilder(text.Length);
        foreach (var rune in text.EnumerateRunes())
        {
            builder.Append(rune.ToString());
        }

        return builder.ToString();
    }

    private static bool IsJoiner(char character) => character is '\u200C' or '\u200D' or '\u00AD';

    // Besides spaces, dashes and Latin punctuation: the Arabic comma and semicolon, the Urdu full stop, the Devanagari danda
    // and the ideographic comma and full stop, so that words separated as a person writes them in those scripts part.
    private static bool IsSeparator(char character) =>
        char.IsWhiteSpace(character)
        || char.GetUnicodeCategory(character) is UnicodeCategory.DashPunctuation or UnicodeCategory.Format
        || character is '.' or ',' or ';' or ':' or '_' or '/' or '·' or '•'
        || character is '\u060C' or '\u061B' or '\u06D4' or '\u0964' or '\u0965' or '\u3001' or '\u3002';

    private static void Flush(StringBuilder current, List<string> words)
    {
        if (current.Length > 0)
        {
            words.Add(current.ToString());
            current.Clear();
        }
    }
}
