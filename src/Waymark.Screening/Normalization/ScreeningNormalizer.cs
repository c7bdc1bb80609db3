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

    /// <summary>
    /// The full pipeline, for any text (<see cref="Normalize"/> takes a fast path where it can). Every
    /// layout that applies is written out with every leetspeak reading: the words as read; digits glued
    /// to the edges of a word split off ("zorblat2025" → "zorblat 2025"); runs of single letters kept one
    /// letter a word, separated by tabs ("a z o r b" → "a\tz\to\tr\tb"), which the terms' letter-by-letter
    /// patterns find beside one-letter words and digits; and, when a piece between two spaces holds
    /// anything but letters and digits, the text read as Ahmia reads it, with those characters deleted
    /// ("zor-blat" → "zorblat").
    /// </summary>
    internal List<string> NormalizeGeneral(string text)
    {
        var candidates = new List<string>(2);
        AddCandidates(candidates, text, [Layout.Words, Layout.SplitDigits, Layout.SpacedRuns]);
        var joined = DeleteInsidePieces(text);
        if (joined.Length != text.Length)
        {
            AddCandidates(candidates, joined, [Layout.Words]);
        }

        return candidates;
    }

    private void AddCandidates(List<string> candidates, string text, Layout[] layouts)
    {
        var tokens = Tokenize(Compose(text));
        var hasRuns = MarkSingleLetterRuns(tokens);
        var canSplit = false;
        foreach (var token in tokens)
        {
            token.HasLetter &= !IsNumberWithSuffix(token);
            canSplit |= token.HasLetter && token.Run == 0 && HasEdgeDigits(token);
        }

        var combinations = 1L;
        var hasChoice = false;
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
                    hasChoice = true;
                    combinations = Math.Min(combinations * entry.Readings!.Length, MaxCandidates);
                }
            }
        }

        foreach (var layout in layouts)
        {
            if ((layout == Layout.SplitDigits && !canSplit) || (layout == Layout.SpacedRuns && !hasRuns))
            {
                continue;
            }

            for (var combination = -1L; combination < (hasChoice ? combinations : 0); combination++)
            {
                var candidate = Render(tokens, combination, layout);
                if (!candidates.Contains(candidate, StringComparer.Ordinal))
                {
                    candidates.Add(candidate);
                }
            }
        }
    }

    /// <summary>
    /// Ahmia's reading of a query (its <c>term_ascii</c>): in each piece between two spaces (U+0020),
    /// every character that is not a letter or digit (punctuation, symbols, marks, other white space,
    /// U+FFFD) is deleted. The same text when there is nothing to delete.
    /// </summary>
    internal static string DeleteInsidePieces(string text)
    {
        StringBuilder? builder = null;
        var i = 0;
        foreach (var rune in text.EnumerateRunes())
        {
            var keep = rune.Value == ' ' || PythonText.IsAlphaNumeric(rune);
            if (!keep && builder is null)
            {
                builder = new StringBuilder(text.Length).Append(text.AsSpan(0, i));
            }
            else if (keep)
            {
                builder?.Append(rune.ToString());
            }

            i += rune.Utf16SequenceLength;
        }

        return builder?.ToString() ?? text;
    }

    /// <summary>
    /// The forms of a term written one letter a word ("zorblat" → "z o r b l a t"), punctuation
    /// deleted, repeats written once: the patterns that find a term spelt out in a run of single
    /// letters, whatever single letters or digits stand beside it. Empty when the term has fewer
    /// than <see cref="MinJoinedLetters"/> letters.
    /// </summary>
    internal List<string> LetterForms(string term)
    {
        var tokens = Tokenize(Compose(term));
        var forms = new List<string>();
        if (tokens.Sum(t => t.Entries.Count) < MinJoinedLetters || !tokens.Exists(t => t.HasLetter))
        {
            return forms;
        }

        var combinations = 1L;
        foreach (var token in tokens)
        {
            // Spelt out, every character is a one-letter word of a run: digits and symbols read as letters too.
            token.HasLetter = true;
            foreach (var entry in token.Entries.Where(e => e.Kind == FoldKind.Choice))
            {
                combinations = Math.Min(combinations * entry.Readings!.Length, MaxCandidates);
            }
        }

        for (var combination = -1L; combination < combinations; combination++)
        {
            var form = Render(tokens, combination, Layout.Letters);
            if (form.Count(c => c == ' ') + 1 >= MinJoinedLetters && !forms.Contains(form, StringComparer.Ordinal))
            {
                forms.Add(form);
            }
        }

        return forms;
    }

    /// <summary>
    /// The fast path for the common query: ASCII letters and punctuation only, no character with
    /// two readings (digits, leet symbols, capital I), no run of single letters to join and no
    /// punctuation between two words without a space (those have a joined reading too). Gives
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
        var softBreak = false;
        var spaced = false;
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
                    // Punctuation between two words with no space: they are also read joined.
                    spaced |= c == ' ';
                    softBreak = !spaced && length > 0;
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
                    if (softBreak)
                    {
                        return null;
                    }

                    spaced = false;
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

    /// <summary>The words of composed text: letters, digits and look-alikes between breaks.</summary>
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

    /// <summary>
    /// Marks runs of at least <see cref="MinJoinedLetters"/> one-character words ("x y z") that hold a
    /// letter: they are written as one word, and their digits and symbols may be leetspeak.
    /// </summary>
    private static bool MarkSingleLetterRuns(List<Token> tokens)
    {
        var run = 0;
        for (var start = 0; start < tokens.Count; start++)
        {
            var end = start;
            while (end < tokens.Count && tokens[end].Entries.Count == 1)
            {
                end++;
            }

            if (end - start >= MinJoinedLetters && tokens.Skip(start).Take(end - start).Any(t => t.HasLetter))
            {
                run++;
                for (var i = start; i < end; i++)
                {
                    tokens[i].Run = run;
                    tokens[i].HasLetter = true;
                }
            }

            start = Math.Max(start, end);
        }

        return run > 0;
    }

    private static bool IsDigit(FoldEntry entry) => entry.Kind == FoldKind.Choice && char.IsAsciiDigit(entry.Literal[0]);

    /// <summary>True when a word with letters starts or ends with a digit ("zorblat2025", "18zorblat").</summary>
    private static bool HasEdgeDigits(Token token) => IsDigit(token.Entries[0]) || IsDigit(token.Entries[^1]);

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

    /// <summary>How the words are written out into a candidate.</summary>
    private enum Layout
    {
        /// <summary>Words as read; a run of single letters is one word.</summary>
        Words,

        /// <summary>Digits at the start or end of a word with letters written as a number of their own.</summary>
        SplitDigits,

        /// <summary>A run of single letters kept one letter a word, separated by tabs.</summary>
        SpacedRuns,

        /// <summary>Every character its own word (the letter-by-letter patterns of a term).</summary>
        Letters,
    }

    /// <summary>
    /// Writes the tokens in a <paramref name="layout"/> with one reading per choice:
    /// <paramref name="combination"/> −1 takes every character at face value; otherwise it is a
    /// mixed-radix index into the readings. Words are separated by one space; a letter repeated in a
    /// row is written once.
    /// </summary>
    private static string Render(List<Token> tokens, long combination, Layout layout)
    {
        var builder = new StringBuilder(32);
        var remaining = combination;
        string? previous = null;
        for (var t = 0; t < tokens.Count; t++)
        {
            var token = tokens[t];
            var inRun = t > 0 && token.Run != 0 && token.Run == tokens[t - 1].Run;
            var joined = inRun && layout != Layout.SpacedRuns && layout != Layout.Letters;
            var split = layout == Layout.SplitDigits && token.HasLetter && token.Run == 0;
            var lead = 0;
            var trail = token.Entries.Count;
            if (split)
            {
                while (lead < token.Entries.Count && IsDigit(token.Entries[lead]))
                {
                    lead++;
                }

                while (trail > lead && IsDigit(token.Entries[trail - 1]))
                {
                    trail--;
                }
            }

            if (!joined)
            {
                // Spelt-out letters keep the previous letter, so a repeat is written once there too.
                var spelt = layout == Layout.Letters || inRun;
                Append(builder, inRun ? "\t" : " ");
                previous = spelt ? previous : null;
            }

            for (var e = 0; e < token.Entries.Count; e++)
            {
                var entry = token.Entries[e];
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

                if (split && ((e == lead && lead > 0) || (e == trail && trail > lead)))
                {
                    Append(builder, " ");
                    previous = null;
                }

                if (split && (e < lead || e >= trail))
                {
                    reading = entry.Literal;
                }

                if (reading == " " && layout == Layout.Letters)
                {
                    continue; // spelt out, a symbol read as punctuation is no letter
                }

                if (layout == Layout.Letters && e > 0)
                {
                    if (reading == previous)
                    {
                        continue;
                    }

                    Append(builder, " ");
                }

                // A repeated letter is written once, even when it folds to several letters (m → rn).
                if (reading != previous || !char.IsLetter(reading[0]))
                {
                    Append(builder, reading);
                }

                previous = reading;
            }
        }

        var length = builder.Length;
        while (length > 0 && builder[length - 1] is ' ' or '\t')
        {
            length--;
        }

        return builder.ToString(0, length);
    }

    private static void Append(StringBuilder builder, string reading)
    {
        foreach (var c in reading)
        {
            if (builder.Length == 0 ? c is ' ' or '\t' : (builder[^1] is ' ' or '\t' && c is ' ' or '\t') || (builder[^1] == c && char.IsLetter(c)))
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

        /// <summary>The run of single letters this one-character word belongs to (0: none).</summary>
        public int Run { get; set; }
    }
}
