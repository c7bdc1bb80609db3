namespace Waymark.Text;

/// <summary>How a pattern matches, decided by its syntax (see <see cref="PatternSyntax"/>).</summary>
public enum PatternKind
{
    /// <summary>A whole word: <c>feel</c>.</summary>
    Word,

    /// <summary>Whole words in sequence, separated by any whitespace run: <c>peer support</c>.</summary>
    Phrase,

    /// <summary>A word starting with the pattern: <c>feel*</c> finds feel, feels, feeling.</summary>
    Prefix,

    /// <summary>A .NET regular expression over the original text: <c>re:colou?r</c>.</summary>
    Regex,
}
