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
public sealed class ScreeningNormalizer
{
    /// <summary>Most leetspeak readings tried for one text (besides the face-value one).</summary>
    public const int MaxCandidates = 16;

    /// <summary>Fewest single letters in a row that are joined into one word.</summary>
    public const int MinJoinedLetters = 3;

    private readonly FoldTable _table;

    internal ScreeningNormalizer(FoldTable table) => _table = table;

    /// <summary>The normaliser with the Unicode data shipped in this assembly (what every screener uses).</summary>
    public static ScreeningNormalizer CreateDefault() => new(new FoldTable(UnicodeData.Load()));

    /// <summary>The candidate normal forms of <paramref name="text"/>, face value first, without duplicates.</summary>
    public IReadOnlyList<string> Normalize(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        return (IReadOnlyList<string>?)TryNormalizeFast(text) ?? NormalizeGeneral(text);
    }

    /// <summary>
    /// The candidates of a common query without the full pipeline (<see cref="TryWriteSimpleAscii"/>): the
    /// face value, the readings of its capital I's, and when punctuation stands inside a word ("don't",
    /// "one-on-one"), Ahmia's reading of it the same way. Exactly what <see cref="NormalizeGeneral"/> gives
    /// (a test compares them); null when it does not apply.
    /// </summary>
    internal string[]? TryNormalizeFast(string text)
    {
        if (text.Length > 512)
        {
            return null;
        }

        Span<char> buffer = stackalloc char[text.Length * 2];
        if (!TryWriteSimpleAscii(text, -1, buffer, out var length, out var joinable, out var combinations))
        {
            return null;
        }

        var simple = new string(buffer[..length]);
        string? joined = null;
        if (joinable)
        {
            // Only letters, digits and spaces are left: the fast path applies to Ahmia's reading too (at face
            // value, as in the full pipeline), unless it makes a run of single letters or a word of letters and digits.
            if (!TryWriteSimpleAscii(DeleteInsidePieces(text), -1, buffer, out length, out _, out _))
            {
                return null;
            }

            joined = buffer[..length].SequenceEqual(simple) ? null : new string(buffer[..length]);
        }

        if (combinations == 0)
        {
            return joined is null ? [simple] : [simple, joined];
        }

        var candidates = new List<string>(4) { simple };
        for (var combination = 0L; combination < combinations; combination++)
        {
            TryWriteSimpleAscii(text, combination, buffer, out length, out _, out _);
            if (!Contains(candidates, buffer[..length]))
            {
                candidates.Add(new string(buffer[..length]));
            }
        }

        if (joined is not null && !Contains(candidates, joined))
        {
            candidates.Add(joined);
        }

        return [.. candidates];
    }

    /// <summary>
    /// The full pipeline, for any text (<see cref="Normalize"/> takes a fast path where it can). Every
    /// layout that applies is written out with every leetspeak reading: the words as read; digits glued
    /// to the edges of a word split off ("zorblat2025" → "zorblat 2025"); runs of single letters kept one
    /// letter a word, separated by tabs ("a z o r b" → "a\tz\to\tr\tb"), inside which the terms are
    /// looked for at every letter, so they are found beside one-letter words and digits; and, when a
    /// piece between two spaces holds anything but letters and digits that can change the words, the
    /// text read as Ahmia reads it, with those characters deleted ("zor-blat" → "zorblat").
    /// </summary>
    internal List<string> NormalizeGeneral(string text)
    {
        var candidates = new List<string>(2);
        AddCandidates(candidates, text, [Layout.Words, Layout.SplitDigits, Layout.SpacedRuns]);
        if (ReadsOtherwiseJoined(text))
        {
            // Ahmia compares the characters as written, so their face value finds all it finds.
            AddCandidates(candidates, DeleteInsidePieces(text), [Layout.Words], faceValueOnly: true);
        }

        return candidates;
    }

