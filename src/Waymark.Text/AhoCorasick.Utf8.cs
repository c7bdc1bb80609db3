using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace Waymark.Text;

/// <summary>
/// The scan straight over UTF-8 text in any script: each character is decoded in the loop and looked up in one
/// table (<see cref="Utf8Map"/>) that gives the automaton classes of its normalised characters, so non-ASCII text
/// (German, Russian, Arabic…) is neither decoded into a buffer nor normalised into another before the scan.
/// </summary>
internal sealed partial class AhoCorasick
{
    // A Utf8Map entry: how many normalised characters (1 to 3) in the low two bits, flags, then their classes.
    private const ulong CountMask = 3;

    /// <summary>The character needs the decoding path: a surrogate, a dropped mark, or a long or mixed expansion.</summary>
    private const ulong Slow = 1 << 2;

    /// <summary>The character separates (one normalised space for a whole run).</summary>
    private const ulong Separator = 1 << 3;

    /// <summary>The character's normalised characters are word characters.</summary>
    private const ulong Word = 1 << 4;

    /// <summary>
    /// For every BMP character under the normalisation <paramref name="table"/>: the classes of its normalised
    /// characters (one for most; an expansion of up to three word characters, ä → a + U+0308 or ß → ss, feeds each in
    /// turn), whether it is a word character or a separator, or <see cref="Slow"/>. 512 KB, built once per matcher.
    /// </summary>
    public ulong[] Utf8Map(CharTable table)
    {
        var map = new ulong[char.MaxValue + 1];
        for (var c = 0; c <= char.MaxValue; c++)
        {
            var entry = table.Entries[c];
            switch ((CharKind)(entry >> 16))
            {
                case CharKind.Single:
                    var folded = (char)entry;
                    map[c] = 1 | (WordChars.IsBmpWord(folded) ? Word : 0) | ((ulong)_classes[folded] << 16);
                    break;
                case CharKind.Space:
                    map[c] = 1 | Separator | ((ulong)_classes[' '] << 16);
                    break;
                case CharKind.Expand:
                    var expansion = table.Expansions[c];
                    if (expansion.Length > 3 || !expansion.All(WordChars.IsBmpWord))
                    {
                        map[c] = Slow;
                        break;
                    }

                    map[c] = (ulong)expansion.Length | Word;
                    for (var k = 0; k < expansion.Length; k++)
                    {
                        map[c] |= (ulong)_classes[expansion[k]] << (16 * (k + 1));
                    }

                    break;
                default:
                    map[c] = Slow;
                    break;
            }
        }

        return map;
    }

    /// <summary>
    /// Scans UTF-8 <paramref name="text"/> once with <paramref name="map"/> (<see cref="Utf8Map"/>) and reports every
    /// occurrence that satisfies its word boundaries, in UTF-16 offsets of the decoded text, exactly as
    /// <see cref="Scan"/> finds them in the normalised text (every character taken here is one UTF-16 code unit). Returns false, having perhaps reported some matches already, at the first character it cannot
    /// take: invalid UTF-8, a character outside the BMP or one marked <see cref="Slow"/> (then decode and normalise).
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public bool ScanUtf8<TSink>(ReadOnlySpan<byte> text, ulong[] map, ref TSink sink)
        where TSink : struct, IMatchSink, allows ref struct
    {
        ref var delta = ref MemoryMarshal.GetArrayDataReference(_delta);
        ref var table = ref MemoryMarshal.GetArrayDataReference(map);
        var row = 0;
        var i = 0;
        var chars = 0;
        while (i < text.Length)
        {
            int c = text[i];
            var width = 1;
            if (c >= 0x80 && (c = DecodeBmp(text, i, out width)) < 0)
            {
                return false;
            }

            var entry = Unsafe.Add(ref table, c);
            if ((entry & Slow) != 0)
            {
                return false;
            }

            var next = Unsafe.Add(ref delta, row + (int)((entry >> 16) & 0xFFFF));
            if (next < 0)
            {
                next = ~next;
                ReportUtf8(text, map, next / _stride, i, chars, width, 0, (int)(entry & CountMask), ref sink);
            }

            row = next;
            var count = (int)(entry & CountMask);
            for (var k = 1; k < count; k++)
            {
                next = Unsafe.Add(ref delta, row + (int)((entry >> (16 * (k + 1))) & 0xFFFF));
                if (next < 0)
                {
                    next = ~next;
                    ReportUtf8(text, map, next / _stride, i, chars, width, k, count, ref sink);
                }

                row = next;
            }

            i += width;
            chars++;
        }

        return true;
    }

    /// <summary>The BMP character of the 2- or 3-byte sequence at <paramref name="i"/>, or -1 (invalid, overlong, a surrogate, or 4 bytes).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static int DecodeBmp(ReadOnlySpan<byte> text, int i, out int width)
    {
        int b = text[i];
        if (b is >= 0xC2 and < 0xE0 && i + 1 < text.Length && (text[i + 1] & 0xC0) == 0x80)
        {
            width = 2;
            return ((b & 0x1F) << 6) | (text[i + 1] & 0x3F);
        }

        if ((b & 0xF0) == 0xE0 && i + 2 < text.Length && (text[i + 1] & 0xC0) == 0x80 && (text[i + 2] & 0xC0) == 0x80)
        {
            var c = ((b & 0x0F) << 12) | ((text[i + 1] & 0x3F) << 6) | (text[i + 2] & 0x3F);
            if (c >= 0x800 && c is < 0xD800 or > 0xDFFF)
            {
                width = 3;
                return c;
            }
        }

        width = 0;
        return -1;
    }

