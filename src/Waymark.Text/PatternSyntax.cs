namespace Waymark.Text;

/// <summary>
/// The pattern syntax shared by codebooks and screening lists: <c>re:</c> starts a regular expression,
/// a trailing <c>*</c> makes a word prefix, a pattern with a space is a phrase, anything else a whole word.
/// </summary>
public static class PatternSyntax
{
    public const string RegexPrefix = "re:";

    /// <summary>The kind and the body (the text without <c>re:</c> or the trailing <c>*</c>) of a pattern.</summary>
    public static (PatternKind Kind, string Body) Classify(string pattern)
    {
        ArgumentNullException.ThrowIfNull(pattern);
        if (pattern.StartsWith(RegexPrefix, StringComparison.Ordinal))
        {
            return (PatternKind.Regex, pattern[RegexPrefix.Length..]);
        }

        var trimmed = pattern.Trim();
        if (trimmed.Length > 1 && trimmed[^1] == '*')
        {
            return (PatternKind.Prefix, trimmed[..^1].TrimEnd());
        }

        return (trimmed.Any(char.IsWhiteSpace) ? PatternKind.Phrase : PatternKind.Word, trimmed);
    }
}