    private void AddCandidates(List<string> candidates, string text, Layout[] layouts, bool faceValueOnly = false)
    {
        var tokens = Tokenize(Compose(text, _table.ShapeLostInCompatibility));
        FoldLookAlikesInMixedWords(tokens);
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

        var writer = new CandidateWriter(stackalloc char[256]);
        foreach (var layout in layouts)
        {
            if ((layout == Layout.SplitDigits && !canSplit) || (layout == Layout.SpacedRuns && !hasRuns))
            {
                continue;
            }

            for (var combination = -1L; combination < (hasChoice && !faceValueOnly ? combinations : 0); combination++)
            {
                writer.Length = 0;
                Render(tokens, combination, layout, ref writer);
                if (!Contains(candidates, writer.Written))
                {
                    candidates.Add(writer.Written.ToString());
                }
            }
        }

        writer.Dispose();
    }

    /// <summary>
    /// True when Ahmia's reading (<see cref="DeleteInsidePieces"/>) can give other words than this
    /// normaliser's own reading: a deleted character stands between two letters or digits of one piece
    /// ("zor-blat"), or this normaliser reads a deleted character as a letter (a leetspeak symbol, a
    /// look-alike) wherever it stands. Punctuation at the edges of a piece ("hello, world?") and invisible
    /// characters change nothing, so most queries skip the second reading.
    /// </summary>
    internal bool ReadsOtherwiseJoined(string text)
    {
        var letterBefore = false;
        var deletedAfterLetter = false;
        foreach (var rune in text.EnumerateRunes())
        {
            if (rune.Value == ' ')
            {
                letterBefore = deletedAfterLetter = false;
            }
            else if (PythonText.IsAlphaNumeric(rune))
            {
                if (deletedAfterLetter)
                {
                    return true;
                }

                letterBefore = true;
            }
            else
            {
                var kind = _table[rune.Value].Kind;
                if (kind is FoldKind.Text or FoldKind.Choice)
                {
                    return true;
                }

                deletedAfterLetter |= letterBefore && kind == FoldKind.Break;
            }
        }

        return false;
    }

    private static bool Contains(List<string> candidates, ReadOnlySpan<char> candidate)
    {
        foreach (var existing in candidates)
        {
            if (candidate.SequenceEqual(existing))
            {
                return true;
            }
        }

        return false;
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
                builder?.Append(text.AsSpan(i, rune.Utf16SequenceLength));
            }

