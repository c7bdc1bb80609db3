namespace Waymark.Text;

/// <summary>
/// Normalised text over reused buffers, with its map back to the source: <see cref="Starts"/>[i] is the
/// UTF-16 offset in the source of the character that produced normalised character i, and
/// <see cref="Starts"/>[Text.Length] is the source length.
/// </summary>
public readonly ref struct NormalizedView
{
    internal NormalizedView(ReadOnlySpan<char> text, ReadOnlySpan<int> starts)
    {
        Text = text;
        Starts = starts;
    }

    public ReadOnlySpan<char> Text { get; }

    public ReadOnlySpan<int> Starts { get; }

    /// <summary>The source span [start, end) of normalised characters [start, start + length).</summary>
    public (int Start, int End) ToOriginal(int start, int length) => OffsetMap.ToOriginal(Starts, start, length);
}
