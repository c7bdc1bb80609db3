namespace Waymark.Screening.Normalization;

/// <summary>What one code point of a query becomes after screening normalisation.</summary>
internal enum FoldKind : byte
{
    /// <summary>Invisible: removed without a trace (zero-width, soft hyphen, bidi, variation selectors, combining marks).</summary>
    Drop,

    /// <summary>A word break: space or punctuation.</summary>
    Break,

    /// <summary>Letters (or non-ASCII digits), folded: one reading only.</summary>
    Text,

    /// <summary>A digit, a symbol or a look-alike letter that may stand for more than one letter.</summary>
    Choice,
}

/// <summary>
/// The fold of one code point. For <see cref="FoldKind.Choice"/>, <see cref="Literal"/> is the
/// reading when the character is taken at face value (a digit stays a digit, a symbol is a
/// break, a look-alike letter is read by its case) and <see cref="Readings"/> are what it may
/// stand for (a single space for "punctuation here").
/// </summary>
internal sealed record FoldEntry(FoldKind Kind, string Text, string Literal = "", string[]? Readings = null)
{
    public static readonly FoldEntry Dropped = new(FoldKind.Drop, "");
    public static readonly FoldEntry WordBreak = new(FoldKind.Break, " ");

    /// <summary>The code point is a letter of the Latin script (after NFKC), folded to ASCII letters.</summary>
    public bool Latin { get; init; }

    /// <summary>
    /// The ASCII letters a letter renders like when TR39 has no ASCII prototype for it (the supplementary
    /// table): used only in a word that also holds a Latin letter. Null for most code points.
    /// </summary>
    public string[]? LookAlike { get; init; }

    /// <summary>True when the face-value reading is a letter, so the word is a word and its symbols may be leetspeak.</summary>
    public bool IsLetter => Kind == FoldKind.Text || (Kind == FoldKind.Choice && Literal.Length > 0 && char.IsLetter(Literal[0]));
}
