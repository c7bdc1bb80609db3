namespace Waymark.Screening.Terms;

/// <summary>How a term matches a query (column 3 of a term list).</summary>
public enum MatchMode
{
    /// <summary>The whole word: "zorblat" matches "zorblat" but not "zorblats".</summary>
    Token,

    /// <summary>Words in order with any separators between them, or written together.</summary>
    Phrase,

    /// <summary>A word that starts with the term: "zorbl" matches "zorblats".</summary>
    Prefix,

    /// <summary>Not a term: a word that never matches, in its language (against the Scunthorpe problem).</summary>
    Allow,
}

/// <summary>One line of a term list.</summary>
/// <param name="Term">The term as written by the operator.</param>
/// <param name="Language">A language code, or <c>*</c> for every language.</param>
/// <param name="Mode">How the term matches.</param>
/// <param name="Category">A short label reported with a match (such as <c>csam</c>).</param>
/// <param name="Source">Where the term comes from (a list name, a line), for the operator.</param>
public sealed record TermEntry(string Term, string Language, MatchMode Mode, string Category, string Source);
