namespace Waymark.Text;

/// <summary>A match: the pattern's id and the matched span of the ORIGINAL text in UTF-16 code units.</summary>
public readonly record struct PatternMatch(int PatternId, int Start, int Length)
{
    public int End => Start + Length;
}
