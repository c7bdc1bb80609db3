using System.Buffers;
using System.Runtime.CompilerServices;
using System.Text;
using Waymark.Text;

namespace Waymark.Content.Corpus;

/// <summary>
/// The paragraphs of a UTF-8 text file found on the bytes, without decoding to UTF-16 or making a string
/// per line: the same rules and offsets as <see cref="TextCorpusReader"/> over a <see cref="StreamReader"/>
/// (line breaks \n, \r\n, \r, U+0085, U+2028, U+2029; blank lines hold only whitespace; U+2029 ends a
/// paragraph; a UTF-8 BOM is skipped). The paragraphs found whole in a block go to the consumer together, before
/// the block is refilled. Memory: one block, grown only to hold a paragraph longer than it.
/// </summary>
internal sealed class Utf8ParagraphReader
{
    /// <summary>The first byte of every line break: \n, \r, U+0085 (C2 85), U+2028 and U+2029 (E2 80 A8/A9).</summary>
    private static readonly SearchValues<byte> BreakStarts = SearchValues.Create([(byte)'\n', (byte)'\r', 0xC2, 0xE2]);

    /// <summary>The ASCII characters <see cref="char.IsWhiteSpace(char)"/> accepts.</summary>
    private static readonly SearchValues<byte> AsciiWhiteSpace = SearchValues.Create(" \t\n\v\f\r"u8);

    private readonly Stream _stream;
    private readonly BlockSink _sink;
    private ParagraphBlock _block;
    private List<Utf8Paragraph> _found;
    private byte[] _buffer;
    private readonly LineFeeds _lineFeeds = new();
    private bool _ascii;
    private bool _lineFeedsOnly;
    private int _length;
    private bool _eof;
    private int _counted;
    private long _countedChars;
    private int _paragraphStart = -1;
    private int _paragraphEnd;
    private long _paragraphOffset;

    private Utf8ParagraphReader(Stream stream, BlockSink sink, ParagraphBlock first)
    {
        _stream = stream;
        _sink = sink;
        _block = first;
        _found = first.Paragraphs;
        _buffer = first.Buffer;
    }

    /// <summary>
    /// False when the file starts with a UTF-16 or UTF-32 byte order mark: a <see cref="StreamReader"/> would
    /// decode it as that encoding, so it must be read as characters.
    /// </summary>
    public static bool IsUtf8(ReadOnlySpan<byte> head) =>
        !head.StartsWith((ReadOnlySpan<byte>)[0xFE, 0xFF]) && !head.StartsWith((ReadOnlySpan<byte>)[0xFF, 0xFE])
        && !head.StartsWith((ReadOnlySpan<byte>)[0x00, 0x00, 0xFE, 0xFF]);

    /// <summary>
    /// Feeds every paragraph of <paramref name="stream"/> to <paramref name="consumer"/>, a block at a time, on this
    /// thread; <paramref name="afterBlock"/> runs after each block. With <paramref name="pipelined"/>, another thread
    /// reads the next blocks while this one consumes (worth it for files of several blocks).
    /// </summary>
    public static void Read(Stream stream, CorpusPost post, IParagraphConsumer consumer, Action? afterBlock = null, int blockSize = 1 << 20, bool pipelined = false)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(blockSize, 4);
        if (!pipelined)
        {
            var sink = new DirectBlockSink(consumer, post, blockSize);
            new Utf8ParagraphReader(stream, sink, sink.Next(null)).Run(afterBlock);
            return;
        }

