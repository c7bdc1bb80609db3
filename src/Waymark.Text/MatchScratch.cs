using System.Text;

namespace Waymark.Text;

/// <summary>
/// Reusable buffers for one thread's calls to a <see cref="PatternMatcher"/>, so that matching allocates
/// nothing per call. Not thread-safe: create one per thread with <see cref="PatternMatcher.CreateScratch"/>.
/// </summary>
public sealed class MatchScratch
{
    private char[] _decoded = new char[256];

    internal MatchScratch(NormalizationOptions options, WordPatterns.State? words = null)
    {
        Normalizer = new TextNormalizer(options);
        Words = words;
    }

    /// <summary>The stemmer and the remembered words of the <c>stem:</c> and <c>fuzzy:</c> patterns; null when the matcher has none.</summary>
    internal WordPatterns.State? Words { get; }

    internal TextNormalizer Normalizer { get; }

    /// <summary>Matches of a whole block, before they are shared out to its paragraphs.</summary>
    internal List<PatternMatch> BlockMatches { get; } = [];

    /// <summary>Each chain's matches of a block scan (<see cref="AhoCorasick.ScanBlock"/>), in order of their end.</summary>
    internal List<PatternMatch>[] ChainMatches { get; } = [.. Enumerable.Range(0, AhoCorasick.Chains).Select(_ => new List<PatternMatch>())];

    /// <summary>UTF-8 decoded into a reused buffer (invalid sequences become U+FFFD); valid until the next call.</summary>
    internal ReadOnlySpan<char> Decode(ReadOnlySpan<byte> utf8)
    {
        var needed = Encoding.UTF8.GetMaxCharCount(utf8.Length);
        if (_decoded.Length < needed)
        {
            _decoded = new char[Math.Max(needed, _decoded.Length * 2)];
        }

        return _decoded.AsSpan(0, Encoding.UTF8.GetChars(utf8, _decoded));
    }
}
