using Waymark.Surveys.Xlsx;

namespace Waymark.Surveys.XlsForm;

/// <summary>
/// A column header as pyxform reads it (docs/surveys.md, "Column headers"): <see cref="Base"/> is Waymark's name
/// for what the column means after pyxform's aliases (<c>bind::relevant</c>, <c>relevance</c> → <c>relevant</c>),
/// <see cref="Language"/> the translation suffix. A grouped header Waymark does not know keeps its tokens joined
/// by <c>::</c> (<c>bind::jr:preload</c>), so the importer can refuse it by what it means.
/// </summary>
internal sealed record Column(int Index, string Header, string Base, string? Language)
{
    /// <summary>"E (relevant)": the spreadsheet letter and the header, for messages.</summary>
    public string Describe => $"{Worksheet.ColumnLetter(Index)} ({Header})";
}

/// <summary>Which XLSForm sheet a header belongs to: each has its own aliases.</summary>
internal enum SheetKind
{
    Survey,
    Choices,
    Settings,
}

/// <summary>A sheet read as a header row and data rows (row numbers as in the spreadsheet).</summary>
internal sealed class SheetTable
{
    /// <summary>As pyxform: a run of more than this many empty header cells ends the columns.</summary>
    public const int MaxAdjacentEmptyColumns = 20;

    /// <summary>As pyxform: a run of more than this many empty rows ends the data.</summary>
    public const int MaxAdjacentEmptyRows = 60;

    private SheetTable(Worksheet sheet, int headerRow, List<Column> columns, int lastRow)
    {
        Sheet = sheet;
        HeaderRow = headerRow;
        Columns = columns;
        LastRow = lastRow;
    }

    public Worksheet Sheet { get; }

    public string Name => Sheet.Name;

    public int HeaderRow { get; }

    public IReadOnlyList<Column> Columns { get; }

    /// <summary>The last row read: rows after a run of more than <see cref="MaxAdjacentEmptyRows"/> empty rows are not part of the form.</summary>
    public int LastRow { get; }

    /// <summary>Data rows up to <see cref="LastRow"/>, holding only the cells of <see cref="Columns"/>.</summary>
    public IEnumerable<(int Row, IReadOnlyDictionary<int, string> Cells)> DataRows =>
        Sheet.Rows.Where(r => r.Key > HeaderRow && r.Key <= LastRow).Select(r => (r.Key, (IReadOnlyDictionary<int, string>)r.Value));

    /// <summary>Rows beyond <see cref="LastRow"/> that hold something: pyxform never reads them.</summary>
    public int? FirstIgnoredRow => Sheet.Rows.Where(r => r.Key > LastRow && r.Value.Values.Any(v => !string.IsNullOrWhiteSpace(v))).Select(r => (int?)r.Key).FirstOrDefault();

    /// <summary>The first header cell beyond the last column read (after a run of empty header cells), if any.</summary>
    public int? FirstIgnoredColumn { get; private init; }

    public static SheetTable Read(Worksheet sheet, SheetKind kind)
    {
        if (sheet.Rows.Count == 0)
        {
            return new SheetTable(sheet, 0, [], 0);
        }

        // As pyxform: the headers are row 1, even when it is empty and the table starts lower down.
        const int headerRow = 1;
        var cells = sheet.Rows.GetValueOrDefault(headerRow) ?? [];
        var headers = new List<(int Index, string Text)>();
        int? ignoredColumn = null;
        var previous = 0;
        foreach (var (index, value) in cells)
        {
            if (string.IsNullOrWhiteSpace(value))
            {
                continue;
            }

            if (index - previous - 1 > MaxAdjacentEmptyColumns)
            {
                ignoredColumn = index;
                break;
            }

            headers.Add((index, value));
            previous = index;
        }

        var doubleColon = headers.Any(h => h.Text.Contains("::", StringComparison.Ordinal));
        var columns = headers.ConvertAll(h => ParseHeader(h.Index, h.Text, kind, doubleColon));
        var last = headerRow;
        foreach (var (row, rowCells) in sheet.Rows.Where(r => r.Key > headerRow))
        {
            if (!columns.Any(c => rowCells.TryGetValue(c.Index, out var v) && !string.IsNullOrWhiteSpace(v)))
            {
                continue;
            }

            if (row - last - 1 > MaxAdjacentEmptyRows)
            {
                break;
            }

            last = row;
        }

        return new SheetTable(sheet, headerRow, columns, last) { FirstIgnoredColumn = ignoredColumn };
    }

    /// <summary>
    /// pyxform's reading: split on <c>::</c> when any header of the sheet has it, else on <c>:</c> (keeping
    /// <c>jr:x</c> together); the first token is snake-cased and its alias resolved; then the tokens are
    /// mapped to what Waymark calls the column.
    /// </summary>
    public static Column ParseHeader(int index, string header, SheetKind kind, bool doubleColon)
    {
        var text = header.Trim();
        var tokens = Tokens(text, doubleColon);
        var first = HeaderAliases.SnakeCase(tokens[0]);
        if (first.Length == 0)
        {
            return new Column(index, header, text.ToLowerInvariant(), null); // "::x": no column pyxform knows
        }

        if (HeaderAliases.For(kind).TryGetValue(first, out var alias))
        {
            tokens = [.. alias, .. tokens.Skip(1)];
        }
        else
        {
            tokens[0] = first;
        }

        var (baseName, language) = HeaderAliases.Meaning(kind, tokens);
        if (baseName.Length == 0)
        {
            return new Column(index, header, text.ToLowerInvariant(), null); // "media::": no column pyxform knows
        }

        return new Column(index, header, baseName, string.IsNullOrWhiteSpace(language) ? null : language.Trim());
    }

    private static string[] Tokens(string text, bool doubleColon)
    {
        if (doubleColon || text.Contains("::", StringComparison.Ordinal))
        {
            return text.Split("::").Select(t => t.Trim()).ToArray();
        }

        var tokens = text.Split(':').Select(t => t.Trim()).ToList();
        var jr = tokens.IndexOf("jr");
        if (jr >= 0 && jr + 1 < tokens.Count)
        {
            tokens[jr] = "jr:" + tokens[jr + 1];
            tokens.RemoveAt(jr + 1);
        }

        return [.. tokens];
    }
}
