using System.Collections.Frozen;
using System.Net;
using System.Text;

namespace Waymark.Content.Corpus;

/// <summary>
/// Text of an HTML page for coding: markup, comments, doctype/processing instructions and the content of
/// script, style, template, noscript, svg and head elements are dropped; block elements end a paragraph
/// (a blank line), br ends a line; whitespace runs collapse to one space outside pre; character references
/// are decoded with the built-in HTML table only: a DOCTYPE's entity declarations are never read, so no
/// external entity can be resolved. Offsets of coded units refer to this extracted text.
/// </summary>
internal static class HtmlTextExtractor
{
    private static readonly FrozenSet<string> Skipped =
        FrozenSet.Create(StringComparer.OrdinalIgnoreCase, "script", "style", "template", "noscript", "svg", "head", "math", "iframe", "object");

    private static readonly FrozenSet<string> Blocks = FrozenSet.Create(
        StringComparer.OrdinalIgnoreCase,
        "p", "div", "section", "article", "aside", "header", "footer", "main", "nav", "blockquote", "pre", "li", "ul", "ol",
        "dl", "dt", "dd", "table", "tr", "td", "th", "caption", "h1", "h2", "h3", "h4", "h5", "h6", "hr", "figure",
        "figcaption", "address", "details", "summary", "form", "fieldset", "body", "html");

    public static string Extract(string html)
    {
        ArgumentNullException.ThrowIfNull(html);
        var output = new StringBuilder(html.Length / 2);
        var text = new StringBuilder();
        var inPre = 0;
        var i = 0;
        while (i < html.Length)
        {
            var lt = html.IndexOf('<', i);
            var end = lt < 0 ? html.Length : lt;
            text.Append(html, i, end - i);
            if (lt < 0)
            {
                break;
            }

            var (next, name, closing) = ReadMarkup(html, lt);
            if (name is null)
            {
                if (next == lt)
                {
                    // A '<' that starts no markup is text.
                    text.Append('<');
                    i = lt + 1;
                    continue;
                }

                i = next;
                continue;
            }

            Flush(output, text, inPre > 0);
            if (!closing && Skipped.Contains(name))
            {
                var close = html.IndexOf("</" + name, next, StringComparison.OrdinalIgnoreCase);
                i = close < 0 ? html.Length : SkipTag(html, close);
                continue;
            }

            if (name.Equals("pre", StringComparison.OrdinalIgnoreCase))
            {
                inPre = Math.Max(0, inPre + (closing ? -1 : 1));
            }

            if (name.Equals("br", StringComparison.OrdinalIgnoreCase))
            {
                TrimSpaces(output);
                output.Append('\n');
            }
            else if (Blocks.Contains(name))
            {
                Break(output);
            }

            i = next;
        }

        Flush(output, text, inPre > 0);
        return output.ToString().Trim();
    }

    private static void Flush(StringBuilder output, StringBuilder text, bool pre)
    {
        if (text.Length == 0)
        {
            return;
        }

        var decoded = WebUtility.HtmlDecode(text.ToString());
        text.Clear();
        if (pre)
        {
            output.Append(decoded.Replace("\r\n", "\n", StringComparison.Ordinal));
            return;
        }

        foreach (var c in decoded)
        {
            if (char.IsWhiteSpace(c))
            {
                if (output.Length > 0 && !char.IsWhiteSpace(output[^1]))
                {
                    output.Append(' ');
                }
            }
            else
            {
                output.Append(c);
            }
        }
    }

    private static void Break(StringBuilder output)
    {
        TrimSpaces(output);
        if (output.Length == 0)
        {
            return;
        }

        while (output.Length > 0 && output[^1] == '\n')
        {
            output.Length--;
        }

        output.Append("\n\n");
    }

    private static void TrimSpaces(StringBuilder output)
    {
        while (output.Length > 0 && output[^1] == ' ')
        {
            output.Length--;
        }
    }

    /// <summary>Reads markup at '&lt;': returns where text resumes and the element name (null for comments, doctypes and non-markup).</summary>
    private static (int Next, string? Name, bool Closing) ReadMarkup(string html, int lt)
    {
        if (string.CompareOrdinal(html, lt, "<!--", 0, 4) == 0)
        {
            var close = html.IndexOf("-->", lt + 4, StringComparison.Ordinal);
            return (close < 0 ? html.Length : close + 3, null, false);
        }

        if (lt + 1 < html.Length && html[lt + 1] is '!' or '?')
        {
            // DOCTYPE (with any internal subset of entity declarations), CDATA, processing instructions: dropped unread.
            return (SkipDeclaration(html, lt), null, false);
        }

        var p = lt + 1;
        var closing = p < html.Length && html[p] == '/';
        if (closing)
        {
            p++;
        }

        var nameStart = p;
        while (p < html.Length && (char.IsAsciiLetterOrDigit(html[p]) || html[p] is '-' or ':'))
        {
            p++;
        }

        if (p == nameStart || !char.IsAsciiLetter(html[nameStart]))
        {
            return (lt, null, false);
        }

        return (SkipTag(html, lt), html[nameStart..p], closing);
    }

    /// <summary>The index after the '&gt;' that closes the tag at <paramref name="lt"/>, minding quoted attribute values.</summary>
    private static int SkipTag(string html, int lt)
    {
        char quote = '\0';
        for (var p = lt + 1; p < html.Length; p++)
        {
            var c = html[p];
            if (quote != '\0')
            {
                if (c == quote)
                {
                    quote = '\0';
                }
            }
            else if (c is '"' or '\'')
            {
                quote = c;
            }
            else if (c == '>')
            {
                return p + 1;
            }
        }

        return html.Length;
    }

    private static int SkipDeclaration(string html, int lt)
    {
        var depth = 0;
        for (var p = lt + 1; p < html.Length; p++)
        {
            switch (html[p])
            {
                case '[':
                    depth++;
                    break;
                case ']':
                    depth = Math.Max(0, depth - 1);
                    break;
                case '>' when depth == 0:
                    return p + 1;
            }
        }

        return html.Length;
    }
}
