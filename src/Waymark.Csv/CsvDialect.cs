namespace Waymark.Csv;

/// <summary>
/// How a CSV file is read and written. Every dialect is strict UTF-8 (a byte order mark is dropped; any other byte that
/// is not UTF-8, such as Latin-1's "é", is refused with its line), separates fields with <see cref="Separator"/>, skips
/// blank lines (as R's <c>read.csv</c> does) and refuses a record whose field count differs from the header's.
/// <see cref="Rfc4180"/> quotes only whole fields; <see cref="R"/> reads quotes the way R's <c>read.csv</c> does;
/// <see cref="Spreadsheet"/> writes for Excel, LibreOffice Calc and Google Sheets (docs/architecture.md, "CSV").
/// </summary>
public sealed record CsvDialect
{
    /// <summary>RFC 4180: a field is quoted whole (<c>"a,b"</c>, <c>""</c> for a quote); a quote elsewhere is an error with its line and column.</summary>
    public static CsvDialect Rfc4180 { get; } = new();

    /// <summary>
    /// R's <c>read.csv</c>: a quote anywhere in a field opens a quoted part and the next lone quote closes it, the quotes
    /// themselves dropped (<c>"ab"c</c> and <c>x"y"z</c> read as <c>abc</c> and <c>xyz</c>). Written like <see cref="Rfc4180"/>.
    /// Unlike R, an unclosed quote and a ragged record are errors (R reads the rest of the file into one cell and pads short records).
    /// </summary>
    public static CsvDialect R { get; } = new() { QuotesAnywhere = true };

    /// <summary>
    /// For spreadsheets: a field starting with <c>= + - @</c>, a tab or a carriage return (other than a plain number) is
    /// written with <see cref="Neutraliser"/> in front, so that no cell runs as a formula (CSV injection); fields holding a
    /// semicolon or tab are quoted too, for spreadsheets that split on those. Read like <see cref="Rfc4180"/>.
    /// </summary>
    public static CsvDialect Spreadsheet { get; } = new() { NeutraliseFormulas = true };

    /// <summary>What a neutralised cell starts with: a spreadsheet shows the apostrophe and the text, and runs nothing.</summary>
    public const char Neutraliser = '\'';

    /// <summary>The characters that make a spreadsheet read a cell as a formula (or a DDE command) when the cell starts with one.</summary>
    public const string FormulaStarts = "=+-@\t\r";

    /// <summary>The field separator (a comma unless a dialect says otherwise).</summary>
    public char Separator { get; init; } = ',';

    /// <summary>What the writer ends a record with (reading accepts <c>\n</c>, <c>\r\n</c> and <c>\r</c>).</summary>
    public string NewLine { get; init; } = "\n";

    /// <summary>True when a quote may open a quoted part anywhere in a field (R); false when only a whole field is quoted (RFC 4180).</summary>
    public bool QuotesAnywhere { get; init; }

    /// <summary>True when the writer neutralises formula-like cells (<see cref="Spreadsheet"/>).</summary>
    public bool NeutraliseFormulas { get; init; }

    /// <summary>The field as a spreadsheet dialect writes it: <see cref="Neutraliser"/> before a formula-like start, a plain number unchanged.</summary>
    public static string Neutralise(string field)
    {
        ArgumentNullException.ThrowIfNull(field);
        return field.Length > 0 && FormulaStarts.Contains(field[0], StringComparison.Ordinal) && !IsPlainNumber(field)
            ? Neutraliser + field
            : field;
    }

    /// <summary>A number as exports write them (integer or decimal with a point): "-3" stays a number, "-3+1" does not.</summary>
    private static bool IsPlainNumber(ReadOnlySpan<char> field)
    {
        if (field.Length > 0 && field[0] is '+' or '-')
        {
            field = field[1..];
        }

        var point = field.IndexOf('.');
        var whole = point < 0 ? field : field[..point];
        var fraction = point < 0 ? "1" : field[(point + 1)..];
        return whole.Length > 0 && fraction.Length > 0 && !whole.ContainsAnyExceptInRange('0', '9') && !fraction.ContainsAnyExceptInRange('0', '9');
    }
}
