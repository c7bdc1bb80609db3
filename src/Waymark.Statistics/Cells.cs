using System.Globalization;
using Waymark.Csv;

namespace Waymark.Statistics;

/// <summary>
/// The cells of a table held as one character array plus one offset and length per cell: a million-row file costs two
/// ints per cell instead of a string object per cell. Filled from the one CSV reader (<see cref="CsvReader"/> in R's dialect, as
/// <c>read.csv</c> reads) or from values in memory, so analyses read both the same way.
/// </summary>
internal sealed class Cells
{
    private readonly char[] _text;
    private readonly int[] _starts;
    private readonly int[] _lengths;

    private Cells(char[] text, IReadOnlyList<string> header, int rowCount, int[] starts, int[] lengths)
    {
        _text = text;
        Header = header;
        RowCount = rowCount;
        _starts = starts;
        _lengths = lengths;
    }

    public IReadOnlyList<string> Header { get; }

    /// <summary>Data rows, the header not counted.</summary>
    public int RowCount { get; }

    /// <summary>Reads a CSV file (strict UTF-8, R's dialect); a missing file or a malformed line is a problem naming it.</summary>
    public static Result<Cells> Load(string path)
    {
        if (!File.Exists(path))
        {
            return Result.Fail<Cells>($"The data file '{path}' does not exist.");
        }

        var file = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1, FileOptions.SequentialScan);

        // A UTF-8 file never has more characters than bytes, so its length is room for every cell: no regrowth.
        var room = (int)Math.Min(file.Length, Array.MaxLength);
        return CsvReader.Open(file, path, CsvDialect.R).Then(csv => Read(csv, room));
    }

    /// <summary>Parses CSV text in R's dialect; <paramref name="source"/> names it in problems.</summary>
    public static Result<Cells> Parse(string text, string source) => CsvReader.Parse(text, source, CsvDialect.R).Then(csv => Read(csv, text.Length));

    private static Result<Cells> Read(CsvReader csv, int room)
    {
        using (csv)
        {
            var text = new CharList(room);
            var cells = new CellList(csv.Header.Count * 16);
            foreach (var name in csv.Header)
            {
                cells.Add(text.Length, name.Length);
                text.Append(name);
            }

            var rows = 0;
            while (true)
            {
                var next = csv.Read();
                if (!next.IsSuccess)
                {
                    return Result.Fail<Cells>(next.Problem!);
                }

                if (!next.Value)
                {
                    break;
                }

                for (var i = 0; i < csv.FieldCount; i++)
                {
                    var field = csv.Field(i);
                    cells.Add(text.Length, field.Length);
                    text.Append(field);
                }

                rows++;
            }

            var (starts, lengths) = cells.ToArrays();
            return Result.Ok(new Cells(text.ToArray(), csv.Header.ToArray(), rows, starts, lengths));
        }
    }

    /// <summary>
    /// The same storage from values in memory: every value (null as an empty, missing cell) is appended to one
    /// text with its start and length, so analyses read it exactly as they read a parsed file.
    /// </summary>
    public static Cells FromRows(IReadOnlyList<string> header, IEnumerable<IReadOnlyList<string?>> rows)
    {
        var text = new CharList(256);
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
        return new Cells(text.ToArray(), header.ToArray(), count, starts, lengths);
    }

    /// <summary>The cell of a data row (0-based, header excluded).</summary>
    public ReadOnlySpan<char> Cell(int row, int column)
    {
        var index = ((row + 1) * Header.Count) + column;
        return _text.AsSpan(_starts[index], _lengths[index]);
    }

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
    /// <summary>The cells' characters, appended one after another into one array (handed over, not copied, at the end).</summary>
    private sealed class CharList(int capacity)
    {
        private char[] _chars = new char[Math.Max(capacity, 16)];

        public int Length { get; private set; }

        public void Append(ReadOnlySpan<char> text)
        {
            if (Length > _chars.Length - text.Length)
            {
                Array.Resize(ref _chars, (int)Math.Min(Math.Max((long)_chars.Length * 2, (long)Length + text.Length), Array.MaxLength));
            }

            text.CopyTo(_chars.AsSpan(Length));
            Length += text.Length;
        }

        public char[] ToArray() => _chars;
    }

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
