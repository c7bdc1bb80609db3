using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace Waymark.Secrets;

/// <summary>
/// Recovery phrases: random words from a fixed list of 4096 (12 bits a word), generated with a
/// cryptographic random number generator, and the tolerant reading of a phrase a person typed back.
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

    /// <summary>Entropy a single word carries, in bits (log2 of the list size).</summary>
    public const int BitsPerWord = WordList.BitsPerWord;

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
            return PhraseReading.Fail(PhraseProblem.WrongWordCount);
        }

        var words = SplitWords(typed);
        if (words.Count != expectedWords)
        {
            return PhraseReading.Fail(PhraseProblem.WrongWordCount, wordCount: words.Count);
        }

        var list = WordList.Instance;
        for (var i = 0; i < words.Count; i++)
        {
            if (!list.Contains(words[i]))
            {
                return PhraseReading.Fail(PhraseProblem.UnknownWord, wordCount: words.Count, unknownWordPosition: i + 1);
            }
        }

        return PhraseReading.Ok(string.Join(' ', words), words.Count);
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

    private static bool IsSeparator(char character) =>
        char.IsWhiteSpace(character)
        || char.GetUnicodeCategory(character) is UnicodeCategory.DashPunctuation or UnicodeCategory.Format
        || character is '.' or ',' or ';' or ':' or '_' or '/' or '·' or '•';

    private static void Flush(StringBuilder current, List<string> words)
    {
        if (current.Length > 0)
        {
            words.Add(current.ToString());
            current.Clear();
        }
    }
}
