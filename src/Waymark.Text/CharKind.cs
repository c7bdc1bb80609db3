namespace Waymark.Text;

/// <summary>What the normaliser does with one UTF-16 code unit of the source text.</summary>
internal enum CharKind : byte
{
    /// <summary>Write one folded character.</summary>
    Single,

    /// <summary>Write several characters (ß → ss, é → e + U+0301 without diacritic removal).</summary>
    Expand,

    /// <summary>Part of a separator run that becomes one space.</summary>
    Space,

    /// <summary>Write nothing; the character belongs to the one before it (a dropped diacritic).</summary>
    Drop,

    /// <summary>Half of a surrogate pair: decoded and folded on the slow path.</summary>
    Surrogate,
}
