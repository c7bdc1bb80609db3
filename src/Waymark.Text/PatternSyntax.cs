namespace Waymark.Text;

/// <summary>
/// The pattern syntax shared by codebooks and screening lists: <c>re:</c> starts a regular expression,
/// <c>stem:</c> a word matched by its Snowball stem, <c>fuzzy:</c> a word matched with a few edits allowed,
/// a trailing <c>*</c> makes a word prefix, a pattern with a space is a phrase, anything else a whole word.
/// </summary>
public static class PatternSyntax
{
    public const string RegexPrefix = "re:";

    public const string StemPrefix = "stem:";

    public const string FuzzyPrefix = "fuzzy:";

    /// <summary>The kind and the body (the text without <c>re:</c>, <c>stem:</c>, <c>fuzzy:</c> or the trailing <c>*</c>) of a pattern.</summary>
    public static (PatternKind Kind, string Body) Classify(string pattern)
    {
        ArgumentNullException.ThrowIfNull(pattern);
        if (pattern.StartsWith(RegexPrefix, StringComparison.Ordinal))
        {
            return (PatternKind.Regex, pattern[RegexPrefix.Length..]);
        }

        var trimmed = pattern.Trim();
        if (trimmed.StartsWith(StemPrefix, StringComparison.Ordinal))
        {
            return (PatternKind.Stem, trimmed[StemPrefix.Length..].Trim());
        }

        if (trimmed.StartsWith(FuzzyPrefix, StringComparison.Ordinal))
        {
            return (PatternKind.Fuzzy, trimmed[FuzzyPrefix.Length..].Trim());
        }

        if (trimmed.Length > 1 && trimmed[^1] == '*')
        {
            return (PatternKind.Prefix, trimmed[..^1].TrimEnd());
        }

        return (trimmed.Any(char.IsWhiteSpace) ? PatternKind.Phrase : PatternKind.Word, trimmed);
    }
}
