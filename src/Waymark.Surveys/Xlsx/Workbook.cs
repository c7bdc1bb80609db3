namespace Waymark.Surveys.Xlsx;

/// <summary>A worksheet as text cells: row number (1-based) → column number (1-based) → text.</summary>
internal sealed class Worksheet(string name)
{
    public string Name { get; } = name;

    public SortedDictionary<int, SortedDictionary<int, string>> Rows { get; } = [];

    public void Set(int row, int column, string value)
    {
        if (!Rows.TryGetValue(row, out var cells))
        {
            cells = [];
            Rows[row] = cells;
        }

        cells[column] = value;
    }

    /// <summary>"A", "B", …, "AA" for a 1-based column number.</summary>
    public static string ColumnLetter(int column)
    {
        var letters = string.Empty;
        for (var c = column; c > 0; c = (c - 1) / 26)
        {
            letters = (char)('A' + ((c - 1) % 26)) + letters;
        }

        return letters;
    }
}

/// <summary>The sheets of an .xlsx file, in workbook order.</summary>
internal sealed record Workbook(IReadOnlyList<Worksheet> Sheets);
