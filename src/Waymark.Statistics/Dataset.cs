namespace Waymark.Statistics;

/// <summary>
/// The table every analysis reads: named columns of text values, one row per case, with an optional level
/// order per column. A missing value is null, an empty string or <c>NA</c> (R's
/// <c>na.strings = c("", "NA")</c>), so a table built from answers and the same answers written to CSV give
/// the same figures. Numbers are read with a decimal point (invariant culture). Weights are a column, named by
/// the analysis that uses them. Immutable: <see cref="WithLevelOrder"/> returns a new table sharing the values.
/// </summary>
public sealed class Dataset
{
    private readonly Cells _cells;
    private readonly Dictionary<string, IReadOnlyList<string>> _levelOrders;

    private Dataset(Cells cells, Dictionary<string, IReadOnlyList<string>> levelOrders)
    {
        _cells = cells;
        _levelOrders = levelOrders;
    }

    /// <summary>The column names, in order.</summary>
    public IReadOnlyList<string> Columns => _cells.Header;

    /// <summary>The number of rows (cases); a CSV's header line is not one.</summary>
    public int RowCount => _cells.RowCount;

    /// <summary>
    /// Reads a CSV file with a header line (RFC 4180 quoting, the shape R's <c>write.csv</c> writes). A file
    /// that does not exist or does not parse is a failure naming it (and the line).
    /// </summary>
    public static Result<Dataset> ReadCsv(string path) => Cells.Load(path).Map(Of);

    /// <summary>Parses CSV text; <paramref name="source"/> names it in messages (a file name).</summary>
    public static Result<Dataset> ParseCsv(string text, string source) => Cells.Parse(text, source).Map(Of);

    /// <summary>
    /// A table of <paramref name="columns"/> from rows of values (null for an unanswered question), as a host
    /// has them in memory: decrypted answers need no CSV text. Every row has one value per column.
    /// </summary>
    /// <exception cref="ArgumentException">A row's length differs from the columns', or a column name repeats.</exception>
    public static Dataset FromRows(IReadOnlyList<string> columns, IEnumerable<IReadOnlyList<string?>> rows)
    {
        ArgumentNullException.ThrowIfNull(columns);
        ArgumentNullException.ThrowIfNull(rows);
        if (columns.Distinct(StringComparer.Ordinal).Count() != columns.Count)
        {
            throw new ArgumentException("Column names must be distinct.", nameof(columns));
        }

        return Of(Cells.FromRows(columns, rows));
    }

    /// <summary>
    /// The same table with the levels of <paramref name="column"/> in <paramref name="levels"/>' order (a
    /// form's choice names): frequencies list them in that order, a level nobody chose with a count of zero;
    /// cross-tabulations order their rows and columns by it (a level nobody chose is named, out of the tests);
    /// values not listed follow in R's order. Logistic regression keeps R's sorted order (choose its reference
    /// level instead). Without a level order a column's levels sort as R's <c>factor()</c> in the C locale.
    /// </summary>
    public Dataset WithLevelOrder(string column, IReadOnlyList<string> levels)
    {
        ArgumentNullException.ThrowIfNull(column);
        ArgumentNullException.ThrowIfNull(levels);
        var orders = new Dictionary<string, IReadOnlyList<string>>(_levelOrders, StringComparer.Ordinal) { [column] = levels.ToArray() };
        return new Dataset(_cells, orders);
    }

    /// <summary><see cref="WithLevelOrder"/> for several columns at once (column name to its levels).</summary>
    public Dataset WithLevelOrders(IReadOnlyDictionary<string, IReadOnlyList<string>> levels)
    {
        ArgumentNullException.ThrowIfNull(levels);
        var data = this;
        foreach (var (column, order) in levels)
        {
            data = data.WithLevelOrder(column, order);
        }

        return data;
    }

    /// <summary>The level order given to <paramref name="column"/>, or null for R's sorted order.</summary>
    public IReadOnlyList<string>? LevelOrder(string column) => _levelOrders.GetValueOrDefault(column);

    /// <summary>The value in <paramref name="row"/> (0-based) of <paramref name="column"/>; null when it is missing.</summary>
    public string? Value(int row, string column)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(row);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(row, RowCount);
        var index = Column(column);
        if (!index.IsSuccess)
        {
            throw new ArgumentException(index.Error, nameof(column));
        }

        var cell = Cell(row, index.Value);
        return Cells.IsMissing(cell) ? null : cell.ToString();
    }

    internal Result<int> Column(string name) => _cells.Column(name);

    internal ReadOnlySpan<char> Cell(int row, int column) => _cells.Cell(row, column);

    private static Dataset Of(Cells cells) => new(cells, new Dictionary<string, IReadOnlyList<string>>(StringComparer.Ordinal));
}
