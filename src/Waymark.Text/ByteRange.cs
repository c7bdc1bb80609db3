namespace Waymark.Text;

/// <summary>A run of bytes in a UTF-8 block: where it starts and how many bytes it holds.</summary>
public readonly record struct ByteRange(int Start, int Length)
{
    public int End => Start + Length;
}
