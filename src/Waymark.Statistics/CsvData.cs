using System.Globalization;

namespace Waymark.Statistics;

/// <summary>
/// A CSV file (RFC 4180 quoting, the shape R's write.csv produces) held as its text plus one offset and
/// length per cell: cells are read as spans, so a million-row file costs two ints per cell instead of a
/// string object per cell. Only fields with doubled quotes inside are unescaped into strings of their own.
/// </summary>
internal sealed class CsvData
{
    private readonly string _text;
    private readonly int[] _starts;
    private readonly int[] _lengths;
    private readonly Dictionary<int, string> _unescaped;

    private CsvData(string text, IReadOnlyList<string> header, int rowCount, int[] starts, int[] lengths, Dictionary<int, string> unescaped)
    {
        _text = text;
        Header = header;
        RowCount = rowCount;
        _starts = starts;
        _lengths = lengths;
        _unescaped = unescaped;
    }

    public IReadOnlyList<string> Header { get; }

    /// <summary>Data rows, the header not counted.</summary>
    public int RowCount { get; }

    public static Result<CsvData> Load(string path)
    {
        if (!File.Exists(path))
        {
            return Result.Fail<CsvData>($"The data file '{path}' does not exist.");
        }

        return Parse(File.ReadAllText(path), path);
    }

    /// <summary>
    /// The same storage from values in memory: every value (null as an empty, missing cell) is appended to one
    /// text with its start and length, so analyses read it exactly as they read a parsed file.
    /// </summary>
    public static CsvData FromRows(IReadOnlyList<string> header, IEnumerable<IReadOnlyList<string?>> rows)
    {
        var text = new System.Text.StringBuilder();
        var cells = new CellList(header.Count * 16);
        foreach (var name in header)
        {
            cells.Add(text.Length, name.Length);
            text.Append(name);
        }

        var count = 0;
        foreach (var row in rows)
        {
            if (row.Count != header.Count)
            {
                throw new ArgumentException($"Row {count + 1} has {row.Count} values where there are {header.Count} columns.", nameof(rows));
            }

            foreach (var value in row)
            {
                cells.Add(text.Length, value?.Length ?? 0);
                text.Append(value);
            }

            count++;
        }

        var (starts, lengths) = cells.ToArrays();
        return new CsvData(text.ToString(), header.ToArray(), count, starts, lengths, []);
    }

    /// <summary>The cell of a data row (0-based, header excluded).</summary>
    public ReadOnlySpan<char> Cell(int row, int column)
    {
        var index = ((row + 1) * Header.Count) + column;
        var length = _lengths[index];
        return length >= 0 ? _text.AsSpan(_starts[index], length) : _unescaped[index];
    }

    public static Result<CsvData> Parse(string text, string source)
    {
        // Capacity from a vectorised count of lines and of the first line's commas: no doubling copies.
        var firstLine = text.AsSpan(0, Math.Max(0, text.IndexOf('\n', StringComparison.Ordinal)));
        var cells = new CellList((text.AsSpan().Count('\n') + 1) * (firstLine.Count(',') + 1));
        var unescaped = new Dictionary<int, string>();
        var columns = -1;
        var line = 1;
        var fieldsInRecord = 0;
        var position = 0;
        while (position < text.Length)
        {
            if (fieldsInRecord == 0 && SkipBlankLine(text, ref position))
            {
                // R's read.csv skips blank lines too (blank.lines.skip = TRUE).
                line++;
                continue;
            }

            int start, length, end;
            if (text[position] == '"')
            {
                // Quoted: runs to the closing quote; a doubled quote inside stands for one quote.
                var closing = FindClosingQuote(text, position + 1, out var escaped);
                if (closing < 0)
                {
                    return Result.Fail<CsvData>($"{source}: a quoted field is not closed; check for a stray double quote.");
                }

                start = position + 1;
                length = closing - start;
                end = text.AsSpan(closing + 1).IndexOfAny(',', '\n');
                end = end < 0 ? text.Length : closing + 1 + end;

                // Text after the closing quote (not RFC 4180, but written by hand now and then) is kept.
                var after = TrimCarriageReturn(text.AsSpan(closing + 1, end - closing - 1));
                if (escaped || after.Length > 0)
                {
                    var inside = text.AsSpan(start, length);
                    unescaped[cells.Count] = string.Concat(escaped ? inside.ToString().Replace("\"\"", "\"", StringComparison.Ordinal).AsSpan() : inside, after);
                    length = -1;
                }
            }
            else
            {
                var next = text.AsSpan(position).IndexOfAny(',', '\n');
                end = next < 0 ? text.Length : position + next;
                start = position;
                length = TrimCarriageReturn(text.AsSpan(start, end - start)).Length;
            }

            cells.Add(start, length);
            fieldsInRecord++;
            var endOfRecord = end >= text.Length || text[end] == '\n';
            if (endOfRecord)
            {
                if (columns < 0)
                {
                    columns = fieldsInRecord;
                }
                else if (fieldsInRecord != columns)
                {
                    return Result.Fail<CsvData>($"{source}, line {line}: {fieldsInRecord} fields where the header has {columns}.");
                }

                fieldsInRecord = 0;
                line++;
            }

            position = end + 1;
            if (!endOfRecord && position >= text.Length)
            {
                // A trailing comma: the record ends with an empty field.
                cells.Add(text.Length, 0);
                fieldsInRecord++;
                if (fieldsInRecord != columns && columns >= 0)
                {
                    return Result.Fail<CsvData>($"{source}, line {line}: {fieldsInRecord} fields where the header has {columns}.");
                }

                columns = columns < 0 ? fieldsInRecord : columns;
            }
        }

        if (columns < 0)
        {
            return Result.Fail<CsvData>($"{source}: the file is empty; the first line must name the columns.");
        }

        var (starts, lengths) = cells.ToArrays();
        var header = new string[columns];
        var data = new CsvData(text, header, (cells.Count / columns) - 1, starts, lengths, unescaped);
        for (var c = 0; c < columns; c++)
        {
            header[c] = data.Cell(-1, c).ToString();
        }

        return Result.Ok<CsvData>(data);
    }

