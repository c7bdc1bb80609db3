namespace Waymark.Text;

/// <summary>An independent copy of normalised text and its map back to the source (see <see cref="NormalizedView"/>).</summary>
public sealed class NormalizedText
{
    private readonly int[] _starts;

    internal NormalizedText(string text, int[] starts, int sourceLength)
    {
        Text = text;
        _starts = starts;
        SourceLength = sourceLength;
    }

    public string Text { get; }

    public int SourceLength { get; }

    /// <summary>The UTF-16 offset in the source of the character that produced normalised character <paramref name="index"/>.</summary>
    public int OriginalStart(int index) => _starts[index];

    /// <summary>The source span [start, end) of normalised characters [start, start + length).</summary>
    public (int Start, int End) ToOriginal(int start, int length) => OffsetMap.ToOriginal(_starts, start, length);
}
