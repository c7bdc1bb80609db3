using nietras.SeparatedValues;

namespace Waymark.Csv;

/// <summary>
/// The one CSV reader (on Sep): a header line, then records, in a <see cref="CsvDialect"/>. Fields are spans valid until
/// the next <see cref="Read"/>, so a million-row file costs no string per cell. Every problem is a <see cref="Problem"/>
/// naming the source, the text line (<see cref="LineUnit.Line"/>: a record whose quoted field holds a line break spans
/// several, so the line is not the record's number) and the column (the header's name for the field, or its 1-based
/// number): bytes that are not UTF-8, an unclosed or misplaced quote, a record with more or fewer fields than the header
/// (whose message names the record too). Blank lines are skipped.
/// </summary>
public sealed class CsvReader : IDisposable
{
    private readonly SepReader _sep;
    private readonly string _source;
    private readonly CsvDialect _dialect;
    private char[] _unescaped = new char[256];
    private int _used;
    private (int Start, int Length)[] _fields = new (int, int)[16];
    private string[] _header = [];
    private bool _end;
    private int _nextLine = 1;

    // Where a field's text is: Plain (Sep's span), Enclosed (Sep's span less its two quotes), or at 0.. in _unescaped.
    private const int Plain = -1;
    private const int Enclosed = -2;

    private CsvReader(SepReader sep, string source, CsvDialect dialect)
    {
        _sep = sep;
        _source = source;
        _dialect = dialect;
    }

    /// <summary>The column names of the first non-blank line.</summary>
    public IReadOnlyList<string> Header => _header;

    /// <summary>The 1-based text line where the current record starts (a quoted field may span lines); the header's line before the first <see cref="Read"/>.</summary>
    public int Line { get; private set; }

    /// <summary>The 1-based number of the current record, the header not counted: a spreadsheet shows it on row <c>Record + 1</c>.</summary>
    public int Record { get; private set; }

    /// <summary>The number of fields in the current record (the header's count).</summary>
    public int FieldCount { get; private set; }

    /// <summary>Reads UTF-8 bytes from <paramref name="utf8"/> (closed with the reader); <paramref name="source"/> names it in problems.</summary>
    public static Result<CsvReader> Open(Stream utf8, string source, CsvDialect dialect)
    {
        ArgumentNullException.ThrowIfNull(utf8);
        return Open(new StrictUtf8Reader(utf8), source, dialect);
    }

    /// <summary>Reads text already in memory; a leading byte order mark is dropped.</summary>
    public static Result<CsvReader> Parse(string text, string source, CsvDialect dialect)
    {
        ArgumentNullException.ThrowIfNull(text);
        return Open(new StringReader(text.StartsWith('\uFEFF') ? text[1..] : text), source, dialect);
    }

    private static Result<CsvReader> Open(TextReader text, string source, CsvDialect dialect)
    {
        ArgumentNullException.ThrowIfNull(source);
        ArgumentNullException.ThrowIfNull(dialect);
        SepReader sep;
        try
        {
            sep = new Sep(dialect.Separator).Reader(o => o with { HasHeader = false, DisableColCountCheck = true, CultureInfo = System.Globalization.CultureInfo.InvariantCulture }).From(text);
        }
        catch (InvalidUtf8Exception e)
        {
            text.Dispose();
            return Result.Fail<CsvReader>(NotUtf8(source, e));
        }
        catch (NotSupportedException)
        {
            text.Dispose();
            return Result.Fail<CsvReader>(Unclosed(source, 1));
        }

        var reader = new CsvReader(sep, source, dialect);
        var header = reader.Next();
        if (!header.IsSuccess || !header.Value)
        {
            reader.Dispose();
            return Result.Fail<CsvReader>(header.Problem ?? At(source, 0, null, "the file is empty; the first line must name the columns."));
        }

        reader._header = new string[reader.FieldCount];
        for (var i = 0; i < reader.FieldCount; i++)
        {
            reader._header[i] = reader.Field(i).ToString();
        }

        return Result.Ok(reader);
    }