    private static bool SkipBlankLine(string text, ref int position)
    {
        var rest = text.AsSpan(position);
        var blank = rest.StartsWith("\n") ? 1 : rest.StartsWith("\r\n") ? 2 : 0;
        position += blank;
        return blank > 0;
    }

    private static int FindClosingQuote(string text, int from, out bool escaped)
    {
        escaped = false;
        var i = from;
        while (true)
        {
            var next = text.AsSpan(i).IndexOf('"');
            if (next < 0)
            {
                return -1;
            }

            i += next;
            if (i + 1 < text.Length && text[i + 1] == '"')
            {
                escaped = true;
                i += 2;
                continue;
            }

            return i;
        }
    }

    private static ReadOnlySpan<char> TrimCarriageReturn(ReadOnlySpan<char> field) => field.TrimEnd('\r');

    public Result<int> Column(string name)
    {
        for (var i = 0; i < Header.Count; i++)
        {
            if (string.Equals(Header[i], name, StringComparison.Ordinal))
            {
                return Result.Ok<int>(i);
            }
        }

        return Result.Fail<int>($"There is no column '{name}'. Columns: {string.Join(", ", Header)}.");
    }

    /// <summary>Numbers are read with the invariant culture: a decimal point, never a comma.</summary>
    public static bool TryNumber(ReadOnlySpan<char> cell, out double value) =>
        TryPlainDecimal(cell, out value) || double.TryParse(cell, NumberStyles.Float, CultureInfo.InvariantCulture, out value);

    /// <summary>
    /// The common survey case ("-12.375", at most 15 digits) without the general parser: the digits form an
    /// exact integer below 2^53 and the power of ten is exact, so one division is correctly rounded, the very
    /// double that double.Parse returns (Clinger's fast path). Anything else goes to double.TryParse.
    /// </summary>
    private static bool TryPlainDecimal(ReadOnlySpan<char> cell, out double value)
    {
        value = 0;
        if (cell.Length is 0 or > 17)
        {
            return false;
        }

        var negative = cell[0] == '-';
        long mantissa = 0;
        int digits = 0, decimals = -1;
        for (var i = negative ? 1 : 0; i < cell.Length; i++)
        {
            if (cell[i] == '.')
            {
                if (decimals >= 0)
                {
                    return false;
                }

                decimals = 0;
                continue;
            }

            var digit = cell[i] - '0';
            if ((uint)digit > 9)
            {
                return false;
            }

            mantissa = (mantissa * 10) + digit;
            digits++;
            decimals += decimals >= 0 ? 1 : 0;
        }

        if (digits is 0 or > 15)
        {
            return false;
        }

        value = decimals > 0 ? mantissa / PowersOfTen[decimals] : mantissa;
        value = negative ? -value : value;
        return true;
    }

    private static readonly double[] PowersOfTen =
        [1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11, 1e12, 1e13, 1e14, 1e15, 1e16];

    /// <summary>Empty cells and R's NA are missing values.</summary>
    public static bool IsMissing(ReadOnlySpan<char> cell) => cell.Length == 0 || cell is "NA";

    /// <summary>Growable pair of int arrays, so cells cost no object each.</summary>
    private sealed class CellList
    {
        private int[] _starts;
        private int[] _lengths;

        public CellList(int capacity)
        {
            _starts = new int[Math.Max(capacity, 16)];
            _lengths = new int[_starts.Length];
        }

        public int Count { get; private set; }

        public void Add(int start, int length)
        {
            if (Count == _starts.Length)
            {
                Array.Resize(ref _starts, Count * 2);
                Array.Resize(ref _lengths, Count * 2);
            }

            _starts[Count] = start;
            _lengths[Count] = length;
            Count++;
        }

        public (int[] Starts, int[] Lengths) ToArrays() => (_starts, _lengths);
    }
}
