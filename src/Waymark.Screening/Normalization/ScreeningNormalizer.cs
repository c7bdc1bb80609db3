using System.Text;

namespace Waymark.Screening.Normalization;

/// <summary>
/// The screening normalisation pipeline, the same for terms and queries: NFKC, then per code
/// point <see cref="FoldTable"/> (case, diacritics, invisibles, confusables), then single
/// letters separated by spaces or punctuation joined ("x y z", "x.y.z" → "xyz"), leetspeak
/// read in every combination up to <see cref="MaxCandidates"/>, and repeated letters collapsed.
/// The result is a list of candidate texts: words of letters and digits separated by single
/// spaces. The first candidate takes every character at face value.
/// </summary>
internal sealed class ScreeningNormalizer
{
    /// <summary>Most leetspeak readings tried for one text (besides the face-value one).</summary>
    public const int MaxCandidates = 16;

    /// <summary>Fewest single letters in a row that are joined into one word.</summary>
    public const int MinJoinedLetters = 3;

    private readonly FoldTable _table;

    public ScreeningNormalizer(FoldTable table) => _table = table;

    public static ScreeningNormalizer CreateDefault() => new(new FoldTable(UnicodeData.Load()));

    /// <summary>The candidate normal forms of <paramref name="text"/>, face value first, without duplicates.</summary>
    public IReadOnlyList<string> Normalize(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var tokens = Tokenize(Compose(text));
        JoinSingleLetters(tokens);

        var candidates = new List<string>(2) { Render(tokens, combination: -1) };
        var combinations = 1L;
        foreach (var token in tokens)
        {
            if (!token.HasLetter)
            {
                continue;
            }

            foreach (var entry in token.Entries)
            {
                if (entry.Kind == FoldKind.Choice)
                {
                    combinations = Math.Min(combinations * entry.Readings.Length, MaxCandidates);
                }
            }
        }

        if (tokens.Exists(t => t.HasLetter && t.Entries.Exists(e => e.Kind == FoldKind.Choice)))
        {
            for (var combination = 0; combination < combinations; combination++)
            {
                var candidate = Render(tokens, combination);
                if (!candidates.Contains(candidate, StringComparer.Ordinal))
                {
                    candidates.Add(candidate);
                }
            }
        }

        return candidates;
    }

    private static string Compose(string text)
    {
        if (Ascii.IsValid(text))
        {
            return text;
        }

        try
        {
            return text.Normalize(NormalizationForm.FormKC);
        }
        catch (ArgumentException)
        {
            // Lone surrogates cannot be normalised: replace them and try again.
            var cleaned = new StringBuilder(text.Length);
            foreach (var rune in EnumerateRunesLeniently(text))
            {
                cleaned.Append(rune.ToString());
            }

            return cleaned.ToString().Normalize(NormalizationForm.FormKC);
        }
    }

    private static IEnumerable<Rune> EnumerateRunesLeniently(string text)
    {
        for (var i = 0; i < text.Length;)
        {
            if (Rune.DecodeFromUtf16(text.AsSpan(i), out var rune, out var consumed) != System.Buffers.OperationStatus.Done)
            {
                rune = Rune.ReplacementChar;
            }

            yield return rune;
            i += Math.Max(consumed, 1);
        }
    }

    private List<Token> Tokenize(string text)
    {
        var tokens = new List<Token>();
        Token? current = null;
        for (var i = 0; i < text.Length; i++)
        {
            int codePoint = text[i];
            if (char.IsHighSurrogate(text[i]) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1]))
            {
                codePoint = char.ConvertToUtf32(text[i], text[i + 1]);
                i++;
            }

            var entry = _table[codePoint];
            switch (entry.Kind)
            {
                case FoldKind.Drop:
                    break;
                case FoldKind.Break:
                    current = null;
                    break;
                default:
                    if (current is null)
                    {
                        current = new Token();
                        tokens.Add(current);
                    }

                    current.Entries.Add(entry);
                    current.HasLetter |= entry.Kind == FoldKind.Text || (entry.Kind == FoldKind.Choice && char.IsAsciiLetter(entry.Literal));
                    break;
            }
        }

        return tokens;
    }

    /// <summary>Joins runs of one-character words ("x y z") into one word, when the run holds a letter.</summary>
    private static void JoinSingleLetters(List<Token> tokens)
    {
        for (var start = 0; start < tokens.Count; start++)
        {
            var end = start;
            while (end < tokens.Count && tokens[end].Entries.Count == 1)
            {
                end++;
            }

            if (end - start >= MinJoinedLetters && tokens.Skip(start).Take(end - start).Any(t => t.HasLetter))
            {
                var joined = new Token { HasLetter = true };
                for (var i = start; i < end; i++)
                {
                    joined.Entries.AddRange(tokens[i].Entries);
                }

                tokens.RemoveRange(start, end - start);
                tokens.Insert(start, joined);
            }
        }
    }

    /// <summary>
    /// Writes the tokens with one reading per choice: <paramref name="combination"/> −1 takes
    /// every character at face value; otherwise it is a mixed-radix index into the readings.
    /// Words are separated by one space; a letter repeated in a row is written once.
    /// </summary>
    private static string Render(List<Token> tokens, long combination)
    {
        var builder = new StringBuilder(32);
        var remaining = combination;
        foreach (var token in tokens)
        {
            Append(builder, ' ');
            foreach (var entry in token.Entries)
            {
                if (entry.Kind == FoldKind.Text)
                {
                    foreach (var c in entry.Text)
                    {
                        Append(builder, c);
                    }
                }
                else if (combination < 0 || !token.HasLetter)
                {
                    Append(builder, entry.Literal);
                }
                else
                {
                    var readings = entry.Readings;
                    Append(builder, readings[(int)(remaining % readings.Length)]);
                    remaining /= readings.Length;
                }
            }
        }

        if (builder.Length > 0 && builder[^1] == ' ')
        {
            builder.Length--;
        }

        return builder.ToString();
    }

    private static void Append(StringBuilder builder, char c)
    {
        if (builder.Length == 0 ? c == ' ' : builder[^1] == c && !char.IsSurrogate(c))
        {
            return; // no leading space, no repeated letter, no double space
        }

        builder.Append(c);
    }

    private sealed class Token
    {
        public List<FoldEntry> Entries { get; } = new(8);

        public bool HasLetter { get; set; }
    }
}
