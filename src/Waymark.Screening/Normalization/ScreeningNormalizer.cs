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
        return TryNormalizeSimpleAscii(text) is { } simple ? [simple] : NormalizeGeneral(text);
    }

    /// <summary>The full pipeline, for any text (<see cref="Normalize"/> takes a fast path where it can).</summary>
    internal List<string> NormalizeGeneral(string text)
    {
        var tokens = Tokenize(Compose(text));
        JoinSingleLetters(tokens);
        foreach (var token in tokens)
        {
            token.HasLetter &= !IsNumberWithSuffix(token);
        }

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
                    combinations = Math.Min(combinations * entry.Readings!.Length, MaxCandidates);
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

    /// <summary>
    /// The fast path for the common query: ASCII letters and punctuation only, no character with
    /// two readings (digits, leet symbols, capital I) and no run of single letters to join. Gives
    /// exactly what the general path gives (a test compares them); null when it does not apply.
    /// </summary>
    internal string? TryNormalizeSimpleAscii(string text)
    {
        if (text.Length > 512)
        {
            return null;
        }

        Span<char> buffer = stackalloc char[text.Length * 2];
        var length = 0;
        var wordEntries = 0;
        var singleWords = 0;
        string? previous = null;
        foreach (var c in text)
        {
            if (c >= 128)
            {
                return null;
            }

            var entry = _table[c];
            switch (entry.Kind)
            {
                case FoldKind.Choice:
                    return null;
                case FoldKind.Drop:
                    continue;
                case FoldKind.Break:
                    if (wordEntries > 0)
                    {
                        singleWords = wordEntries == 1 ? singleWords + 1 : 0;
                        if (singleWords >= MinJoinedLetters)
                        {
                            return null;
                        }

                        if (length > 0 && buffer[length - 1] != ' ')
                        {
                            buffer[length++] = ' ';
                        }
                    }

                    wordEntries = 0;
                    previous = null;
                    continue;
                default:
                    wordEntries++;
                    if (!string.Equals(entry.Text, previous, StringComparison.Ordinal))
                    {
                        foreach (var letter in entry.Text)
                        {
                            if (length == 0 || buffer[length - 1] != letter || !char.IsLetter(letter))
                            {
                                buffer[length++] = letter;
                            }
                        }
                    }

                    previous = entry.Text;
                    continue;
            }
        }

        if (wordEntries == 1 && singleWords + 1 >= MinJoinedLetters)
        {
            return null;
        }

        if (length > 0 && buffer[length - 1] == ' ')
        {
            length--;
        }

        return new string(buffer[..length]);
    }

    private static string Compose(string text)
    {
        if (Ascii.IsValid(text))
        {
            return text;
        }

        var valid = text;
        if (HasLoneSurrogate(text))
        {
            // Lone surrogates cannot be normalised: replace them first.
            var cleaned = new StringBuilder(text.Length);
            foreach (var rune in EnumerateRunesLeniently(text))
            {
                cleaned.Append(rune.ToString());
            }

            valid = cleaned.ToString();
        }

        return ComposeCompatibility(valid);
    }

    /// <summary>
    /// NFKC, except for the spacing marks whose compatibility form starts with a space (Greek
    /// ypogegrammeni, spacing acute, ...): NFKC would cut a word in two where such a mark stands
    /// for a letter, so they are left to the confusable mapping.
    /// </summary>
    internal static string ComposeCompatibility(string text)
    {
        var start = 0;
        StringBuilder? builder = null;
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (c < 0xA0 || !SpacingMarks.Contains(c))
            {
                continue;
            }

            builder ??= new StringBuilder(text.Length);
            builder.Append(text.AsSpan(start, i - start).ToString().Normalize(NormalizationForm.FormKC)).Append(c);
            start = i + 1;
        }

        if (builder is null)
        {
            return text.Normalize(NormalizationForm.FormKC);
        }

        return builder.Append(text.AsSpan(start).ToString().Normalize(NormalizationForm.FormKC)).ToString();
    }

    /// <summary>The BMP characters whose NFKC form is a space followed by more (computed once; a few dozen).</summary>
    private static readonly HashSet<char> SpacingMarks = FindSpacingMarks();

    private static HashSet<char> FindSpacingMarks()
    {
        var marks = new HashSet<char>();
        for (var c = '\u00A0'; c < '\uD800'; c++)
        {
            if (!char.IsWhiteSpace(c) && c.ToString().Normalize(NormalizationForm.FormKC) is { Length: > 1 } compatible && compatible[0] == ' ')
            {
                marks.Add(c);
            }
        }

        return marks;
    }

    private static bool HasLoneSurrogate(string text)
    {
        for (var i = 0; i < text.Length; i++)
        {
            if (char.IsHighSurrogate(text[i]) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1]))
            {
                i++;
            }
            else if (char.IsSurrogate(text[i]))
            {
                return true;
            }
        }

        return false;
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
                    current.HasLetter |= entry.IsLetter;
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
    /// A correctly written ordinal or a decade ("11th", "3rd", "1990s") is a number, not
    /// leetspeak: its digits stay digits (otherwise "11th" would read as "ith"; "1th" still does).
    /// </summary>
    private static bool IsNumberWithSuffix(Token token)
    {
        var digits = 0;
        while (digits < token.Entries.Count && token.Entries[digits].Kind == FoldKind.Choice && char.IsAsciiDigit(token.Entries[digits].Literal[0]))
        {
            digits++;
        }

        if (digits == 0 || digits == token.Entries.Count)
        {
            return false;
        }

        var suffix = string.Concat(token.Entries.Skip(digits).Select(e => e.Kind == FoldKind.Text ? e.Text : e.Literal));
        var last = token.Entries[digits - 1].Literal[0];
        var teen = digits > 1 && token.Entries[digits - 2].Literal[0] == '1';
        var ordinal = teen ? "th" : last switch { '1' => "st", '2' => "nd", '3' => "rd", _ => "th" };
        return suffix == ordinal || (suffix == "s" && last == '0');
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
            Append(builder, " ");
            string? previous = null;
            foreach (var entry in token.Entries)
            {
                string reading;
                if (entry.Kind == FoldKind.Text)
                {
                    reading = entry.Text;
                }
                else if (combination < 0 || !token.HasLetter)
                {
                    reading = entry.Literal;
                }
                else
                {
                    var readings = entry.Readings!;
                    reading = readings[(int)(remaining % readings.Length)];
                    remaining /= readings.Length;
                }

                // A repeated letter is written once, even when it folds to several letters (m → rn).
                if (reading != previous || !char.IsLetter(reading[0]))
                {
                    Append(builder, reading);
                }

                previous = reading;
            }
        }

        if (builder.Length > 0 && builder[^1] == ' ')
        {
            builder.Length--;
        }

        return builder.ToString();
    }

    private static void Append(StringBuilder builder, string reading)
    {
        foreach (var c in reading)
        {
            if (builder.Length == 0 ? c == ' ' : builder[^1] == c && (c == ' ' || char.IsLetter(c)))
            {
                continue; // no leading space, no repeated letter (numbers keep their digits), no double space
            }

            builder.Append(c);
        }
    }

    private sealed class Token
    {
        public List<FoldEntry> Entries { get; } = new(8);

        public bool HasLetter { get; set; }
    }
}
