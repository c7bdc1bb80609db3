namespace Waymark.Text;

/// <summary>Options of a <see cref="PatternMatcher"/>: normalisation and the time limit of each regular expression run.</summary>
public sealed record MatcherOptions
{
    public NormalizationOptions Normalization { get; init; }

    /// <summary>
    /// The language of the text, for <c>stem:</c> patterns: an ISO 639-1 code (<c>en</c>, <c>de-AT</c>) or a Snowball
    /// algorithm name (see <see cref="WordStemmer.Create"/>). Needed only when a pattern is a <c>stem:</c> pattern.
    /// </summary>
    public string? Language { get; init; }

    /// <summary>Per call of one regular expression; exceeding it throws <see cref="System.Text.RegularExpressions.RegexMatchTimeoutException"/>.</summary>
    public TimeSpan RegexTimeout { get; init; } = TimeSpan.FromSeconds(2);
}