        using var pipeline = new BlockPipeline(blockSize);
        var reader = new Utf8ParagraphReader(stream, pipeline, pipeline.Next(null));
        pipeline.Run(() => reader.Run(afterBlock: null), consumer, post, afterBlock);
    }

    // The loops below run for the whole file: they are jitted optimised at once, since tiering would only add
    // an instrumented phase.
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private void Run(Action? afterBlock)
    {
        Fill();
        var position = _buffer.AsSpan(0, _length).StartsWith((ReadOnlySpan<byte>)[0xEF, 0xBB, 0xBF]) ? 3 : 0;
        _counted = position;
        while (true)
        {
            var (end, next, paragraphBreak) = NextLine(position);
            if (end < 0)
            {
                if (_eof)
                {
                    break;
                }

                position = Handoff(position);
                Fill();
                afterBlock?.Invoke();
                continue;
            }

            Line(position, end, paragraphBreak);
            position = next;
        }

        if (position < _length)
        {
            Line(position, _length, paragraphBreak: false);
        }

        Close();
        _block.Length = _length;
        _sink.Send(_block);
    }

    /// <summary>The line starting at <paramref name="start"/>: its end and the next line's start, or End = -1 when the block ends first (at the end of the file: the last line has no break).</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private (int End, int Next, bool ParagraphBreak) NextLine(int start)
    {
        if (_lineFeedsOnly)
        {
            var feed = _lineFeeds.NextFrom(start);
            return feed < 0 ? (-1, 0, false) : (feed, feed + 1, false);
        }

        var search = start;
        while (true)
        {
            // An ASCII block holds no U+0085, U+2028 or U+2029.
            var rest = _buffer.AsSpan(search, _length - search);
            var at = _ascii ? rest.IndexOfAny((byte)'\n', (byte)'\r') : rest.IndexOfAny(BreakStarts);
            if (at < 0)
            {
                return (-1, 0, false);
            }

            var k = search + at;
            var available = _length - k - 1;
            switch (_buffer[k])
            {
                case (byte)'\n':
                    return (k, k + 1, false);
                case (byte)'\r':
                    if (available == 0 && !_eof)
                    {
                        return (-1, 0, false);
                    }

                    return (k, available > 0 && _buffer[k + 1] == '\n' ? k + 2 : k + 1, false);
                case 0xC2:
                    if (available == 0 && !_eof)
                    {
                        return (-1, 0, false);
                    }

                    if (available > 0 && _buffer[k + 1] == 0x85)
                    {
                        return (k, k + 2, false);
                    }

                    break;
                default:
                    if (available < 2 && !_eof)
                    {
                        return (-1, 0, false);
                    }

                    if (available >= 2 && _buffer[k + 1] == 0x80 && _buffer[k + 2] is 0xA8 or 0xA9)
                    {
                        return (k, k + 3, _buffer[k + 2] == 0xA9);
                    }

                    break;
            }

            search = k + 1;
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private void Line(int start, int end, bool paragraphBreak)
    {
        if (IsBlank(_buffer.AsSpan(start, end - start)))
        {
            Close();
            return;
        }

        if (_paragraphStart < 0)
        {
            _paragraphStart = start;
            _paragraphOffset = CharsUpTo(start);
        }

        _paragraphEnd = end;
        if (paragraphBreak)
        {
            Close();
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private void Close()
    {
        if (_paragraphStart < 0)
        {
            return;
        }

        var length = _paragraphEnd - _paragraphStart;
        var chars = CharCount(_paragraphStart, length);
        _found.Add(new Utf8Paragraph(new ByteRange(_paragraphStart, length), _paragraphOffset, chars));

        // The paragraph's characters are counted: the next offset counts on from its end, not from its start again.
        _counted = _paragraphEnd;
        _countedChars = _paragraphOffset + chars;
        _paragraphStart = -1;
    }

    /// <summary>The UTF-16 offset of byte <paramref name="position"/> (a line start), counting each byte once.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private long CharsUpTo(int position)
    {
        _countedChars += CharCount(_counted, position - _counted);
        _counted = position;
        return _countedChars;
    }

    /// <summary>
    /// Sends the block with its paragraphs, then moves the unfinished paragraph (or line) to the front of the next
    /// block, growing that when the paragraph fills it; returns the new position of <paramref name="position"/>.
    /// </summary>
    private int Handoff(int position)
    {
        var keep = _paragraphStart >= 0 ? _paragraphStart : position;
        CharsUpTo(keep);
        var tail = _length - keep;
        var bytes = _buffer;
        var sent = _block;
        sent.Length = _length;
        _sink.Send(sent);

        // The sent block's bytes stay as they are (a consumer may still read them): copy from them, never into them,
        // unless the sink hands the same block back (then its consumer is done with it).
        _block = _sink.Next(sent);
        if (tail >= _block.Buffer.Length)
        {
            _block.Buffer = new byte[Math.Max(tail * 2, _block.Buffer.Length)];
        }

        bytes.AsSpan(keep, tail).CopyTo(_block.Buffer);
        _buffer = _block.Buffer;
        _found = _block.Paragraphs;
        _length = tail;
        _counted = 0;
        if (_paragraphStart >= 0)
        {
            _paragraphStart -= keep;
            _paragraphEnd -= keep;
        }

        return position - keep;
    }

    private void Fill()
    {
        while (_length < _buffer.Length)
        {
            var read = _stream.Read(_buffer, _length, _buffer.Length - _length);
            if (read == 0)
            {
                _eof = true;
                break;
            }

            _length += read;
        }

        var block = _buffer.AsSpan(0, _length);
        _ascii = Ascii.IsValid(block);

        // Without carriage returns and the Unicode breaks (never in ASCII), every line ends at a line feed. Those
        // breaks' lead bytes C2 and E2 never continue another sequence, so finding none of them whole in the block
        // means none is there (one cut at the block's end stays after the last line feed and is looked at again).
        _lineFeedsOnly = !block.Contains((byte)'\r')
            && (_ascii || (block.IndexOf("\u0085"u8) < 0 && block.IndexOf("\u2028"u8) < 0 && block.IndexOf("\u2029"u8) < 0));
        if (_lineFeedsOnly)
        {
            _lineFeeds.Index(block);
        }
    }

    /// <summary>
    /// UTF-16 code units in the <paramref name="length"/> bytes from <paramref name="start"/>: their number when the block
    /// or the bytes are ASCII (the common case, checked once per block), else the decoder's count (U+FFFD for each
    /// invalid sequence, as a <see cref="StreamReader"/> reads it).
    /// </summary>
    private int CharCount(int start, int length)
    {
        var utf8 = _buffer.AsSpan(start, length);
        return _ascii || Ascii.IsValid(utf8) ? length : Encoding.UTF8.GetCharCount(utf8);
    }

    /// <summary>Only whitespace (<see cref="char.IsWhiteSpace(char)"/>, of any script); an invalid sequence is U+FFFD, not whitespace.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    internal static bool IsBlank(ReadOnlySpan<byte> line)
    {
        // Most lines are empty or start with a printable ASCII character.
        if (line.IsEmpty)
        {
            return true;
        }

        if (line[0] is > (byte)' ' and < 0x80)
        {
            return false;
        }

        // Outside ASCII, only characters led by C2 (U+0085, U+00A0), E1 (U+1680), E2 (U+2000–U+205F) and E3 (U+3000)
        // are whitespace; any other lead, and a stray continuation byte (U+FFFD), starts a line that is not blank.
        if (line[0] >= 0x80 && line[0] is not (0xC2 or 0xE1 or 0xE2 or 0xE3))
        {
            return false;
        }

        var at = line.IndexOfAnyExcept(AsciiWhiteSpace);
        while (at >= 0)
        {
            if (line[at] < 0x80 || Rune.DecodeFromUtf8(line[at..], out var rune, out var consumed) != OperationStatus.Done
                || !Rune.IsWhiteSpace(rune))
            {
                return false;
            }

            line = line[(at + consumed)..];
            at = line.IndexOfAnyExcept(AsciiWhiteSpace);
        }

        return true;
    }
}
