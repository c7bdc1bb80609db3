namespace Waymark.Content.Corpus;

/// <summary>
/// Unit segmentation rules (docs/content-analysis.md). Paragraphs: runs of non-blank lines; a blank line is
/// a line holding only whitespace; line breaks are \n, \r\n, \r, U+0085 and U+2028; U+2029 (paragraph
/// separator) ends a paragraph by itself. Sentences: a paragraph is cut after a run of sentence terminators
/// (. ! ? … and the CJK, Arabic, Devanagari and other full stops) followed by optional closing quotes or
/// brackets and then whitespace or the end; the whitespace belongs to no sentence. A single full stop after
/// a known abbreviation ("e.g.", "i.e.", "Dr.", "Mr.", …; "etc." and "et al." when the next word is in lower case)
/// does not end a sentence.
/// </summary>
internal static class Segmenter
{
    /// <summary>The paragraphs of a text as (start, length) spans; each span holds whole lines without the final line break.</summary>
    public static List<(int Start, int Length)> Paragraphs(ReadOnlySpan<char> text)
    {
        var result = new List<(int, int)>();
        var paragraphStart = -1;
        var paragraphEnd = 0;
        var lineStart = 0;
        while (lineStart <= text.Length)
        {
            var (lineEnd, next, hardBreak) = NextLine(text, lineStart);
            if (IsBlank(text[lineStart..lineEnd]))
            {
                Close();
            }
            else
            {
                if (paragraphStart < 0)
                {
                    paragraphStart = lineStart;
                }

                paragraphEnd = lineEnd;
                if (hardBreak)
                {
                    Close();
                }
            }

            if (next > text.Length || next == lineStart)
            {
                break;
            }

            lineStart = next;
        }

        Close();
        return result;

        void Close()
        {
            if (paragraphStart >= 0)
            {
                result.Add((paragraphStart, paragraphEnd - paragraphStart));
                paragraphStart = -1;
            }
        }
    }

    /// <summary>
    /// The end of the line starting at <paramref name="start"/> (exclusive, before the break), where the next
    /// line starts (past the text end when there is none), and whether the break was U+2029.
    /// </summary>
    internal static (int End, int Next, bool ParagraphBreak) NextLine(ReadOnlySpan<char> text, int start)
    {
        var rest = text[start..];
        var at = rest.IndexOfAny(LineBreaks);
        if (at < 0)
        {
            return (text.Length, text.Length + 1, false);
        }

        var end = start + at;
        var c = text[end];
        var width = c == '\r' && end + 1 < text.Length && text[end + 1] == '\n' ? 2 : 1;
        return (end, end + width, c == '\u2029');
    }

    internal const string LineBreakChars = "\n\r\u0085\u2028\u2029";

    private static readonly System.Buffers.SearchValues<char> LineBreaks = System.Buffers.SearchValues.Create(LineBreakChars);

    public static bool IsBlank(ReadOnlySpan<char> line)
    {
        foreach (var c in line)
        {
            if (!char.IsWhiteSpace(c))
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>The sentences of a paragraph as (start, length) spans relative to it.</summary>
    public static List<(int Start, int Length)> Sentences(ReadOnlySpan<char> paragraph)
    {
        var result = new List<(int, int)>();
        var i = 0;
        while (i < paragraph.Length && char.IsWhiteSpace(paragraph[i]))
        {
            i++;
        }

        var start = i;
        while (i < paragraph.Length)
        {
            if (!IsTerminator(paragraph[i]))
            {
                i++;
                continue;
            }

            var end = i;
            while (end < paragraph.Length && IsTerminator(paragraph[end]))
            {
                end++;
            }

            while (end < paragraph.Length && IsCloser(paragraph[end]))
            {
                end++;
            }

            if ((end < paragraph.Length && !char.IsWhiteSpace(paragraph[end])) || IsAbbreviation(paragraph, i, end))
            {
                // "3.14", "e.g.x" or "?!)" inside a word, or "Dr. Smith", "e.g. this": not a sentence end.
                i = end;
                continue;
            }

            result.Add((start, end - start));
            i = end;
            while (i < paragraph.Length && char.IsWhiteSpace(paragraph[i]))
            {
                i++;
            }

            start = i;
        }

        var last = paragraph.Length;
        while (last > start && char.IsWhiteSpace(paragraph[last - 1]))
        {
            last--;
        }

        if (last > start)
        {
            result.Add((start, last - start));
        }

        return result;
    }

    /// <summary>Abbreviations after which a single full stop never ends a sentence (titles and Latin "for example" forms).</summary>
    private static readonly string[] AlwaysAbbreviations = ["dr", "mr", "mrs", "ms", "prof", "st", "jr", "sr", "vs", "cf", "e.g", "i.e", "viz", "approx", "ca"];

    /// <summary>Abbreviations that may also end a sentence: they do not when the next word starts in lower case.</summary>
    private static readonly string[] MidAbbreviations = ["etc", "al"];

    /// <summary>
    /// True when the terminator run [<paramref name="at"/>, <paramref name="end"/>) is one full stop closing a known
    /// abbreviation (the letters and inner full stops before it, compared case-insensitively): always for
    /// <see cref="AlwaysAbbreviations"/>, and for <see cref="MidAbbreviations"/> ("etc.", "et al.") when the next
    /// word begins with a lower-case letter. Rule-based: "He is a Dr. Smith is not." stays one sentence.
    /// </summary>
    private static bool IsAbbreviation(ReadOnlySpan<char> paragraph, int at, int end)
    {
        if (end != at + 1 || paragraph[at] != '.')
        {
            return false;
        }

        var start = at;
        while (start > 0 && (char.IsLetter(paragraph[start - 1]) || (paragraph[start - 1] == '.' && start - 1 > 0 && char.IsLetter(paragraph[start - 2]))))
        {
            start--;
        }

        if (start > 0 && !char.IsWhiteSpace(paragraph[start - 1]) && !IsOpener(paragraph[start - 1]))
        {
            return false;
        }

        var word = paragraph[start..at];
        foreach (var abbreviation in AlwaysAbbreviations)
        {
            if (word.Equals(abbreviation, StringComparison.OrdinalIgnoreCase))
            {
                return true;
            }
        }

        var next = end;
        while (next < paragraph.Length && char.IsWhiteSpace(paragraph[next]))
        {
            next++;
        }

        if (next == paragraph.Length || !char.IsLower(paragraph[next]))
        {
            return false;
        }

        foreach (var abbreviation in MidAbbreviations)
        {
            if (word.Equals(abbreviation, StringComparison.OrdinalIgnoreCase))
            {
                return true;
            }
        }

        return false;
    }

    private static bool IsOpener(char c) => c is '(' or '[' or '"' or '\'' or '\u201C' or '\u2018';

    private static bool IsTerminator(char c) => c is '.' or '!' or '?' or '\u2026' or '\u203C' or '\u2047' or '\u2048' or '\u2049'
        or '\u3002' or '\uFF01' or '\uFF1F' or '\uFF0E' or '\uFF61' or '\u06D4' or '\u061F' or '\u0964' or '\u0965'
        or '\u1362' or '\u104B' or '\u0589' or '\u037E';

    private static bool IsCloser(char c) => c is '"' or '\'' or ')' or ']' or '}' or '\u2019' or '\u201D' or '\u00BB'
        or '\u203A' or '\u300D' or '\u300F' or '\uFF09';
}
