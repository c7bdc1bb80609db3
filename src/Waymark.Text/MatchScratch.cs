namespace Waymark.Text;

/// <summary>
/// Reusable buffers for one thread's calls to a <see cref="PatternMatcher"/>, so that matching allocates
/// nothing per call. Not thread-safe: create one per thread with <see cref="PatternMatcher.CreateScratch"/>.
/// </summary>
public sealed class MatchScratch
{
    internal MatchScratch(NormalizationOptions options)
    {
        Normalizer = new TextNormalizer(options);
    }

    internal TextNormalizer Normalizer { get; }
}