    /// <summary>
    /// Reports the outputs of <paramref name="state"/>, entered on normalised character <paramref name="k"/> of
    /// <paramref name="count"/> of the character at bytes [<paramref name="at"/>, + <paramref name="width"/>), which is
    /// UTF-16 code unit <paramref name="atChar"/>.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private void ReportUtf8<TSink>(ReadOnlySpan<byte> text, ulong[] map, int state, int at, int atChar, int width, int k, int count, ref TSink sink)
        where TSink : struct, IMatchSink, allows ref struct
    {
        // Inside an expansion the next normalised character is a word character (expansions here are all word characters).
        var inside = k + 1 < count;
        var end = inside ? at : at + width;
        var endChar = inside ? atChar : atChar + 1;
        var rightIsWord = inside || IsWordUtf8(text, end, map);
        for (var o = _outputStart[state]; o < _outputStart[state + 1]; o++)
        {
            var terminal = _outputs[o];
            if (rightIsWord && !terminal.Prefix)
            {
                continue;
            }

            var (start, back) = StartUtf8(text, map, at, k + 1, terminal.Length);
            if (start < 0 || (start > 0 && IsWordBeforeUtf8(text, start, map)))
            {
                continue;
            }

            var startChar = atChar - back;
            var length = (terminal.Prefix && rightIsWord ? endChar + WordCharsFrom(text, end, map) : endChar) - startChar;
            sink.Add(terminal.PatternId, startChar, length);
        }
    }

    /// <summary>
    /// Where a match of <paramref name="length"/> normalised characters starts whose last one is normalised character
    /// <paramref name="taken"/> (counted from 1) of the character at byte <paramref name="at"/>: a separator run counts
    /// as one character, an expansion as its length. Start is -1 when the match would start inside an expansion (after
    /// a word character, so never at a word start); Back is how many characters before the one at <paramref name="at"/>.
    /// </summary>
    private static (int Start, int Back) StartUtf8(ReadOnlySpan<byte> text, ulong[] map, int at, int taken, int length)
    {
        var remaining = length - taken;
        var position = at;
        var back = 0;
        while (remaining > 0)
        {
            // Only a block scan can walk back into bytes it did not take (a paragraph it hands on): no match starts there.
            if (position == 0)
            {
                return (-1, 0);
            }

            position = PreviousStart(text, position);
            back++;
            var entry = EntryAt(text, position, map);
            if ((entry & Separator) != 0)
            {
                while (position > 0 && (EntryAt(text, PreviousStart(text, position), map) & Separator) != 0)
                {
                    position = PreviousStart(text, position);
                    back++;
                }

                remaining--;
            }
            else if ((entry & Slow) != 0)
            {
                return (-1, 0);
            }
            else
            {
                remaining -= (int)(entry & CountMask);
            }
        }

        return remaining < 0 ? (-1, 0) : (position, back);
    }

    /// <summary>The start of the character before byte <paramref name="position"/> (above 0; validated by the scan, or the text's start).</summary>
    private static int PreviousStart(ReadOnlySpan<byte> text, int position)
    {
        position--;
        while (position > 0 && (text[position] & 0xC0) == 0x80)
        {
            position--;
        }

        return position;
    }

    /// <summary>The character at a position the scan has already validated.</summary>
    private static int DecodeValid(ReadOnlySpan<byte> text, int position) => text[position] < 0x80 ? text[position] : DecodeBmp(text, position, out _);

    /// <summary>The <paramref name="map"/> entry of the character at <paramref name="position"/>; <see cref="Slow"/> where the bytes are not a BMP character.</summary>
    private static ulong EntryAt(ReadOnlySpan<byte> text, int position, ulong[] map)
    {
        var c = DecodeValid(text, position);
        return c < 0 ? Slow : map[c];
    }

    private static bool IsWordBeforeUtf8(ReadOnlySpan<byte> text, int position, ulong[] map) =>
        (EntryAt(text, PreviousStart(text, position), map) & (Word | Slow)) == Word;

    /// <summary>
    /// Whether the character at <paramref name="position"/> (not yet scanned) is a word character; an invalid or
    /// unsupported one answers false, which does not matter: the scan stops there and the text is decoded instead.
    /// </summary>
    private static bool IsWordUtf8(ReadOnlySpan<byte> text, int position, ulong[] map)
    {
        if (position >= text.Length)
        {
            return false;
        }

        int c = text[position];
        return (c < 0x80 || (c = DecodeBmp(text, position, out _)) >= 0) && (map[c] & (Word | Slow)) == Word;
    }

    /// <summary>Where the word characters that follow from byte <paramref name="from"/> end (BMP characters only).</summary>
    private static int WordEndUtf8(ReadOnlySpan<byte> text, int from, ulong[] map)
    {
        while (from < text.Length)
        {
            int c = text[from];
            var width = 1;
            if ((c >= 0x80 && (c = DecodeBmp(text, from, out width)) < 0) || (map[c] & (Word | Slow)) != Word)
            {
                break;
            }

            from += width;
        }

        return from;
    }

    /// <summary>How many word characters follow from byte <paramref name="from"/> (UTF-16 code units: BMP characters only).</summary>
    private static int WordCharsFrom(ReadOnlySpan<byte> text, int from, ulong[] map)
    {
        var count = 0;
        foreach (var b in text[from..WordEndUtf8(text, from, map)])
        {
            count += (b & 0xC0) == 0x80 ? 0 : 1;
        }

        return count;
    }
}
