using System.Globalization;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Text;

namespace Waymark.Text;

/// <summary>
/// Normalises text for matching: full case folding (approximated), canonical decomposition, optional
/// diacritic removal, separator runs to one space, and a map from every normalised character back to
/// the UTF-16 offset of the source character it came from. One instance reuses its buffers across calls:
/// keep one per thread; the result of <see cref="Normalize(ReadOnlySpan{char})"/> is valid until the next call.
/// </summary>
public sealed class TextNormalizer
{
    private readonly CharTable _table;
    private char[] _text = new char[256];
    private int[] _starts = new int[257];

    public TextNormalizer(NormalizationOptions options = default)
    {
        _table = CharTable.For(options);
    }

    public NormalizationOptions Options => _table.Options;

    /// <summary>Normalises a string into a new, independent <see cref="NormalizedText"/>.</summary>
    public static NormalizedText Normalize(string text, NormalizationOptions options = default)
    {
        ArgumentNullException.ThrowIfNull(text);
        var view = new TextNormalizer(options).Normalize(text.AsSpan());
        return new NormalizedText(view.Text.ToString(), view.Starts.ToArray(), text.Length);
    }

    /// <summary>Normalises into this instance's buffers; the view is valid until the next call.</summary>
    // Hot for every non-ASCII paragraph of a corpus and every screened query: optimised at once.
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public NormalizedView Normalize(ReadOnlySpan<char> source)
    {
        Ensure(source.Length + 8);
        ref var entries = ref MemoryMarshal.GetArrayDataReference(_table.Entries);
        var output = _text.AsSpan();
        var starts = _starts.AsSpan();
        var written = 0;
        var inSpace = false;
        for (var i = 0; i < source.Length; i++)
        {
            var c = source[i];

            // Kind Single is 0, so the common case is one comparison; the table covers every char value.
            var entry = Unsafe.Add(ref entries, c);
            if (entry <= char.MaxValue)
            {
                output[written] = (char)entry;
                starts[written++] = i;
                inSpace = false;
                continue;
            }

            switch ((CharKind)(entry >> 16))
            {
                case CharKind.Space:
                    if (!inSpace)
                    {
                        output[written] = ' ';
                        starts[written++] = i;
                        inSpace = true;
                    }

                    break;
                case CharKind.Drop:
                    // The mark belongs to the character before it: nothing to write, the map stays right
                    // because a character's end is the start of the next written character.
                    break;
                case CharKind.Expand:
                    written = WriteExpansion(_table.Expansions[c], i, written, source.Length - i);
                    output = _text;
                    starts = _starts;
                    inSpace = false;
                    break;
                default:
                    (written, inSpace, i) = WriteSurrogate(source, i, written, inSpace);
                    output = _text;
                    starts = _starts;
                    break;
            }
        }

        starts[written] = source.Length;
        return new NormalizedView(_text.AsSpan(0, written), _starts.AsSpan(0, written + 1));
    }

    private int WriteExpansion(string expansion, int sourceIndex, int written, int remaining)
    {
        Ensure(written + expansion.Length + remaining + 8);
        foreach (var ch in expansion)
        {
            _text[written] = ch;
            _starts[written++] = sourceIndex;
        }

        return written;
    }

    private (int Written, bool InSpace, int Index) WriteSurrogate(ReadOnlySpan<char> source, int i, int written, bool inSpace)
    {
        var c = source[i];
        if (!char.IsHighSurrogate(c) || i + 1 >= source.Length || !char.IsLowSurrogate(source[i + 1]))
        {
            // A lone surrogate is kept as it is: it can only match a pattern with the same lone surrogate.
            _text[written] = c;
            _starts[written++] = i;
            return (written, false, i);
        }

        var rune = new Rune(c, source[i + 1]);
        var category = Rune.GetUnicodeCategory(rune);
        if (Options.PunctuationAsSeparator && CharTable.IsPunctuationOrSymbol(category))
        {
            if (!inSpace)
            {
                _text[written] = ' ';
                _starts[written++] = i;
            }

            return (written, true, i + 1);
        }

        if (Options.RemoveDiacritics && category == UnicodeCategory.NonSpacingMark)
        {
            return (written, inSpace, i + 1);
        }

        var folded = CaseFolding.Fold(rune);
        Ensure(written + 2 + source.Length - i + 8);
        var units = folded.EncodeToUtf16(_text.AsSpan(written));
        for (var k = 0; k < units; k++)
        {
            _starts[written++] = i;
        }

        return (written, false, i + 1);
    }

    private void Ensure(int capacity)
    {
        if (_text.Length >= capacity)
        {
            return;
        }

        var size = Math.Max(capacity, _text.Length * 2);
        Array.Resize(ref _text, size);
        Array.Resize(ref _starts, size + 1);
    }
}
