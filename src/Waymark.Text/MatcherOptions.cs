namespace Waymark.Text;

/// <summary>Options of a <see cref="PatternMatcher"/>: normalisation and the time limit of each regular expression run.</summary>
public sealed record MatcherOptions
{
    public NormalizationOptions Normalization { get; init; }

    /// <summary>Per call of one regular expression; exceeding it throws <see cref="System.Text.RegularExpressions.RegexMatchTimeoutException"/>.</summary>
    public TimeSpan RegexTimeout { get; init; } = TimeSpan.FromSeconds(2);
}
