using System.Text;

namespace Waymark.Screening.Evaluation;

/// <summary>
/// Ahmia's own query filter, written again from its published behaviour (the public ahmia-site
/// repository, <c>ahmia/views.py</c> <c>TorResultsView.banned_search</c>, and <c>ahmia/settings.py</c>,
/// which reads the terms from nginx's <c>banned_terms.map</c>), as the baseline of the evaluation:
/// the query is cut at each space (U+0020 only); a piece matches a term when, lower-cased, it equals
/// the lower-cased term, or does so once every character that is neither a letter nor a digit is
/// deleted from it. Nothing else is folded. Letters and digits are Python's <c>str.isalpha</c>
/// (categories Lu, Ll, Lt, Lm, Lo) and <c>str.isdigit</c> (a Unicode digit value); lower-casing
/// is Python's <c>str.lower</c> (full mapping: İ becomes i and a combining dot, a final capital
/// sigma becomes ς).
/// </summary>
public sealed class AhmiaBaseline
{
    private readonly string[] _terms;

    private AhmiaBaseline(IEnumerable<string> terms) => _terms = [.. terms.Select(Lower).Distinct(StringComparer.Ordinal)];

    /// <summary>Number of terms.</summary>
    public int TermCount => _terms.Length;

    /// <summary>The filter over these terms as written (each compared as Ahmia compares one term).</summary>
    public static AhmiaBaseline FromTerms(IEnumerable<string> terms)
    {
        ArgumentNullException.ThrowIfNull(terms);
        return new AhmiaBaseline(terms);
    }

    /// <summary>
    /// The terms as Ahmia's settings read them from <c>banned_terms.map</c>: every line that starts with
    /// <c>"~*</c> and, stripped, ends with <c>" 1;</c>; the term is the line without its first three and
    /// last five characters (the closing quote, the value and the line feed), stripped. Lines are read
    /// as Python reads a text file (any line ending becomes a line feed).
    /// </summary>
    public static AhmiaBaseline FromMap(string map)
    {
        ArgumentNullException.ThrowIfNull(map);
        var terms = new List<string>();
        var text = map.Replace("\r\n", "\n", StringComparison.Ordinal).Replace('\r', '\n');
        for (var start = 0; start < text.Length;)
        {
            var end = text.IndexOf('\n', start);
            end = end < 0 ? text.Length : end + 1;
            var line = text[start..end];
            start = end;
            if (line.StartsWith("\"~*", StringComparison.Ordinal) && line.Trim().EndsWith("\" 1;", StringComparison.Ordinal))
            {
                terms.Add(line.Length > 8 ? line[3..^5].Trim() : "");
            }
        }

        return new AhmiaBaseline(terms);
    }

    /// <summary>True when Ahmia would show its help page instead of results for <paramref name="query"/>.</summary>
    public bool IsBanned(string query)
    {
        ArgumentNullException.ThrowIfNull(query);
        foreach (var piece in query.Split(' '))
        {
            var lower = Lower(piece);
            var letters = Lower(LettersAndDigits(piece));
            foreach (var term in _terms)
            {
                if (string.Equals(term, lower, StringComparison.Ordinal) || string.Equals(term, letters, StringComparison.Ordinal))
                {
                    return true;
                }
            }
        }

        return false;
    }

    /// <summary>Ahmia's <c>term_ascii</c>: the characters that are Python letters or digits, in order.</summary>
    internal static string LettersAndDigits(string text)
    {
        var builder = new StringBuilder(text.Length);
        foreach (var rune in text.EnumerateRunes())
        {
            if (Normalization.PythonText.IsAlphaNumeric(rune))
            {
                builder.Append(rune.ToString());
            }
        }

        return builder.ToString();
    }

    /// <summary>Python's <c>str.lower</c>: the invariant lower case, with its two context-free differences from .NET's simple mapping.</summary>
    internal static string Lower(string text)
    {
        var builder = new StringBuilder(text.Length);
        var runes = text.EnumerateRunes().ToList();
        for (var i = 0; i < runes.Count; i++)
        {
            var rune = runes[i];
            if (rune.Value == 0x130)
            {
                builder.Append("i\u0307");
            }
            else if (rune.Value == 0x3A3)
            {
                // Final_Sigma: after a letter and not before one.
                var final = i > 0 && Rune.IsLetter(runes[i - 1]) && (i + 1 == runes.Count || !Rune.IsLetter(runes[i + 1]));
                builder.Append(final ? '\u03C2' : '\u03C3');
            }
            else
            {
                builder.Append(Rune.ToLowerInvariant(rune).ToString());
            }
        }

        return builder.ToString();
    }
}