    /// <summary>The field <paramref name="index"/> (0-based) of the current record, unquoted; valid until the next <see cref="Read"/>.</summary>
    public ReadOnlySpan<char> Field(int index)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(index);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(index, FieldCount);
        var (start, length) = _fields[index];
        return start switch
        {
            >= 0 => _unescaped.AsSpan(start, length),
            Plain => _sep.Current[index].Span,
            _ => _sep.Current[index].Span[1..^1],
        };
    }

    /// <summary>
    /// A problem a caller found in the current record (or in the header, before the first <see cref="Read"/>), located
    /// as the reader locates its own: the source, the record's first line as a text line, and <paramref name="column"/>.
    /// </summary>
    public Problem ProblemHere(string message, string? column = null) => At(_source, Line, column, message);

    /// <summary>The index of the header column named <paramref name="name"/> (ordinal), or -1.</summary>
    public int ColumnIndex(string name) => Array.IndexOf(_header, name);

    /// <summary>Moves to the next record: true when there is one, false at the end, a problem when the file is malformed there.</summary>
    public Result<bool> Read()
    {
        var next = Next();
        if (next.IsSuccess && next.Value)
        {
            Record++;
            if (FieldCount != _header.Length)
            {
                _end = true;
                return Result.Fail<bool>(ProblemHere($"record {Record} has {FieldCount} fields where the header has {_header.Length}."));
            }
        }

        return next;
    }

    public void Dispose() => _sep.Dispose();

    private Result<bool> Next()
    {
        if (_end)
        {
            return Result.Ok(false);
        }

        try
        {
            while (_sep.MoveNext())
            {
                // A record starts where the previous one ended: Sep's own LineNumberFrom is 2 for the first record.
                var row = _sep.Current;
                var start = _nextLine;
                _nextLine = row.LineNumberToExcl;
                if (row.ColCount == 1 && row.Span.IsEmpty)
                {
                    continue;
                }

                Line = start;
                return Fields(row);
            }
        }
        catch (InvalidUtf8Exception e)
        {
            _end = true;
            return Result.Fail<bool>(NotUtf8(_source, e));
        }
        catch (NotSupportedException)
        {
            // Sep's buffer reached its largest size: a record that long is a quote that is never closed.
            _end = true;
            return Result.Fail<bool>(Unclosed(_source, _nextLine));
        }

        _end = true;
        return Result.Ok(false);
    }

    /// <summary>Notes where each field's text is; fields with quotes are unquoted into one buffer per record.</summary>
    private Result<bool> Fields(SepReader.Row row)
    {
        FieldCount = row.ColCount;
        if (_fields.Length < FieldCount)
        {
            Array.Resize(ref _fields, Math.Max(FieldCount, _fields.Length * 2));
        }

        _used = 0;
        for (var i = 0; i < FieldCount; i++)
        {
            var raw = row[i].Span;
            var quote = raw.IndexOf('"');
            if (quote < 0)
            {
                _fields[i] = (Plain, 0);
                continue;
            }

            if (quote == 0 && raw.Length > 1 && raw[^1] == '"' && !raw[1..^1].Contains('"'))
            {
                // The common quoted field ("A", as R's write.csv writes every text): its inside, with no copy.
                _fields[i] = (Enclosed, 0);
                continue;
            }

            var start = _used;
            var error = Unquote(raw);
            if (error is not null)
            {
                _end = true;
                return Result.Fail<bool>(Located(row, i, error));
            }

            _fields[i] = (start, _used - start);
        }

        return Result.Ok(true);
    }

    /// <summary>Appends the field without its quoting; a message when the quoting is malformed in this dialect.</summary>
    private string? Unquote(ReadOnlySpan<char> raw)
    {
        if (!_dialect.QuotesAnywhere && raw[0] != '"')
        {
            return "a double quote inside a field that does not start with one; quote the whole field and double the quote (\"\").";
        }

        var quoted = false;
        var closedAt = -1;
        for (var i = 0; i < raw.Length; i++)
        {
            var c = raw[i];
            if (c != '"')
            {
                if (closedAt >= 0 && !_dialect.QuotesAnywhere)
                {
                    return "text after the closing quote of a quoted field; quote the whole field and double the quotes inside (\"\").";
                }

                Append(c);
            }
            else if (quoted && i + 1 < raw.Length && raw[i + 1] == '"')
            {
                Append('"');
                i++;
            }
            else
            {
                quoted = !quoted;
                closedAt = quoted ? -1 : i;
                if (quoted && !_dialect.QuotesAnywhere && i > 0)
                {
                    return "text after the closing quote of a quoted field; quote the whole field and double the quotes inside (\"\").";
                }
            }
        }

        // Sep ends a field inside quotes only at the end of the file.
        return quoted ? "a quoted field is not closed before the end of the file; check for a stray double quote." : null;
    }

    /// <summary>A problem at field <paramref name="index"/>: the line it starts on, the header's name for it (or its number).</summary>
    private Problem Located(SepReader.Row row, int index, string message)
    {
        var offset = 0;
        for (var i = 0; i < index; i++)
        {
            offset += row[i].Span.Length + 1;
        }

        var before = row.Span[..Math.Min(offset, row.Span.Length)];
        var line = Line + before.Count('\n') + before.Count('\r') - before.Count("\r\n");
        var column = index < _header.Length && _header[index].Length > 0
            ? _header[index]
            : (index + 1).ToString(System.Globalization.CultureInfo.InvariantCulture);
        return At(_source, line, column, message);
    }

    private void Append(char c)
    {
        if (_used == _unescaped.Length)
        {
            Array.Resize(ref _unescaped, _unescaped.Length * 2);
        }

        _unescaped[_used++] = c;
    }

    private static Problem At(string source, int line, string? column, string message) => new(source, line, column, message) { Unit = LineUnit.Line };

    private static Problem Unclosed(string source, int line) =>
        At(source, line, null, "a quoted field is not closed within the longest record Waymark reads; check for a stray double quote.");

    private static Problem NotUtf8(string source, InvalidUtf8Exception e) =>
        At(source, e.Line, e.Column.ToString(System.Globalization.CultureInfo.InvariantCulture),
            $"byte 0x{e.Value:X2} is not UTF-8; save the file as UTF-8 (a file in Latin-1 or Windows-1252 would mix up letters such as ö and é).");
}
