using System.Globalization;

namespace Waymark;

/// <summary>How much a <see cref="Problem"/> matters: an error stops the work, a warning is reported and the work goes on.</summary>
public enum Severity
{
    Error,
    Warning,
}

/// <summary>What a <see cref="Problem"/>'s line counts: the rows of a sheet or table, or the lines of a text file.</summary>
public enum LineUnit
{
    /// <summary>A row of a sheet as a spreadsheet numbers it (an XLSForm's survey sheet).</summary>
    Row,

    /// <summary>A line of a text file as a text editor numbers it (a CSV record with a quoted line break spans several).</summary>
    Line,
}

/// <summary>
/// A message the user can act on, located as precisely as is known. <paramref name="Source"/> is what it is in (a
/// file, a sheet such as <c>survey</c>, an expression), <paramref name="Line"/> the 1-based line or row (0 when not
/// known), <paramref name="Column"/> the column as the user sees it (a column header, a letter, or the 1-based
/// character of a one-line source; null when not known). <see cref="Unit"/> says whether the line counts a sheet's rows
/// or a text file's lines. The message speaks of the data, never of a command-line flag.
/// </summary>
public sealed record Problem(string? Source, int Line, string? Column, string Message, Severity Severity = Severity.Error)
{
    /// <summary>A problem with no location: the caller's context says where.</summary>
    public Problem(string message)
        : this(null, 0, null, message)
    {
    }

    /// <summary>What <see cref="Line"/> counts: <see cref="LineUnit.Row"/> (a sheet's row) unless the source is a text file.</summary>
    public LineUnit Unit { get; init; } = LineUnit.Row;

    /// <summary>True for an error, which stops the work; false for a warning.</summary>
    public bool Fatal => Severity == Severity.Error;

    /// <summary>
    /// "error: SOURCE row LINE, column COLUMN: MESSAGE" ("line LINE" for a text file) with the parts that are known; a
    /// problem with no location reads as its message alone (prefixed "warning: " when it is one).
    /// </summary>
    public override string ToString()
    {
        var where = Source ?? string.Empty;
        if (Line > 0)
        {
            where += (where.Length > 0 ? " " : string.Empty) + (Unit == LineUnit.Line ? "line " : "row ") + Line.ToString(CultureInfo.InvariantCulture);
        }

        if (Column is not null)
        {
            where += (where.Length > 0 ? ", " : string.Empty) + "column " + Column;
        }

        var kind = Fatal ? "error: " : "warning: ";
        return where.Length == 0 ? (Fatal ? Message : kind + Message) : $"{kind}{where}: {Message}";
    }
}
