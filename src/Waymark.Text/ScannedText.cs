namespace Waymark.Text;

/// <summary>
/// What the automaton's boundary checks need from the text it scanned: word characters, and (for raw text
/// scanned without normalising) which characters belong to a separator run that stood for one space.
/// </summary>
internal interface IScannedText
{
    int Length { get; }

    bool IsWordAt(int index);

    bool IsRunSeparatorAt(int index);
}

/// <summary>Normalised text: every character is one normalised character.</summary>
internal readonly ref struct NormalizedChars(ReadOnlySpan<char> text) : IScannedText
{
    private readonly ReadOnlySpan<char> _text = text;

    public int Length => _text.Length;

    public bool IsWordAt(int index) => WordChars.IsWordAt(_text, index);

    public bool IsRunSeparatorAt(int index) => false;
}

/// <summary>Raw ASCII text in UTF-16: a run of separators is one normalised space.</summary>
internal readonly ref struct RawChars(ReadOnlySpan<char> text, uint[] entries) : IScannedText
{
    private readonly ReadOnlySpan<char> _text = text;

    public int Length => _text.Length;

    public bool IsWordAt(int index) => WordChars.IsWordAt(_text, index);

    public bool IsRunSeparatorAt(int index) => entries[_text[index]] > char.MaxValue;
}

/// <summary>
/// Raw UTF-8 text that is ASCII but for inert characters (non-word, non-separator, in no pattern; see
/// PatternMatcher.AllInert): a run of separators is one normalised space, and no byte above 0x7F is a word character or separator.
/// </summary>
internal readonly ref struct RawBytes(ReadOnlySpan<byte> text, uint[] entries) : IScannedText
{
    private readonly ReadOnlySpan<byte> _text = text;

    public ReadOnlySpan<byte> Bytes => _text;

    public int Length => _text.Length;

    public bool IsWordAt(int index) => _text[index] < 0x80 && WordChars.IsBmpWord((char)_text[index]);

    public bool IsRunSeparatorAt(int index) => _text[index] < 0x80 && entries[_text[index]] > char.MaxValue;
}
