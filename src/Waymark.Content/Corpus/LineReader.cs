using System.Buffers;
using System.Text;

namespace Waymark.Content.Corpus;

/// <summary>
/// Reads lines in blocks, keeping what a line ended with so that offsets stay exact: the line breaks of
/// <see cref="Segmenter"/> (\n, \r\n, \r, U+0085, U+2028, U+2029). Memory is one block plus the current line.
/// </summary>
internal sealed class LineReader(TextReader reader)
{
    private static readonly SearchValues<char> Breaks = SearchValues.Create(Segmenter.LineBreakChars);
    private readonly char[] _buffer = new char[1 << 16];
    private readonly StringBuilder _line = new();
    private int _length;
    private int _position;

    /// <summary>Characters consumed so far (the offset of the next line).</summary>
    public long Consumed { get; private set; }

    /// <summary>The next line without its break, its break ("" at the end of the text), or null at the end.</summary>
    public (string Line, string Break)? Next()
    {
        _line.Clear();
        while (true)
        {
            if (_position == _length && !Fill())
            {
                if (_line.Length == 0)
                {
                    return null;
                }

                Consumed += _line.Length;
                return (_line.ToString(), string.Empty);
            }

            var span = _buffer.AsSpan(_position, _length - _position);
            var at = span.IndexOfAny(Breaks);
            if (at < 0)
            {
                _line.Append(span);
                _position = _length;
                continue;
            }

            _line.Append(span[..at]);
            var c = span[at];
            _position += at + 1;
            var lineBreak = c.ToString();
            if (c == '\r' && (_position < _length || Fill()) && _buffer[_position] == '\n')
            {
                _position++;
                lineBreak = "\r\n";
            }

            Consumed += _line.Length + lineBreak.Length;
            return (_line.ToString(), lineBreak);
        }
    }

    private bool Fill()
    {
        _length = reader.Read(_buffer, 0, _buffer.Length);
        _position = 0;
        return _length > 0;
    }
}
