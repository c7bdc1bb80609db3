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

    /// <summary>A word whose Snowball stem (for the matcher's language) is the stem of the body: <c>stem:guilt</c> finds guilt, guilts.</summary>
    Stem,

    /// <summary>A word within a few edits of the body (1 from six letters, 2 from ten): <c>fuzzy:anonymity</c> finds "anonimity".</summary>
    Fuzzy,
}
