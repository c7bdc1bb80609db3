using System.Buffers;
using System.Text;
using System.Text.Unicode;

namespace Waymark.Csv;

/// <summary>
/// Characters from a stream of UTF-8 bytes that refuses any byte that is not UTF-8 instead of replacing it: a Latin-1
/// file would otherwise turn "Köln" and "Kéln" into the same "K\uFFFDln". The refusal is an
/// <see cref="InvalidUtf8Exception"/> with the line (1-based) and character column of the bad byte, which
/// <see cref="CsvReader"/> turns into a <see cref="Problem"/>; only the characters before it are delivered.
/// A UTF-8 byte order mark at the start is dropped.
/// </summary>
internal sealed class StrictUtf8Reader(Stream stream, bool leaveOpen = false) : TextReader
{
    private readonly byte[] _bytes = ArrayPool<byte>.Shared.Rent(1 << 16);
    private int _start;
    private int _end;
    private bool _endOfStream;
    private bool _started;
    private int _line = 1;
    private int _column;
    private char? _pending;
    private bool _afterCr;
    private bool _disposed;

    public override int Read(char[] buffer, int index, int count) => Read(buffer.AsSpan(index, count));

    public override int Read(Span<char> buffer)
    {
        if (buffer.IsEmpty)
        {
            return 0;
        }

        if (_pending is { } low)
        {
            // The second half of a surrogate pair that did not fit in a one-character read.
            buffer[0] = low;
            _pending = null;
            return 1;
        }

        if (buffer.Length == 1)
        {
            Span<char> pair = stackalloc char[2];
            var read = Read(pair);
            if (read == 2)
            {
                _pending = pair[1];
            }

            pair[..Math.Min(read, 1)].CopyTo(buffer);
            return Math.Min(read, 1);
        }

        while (true)
        {
            if (_end - _start < 4 && !_endOfStream)
            {
                Fill();
                continue;
            }

            var status = Utf8.ToUtf16(_bytes.AsSpan(_start, _end - _start), buffer, out var consumed, out var written, replaceInvalidSequences: false, isFinalBlock: _endOfStream);
            _start += consumed;
            Track(buffer[..written]);
            if (written > 0)
            {
                return written;
            }

            switch (status)
            {
                case System.Buffers.OperationStatus.InvalidData:
                    throw new InvalidUtf8Exception(_line, _column + 1, _bytes[_start]);
                case System.Buffers.OperationStatus.NeedMoreData when !_endOfStream:
                    Fill();
                    break;
                default:
                    return 0;
            }
        }
    }

    public override int Peek() => -1;

    public override int Read()
    {
        Span<char> one = stackalloc char[1];
        return Read(one) == 0 ? -1 : one[0];
    }

    protected override void Dispose(bool disposing)
    {
        if (disposing && !_disposed)
        {
            // Once only: an array returned twice to the pool would be handed to two readers at once.
            _disposed = true;
            ArrayPool<byte>.Shared.Return(_bytes);
            if (!leaveOpen)
            {
                stream.Dispose();
            }
        }

        base.Dispose(disposing);
    }

    private void Fill()
    {
        // Keep the unread tail (at most a split character) and append what the stream has.
        _bytes.AsSpan(_start, _end - _start).CopyTo(_bytes);
        _end -= _start;
        _start = 0;
        var read = stream.Read(_bytes, _end, _bytes.Length - _end);
        _endOfStream = read == 0;
        _end += read;
        if (!_started && (_end >= 3 || _endOfStream))
        {
            _started = true;
            if (_bytes.AsSpan(0, _end).StartsWith(Encoding.UTF8.Preamble))
            {
                _start = 3;
            }
        }
    }

    /// <summary>
    /// Counts lines and the characters since the last line break, so that a bad byte can be located. A line ends with
    /// <c>\n</c>, <c>\r\n</c> or a lone <c>\r</c>, as the CSV reader counts them (a pair split between two reads is one break).
    /// </summary>
    private void Track(ReadOnlySpan<char> chars)
    {
        if (chars.IsEmpty)
        {
            return;
        }

        if (!_afterCr && !chars.Contains('\r'))
        {
            // The common case, vectorised: no carriage return to pair with a line feed.
            var last = chars.LastIndexOf('\n');
            if (last < 0)
            {
                _column += chars.Length;
                return;
            }

            _line += chars.Count('\n');
            _column = chars.Length - last - 1;
            return;
        }

        foreach (var c in chars)
        {
            if (c == '\r' || (c == '\n' && !_afterCr))
            {
                _line++;
                _column = 0;
            }
            else if (c != '\n')
            {
                _column++;
            }

            _afterCr = c == '\r';
        }
    }
}

/// <summary>A byte that is not UTF-8, at a 1-based line and character column; <see cref="CsvReader"/> reports it as a <see cref="Problem"/>.</summary>
internal sealed class InvalidUtf8Exception(int line, int column, byte value)
    : Exception($"line {line}, column {column}: byte 0x{value:X2} is not UTF-8")
{
    public int Line { get; } = line;

    public int Column { get; } = column;

    public byte Value { get; } = value;
}