            i += rune.Utf16SequenceLength;
        }

        return builder?.ToString() ?? text;
    }

    /// <summary>
    /// The fast path for the common query: ASCII only; words of letters, where a letter with two readings
    /// (capital I: "i" by case, "l" by shape) is read as <paramref name="combination"/> says, or words of
    /// digits only (numbers are not leetspeak); no leetspeak symbol, no word mixing digits and letters and no
    /// run of single letters to join. Writes one candidate of the general path into <paramref name="buffer"/>
    /// (−1: the face value; otherwise the same mixed-radix index into the readings as
    /// <see cref="Render"/>); false when the fast path does not apply. <paramref name="joinable"/> tells
    /// whether punctuation stands between two words with no space, so that they have Ahmia's joined reading
    /// too; <paramref name="combinations"/> how many readings the general path writes besides the face value.
    /// </summary>
    private bool TryWriteSimpleAscii(string text, long combination, Span<char> buffer, out int length, out bool joinable, out long combinations)
    {
        length = 0;
        joinable = false;
        combinations = 0;
        var joins = false;
        var wordEntries = 0;
        var singleWords = 0;
        string? previous = null;
        var softBreak = false;
        var spaced = false;
        var wordLetters = false;
        var wordDigits = false;
        var remaining = combination;
        var product = 1L;
        foreach (var c in text)
        {
            if (c >= 128)
            {
                return false;
            }

            var entry = _table[c];
            string reading;
            switch (entry.Kind)
            {
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
                            return false;
                        }

                        if (length > 0 && buffer[length - 1] != ' ')
                        {
                            buffer[length++] = ' ';
                        }
                    }

                    wordEntries = 0;
                    wordLetters = wordDigits = false;
                    previous = null;
                    continue;
                case FoldKind.Choice when char.IsAsciiDigit(c):
                    if (wordLetters)
                    {
                        return false;
                    }

                    wordDigits = true;
                    reading = entry.Literal;
                    break;
                case FoldKind.Choice when entry.IsLetter && IsLetterChoice(entry):
                    if (wordDigits)
                    {
                        return false;
                    }

                    wordLetters = true;
                    product = Math.Min(product * entry.Readings!.Length, MaxCandidates);
                    combinations = product;
                    if (combination < 0)
                    {
                        reading = entry.Literal;
                    }
                    else
                    {
                        reading = entry.Readings![(int)(remaining % entry.Readings.Length)];
                        remaining /= entry.Readings.Length;
                    }

                    break;
                case FoldKind.Choice:
                    return false;
                default:
                    if (wordDigits)
                    {
                        return false;
                    }

                    wordLetters = true;
                    reading = entry.Text;
                    break;
            }

            joins |= softBreak;
            softBreak = false;
            spaced = false;
            wordEntries++;
            // A repeated letter is written once (m → rn too); digits keep their repeats.
            if (!string.Equals(reading, previous, StringComparison.Ordinal) || !char.IsLetter(reading[0]))
            {
                foreach (var letter in reading)
                {
                    if (length == 0 || buffer[length - 1] != letter || !char.IsLetter(letter))
                    {
                        buffer[length++] = letter;
                    }
                }
            }

            previous = reading;
        }

        if (wordEntries == 1 && singleWords + 1 >= MinJoinedLetters)
        {
            return false;
        }

        if (length > 0 && buffer[length - 1] == ' ')
        {
            length--;
        }

        joinable = joins;
        return true;
    }

    /// <summary>A letter whose readings are all ASCII letters (capital I), which the fast path can write.</summary>
    private static bool IsLetterChoice(FoldEntry entry)
    {
        foreach (var reading in entry.Readings!)
        {
            if (reading.Length is 0 or > 2)
            {
                return false;
            }

            foreach (var c in reading)
            {
                if (!char.IsAsciiLetterLower(c))
                {
                    return false;
                }
            }
        }

        return true;
    }

    private static string Compose(string text, IReadOnlySet<int> keep)
    {
        if (Ascii.IsValid(text))
        {
            return text;
        }

        var valid = text;
        if (HasLoneSurrogate(text) || text.Contains('\uFFFE', StringComparison.Ordinal))
        {
            // Lone surrogates and U+FFFE cannot be normalised (the runtime throws): replace them first, as invalid bytes are.
            var cleaned = new StringBuilder(text.Length);
            foreach (var rune in EnumerateRunesLeniently(text))
            {
                cleaned.Append((rune.Value == 0xFFFE ? Rune.ReplacementChar : rune).ToString());
            }

            valid = cleaned.ToString();
        }

        return ComposeCompatibility(valid, keep);
    }

    /// <summary>
    /// NFKC, except for the spacing marks whose compatibility form starts with a space (Greek
    /// ypogegrammeni, spacing acute, ...): NFKC would cut a word in two where such a mark stands
    /// for a letter, so they are left to the confusable mapping; and except for the code points in
    /// <paramref name="keep"/>, which the fold table reads one at a time (their NFKC form among them).
    /// </summary>
    internal static string ComposeCompatibility(string text, IReadOnlySet<int>? keep = null)
    {
        var start = 0;
        StringBuilder? builder = null;
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (c < 0xA0)
            {
                continue;
            }

            var width = char.IsHighSurrogate(c) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1]) ? 2 : 1;
            if (!SpacingMarks.Contains(c) && !(keep is not null && keep.Contains(width == 2 ? char.ConvertToUtf32(c, text[i + 1]) : c)))
            {
                i += width - 1;
                continue;
            }

            builder ??= new StringBuilder(text.Length);
            builder.Append(text.AsSpan(start, i - start).ToString().Normalize(NormalizationForm.FormKC)).Append(text.AsSpan(i, width));
            start = i + width;
            i += width - 1;
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
    /// In a word that holds a Latin letter, letters of other scripts that render like Latin letters but
    /// have no ASCII prototype in TR39 (Cyrillic к, м, т; Greek κ, τ; small capitals…) are read as the
    /// letters they look like (several: each is a reading). A word without a Latin letter (real Russian,
    /// Greek or Armenian text) is left as it is.
    /// </summary>
    private static void FoldLookAlikesInMixedWords(List<Token> tokens)
    {
        foreach (var token in tokens)
        {
            if (!token.Entries.Exists(e => e.LookAlike is not null) || !token.Entries.Exists(e => e.Latin))
            {
                continue;
            }

            for (var i = 0; i < token.Entries.Count; i++)
            {
                if (token.Entries[i].LookAlike is { } readings)
                {
                    token.Entries[i] = readings.Length == 1
                        ? new FoldEntry(FoldKind.Text, readings[0])
                        : new FoldEntry(FoldKind.Choice, "", readings[0], readings);
                }
            }
        }
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
    }

    /// <summary>
    /// Writes the tokens in a <paramref name="layout"/> with one reading per choice:
    /// <paramref name="combination"/> −1 takes every character at face value; otherwise it is a
    /// mixed-radix index into the readings. Words are separated by one space; a letter repeated in a
    /// row is written once.
    /// </summary>
    private static void Render(List<Token> tokens, long combination, Layout layout, ref CandidateWriter builder)
    {
        var remaining = combination;
        string? previous = null;
        for (var t = 0; t < tokens.Count; t++)
        {
            var token = tokens[t];
            var inRun = t > 0 && token.Run != 0 && token.Run == tokens[t - 1].Run;
            var joined = inRun && layout != Layout.SpacedRuns;
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
                builder.Append(inRun ? "\t" : " ");
                previous = inRun ? previous : null;
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
                    builder.Append(" ");
                    previous = null;
                }

                if (split && (e < lead || e >= trail))
                {
                    reading = entry.Literal;
                }

                // A repeated letter is written once, even when it folds to several letters (m → rn).
                if (reading != previous || !char.IsLetter(reading[0]))
                {
                    builder.Append(reading);
                }

                previous = reading;
            }
        }

        while (builder.Length > 0 && builder.Last is ' ' or '\t')
        {
            builder.Length--;
        }
    }

    /// <summary>
    /// Writes a candidate into a stack buffer (a pooled array once it outgrows it): no leading space, no
    /// repeated letter (numbers keep their digits), no double space; a string only for new candidates.
    /// </summary>
    private ref struct CandidateWriter(Span<char> initial)
    {
        private Span<char> _chars = initial;
        private char[]? _rented;

        public int Length { get; set; }

        public readonly char Last => _chars[Length - 1];

        public readonly ReadOnlySpan<char> Written => _chars[..Length];

        public void Append(string reading)
        {
            foreach (var c in reading)
            {
                if (Length == 0 ? c is ' ' or '\t' : (_chars[Length - 1] is ' ' or '\t' && c is ' ' or '\t') || (_chars[Length - 1] == c && char.IsLetter(c)))
                {
                    continue;
                }

                if (Length == _chars.Length)
                {
                    var larger = System.Buffers.ArrayPool<char>.Shared.Rent(_chars.Length * 2);
                    _chars.CopyTo(larger);
                    Dispose();
                    _chars = _rented = larger;
                }

                _chars[Length++] = c;
            }
        }

        public void Dispose()
        {
            if (_rented is not null)
            {
                System.Buffers.ArrayPool<char>.Shared.Return(_rented);
                _rented = null;
            }
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
