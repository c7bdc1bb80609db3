using System.Globalization;

namespace Waymark;

/// <summary>How much a <see cref="Problem"/> matters: an error stops the work, a warning is reported and the work goes on.</summary>
public enum Severity
{
    Error,
    Warning,
}

/// <summary>
/// A message the user can act on, located as precisely as is known. <paramref name="Source"/> is what it is in (a
/// file, a sheet such as <c>survey</c>, an expression), <paramref name="Line"/> the 1-based line or row (0 when not
/// known), <paramref name="Column"/> the column as the user sees it (a column header, a letter, or the 1-based
/// character of a one-line source; null when not known). The message speaks of the data, never of a command-line flag.
/// </summary>
public sealed record Problem(string? Source, int Line, string? Column, string Message, Severity Severity = Severity.Error)
{
    /// <summary>A problem with no location: the caller's context says where.</summary>
    public Problem(string message)
        : this(null, 0, null, message)
    {
    }

    /// <summary>True for an error, which stops the work; false for a warning.</summary>
    public bool Fatal => Severity == Severity.Error;

    /// <summary>
    /// "error: SOURCE row LINE, column COLUMN: MESSAGE" with the parts that are known; a problem with no location reads
    /// as its message alone (prefixed "warning: " when it is one).
    /// </summary>
    public override string ToString()
    {
        var where = Source ?? string.Empty;
        if (Line > 0)
        {
            where += (where.Length > 0 ? " " : string.Empty) + "row " + Line.ToString(CultureInfo.InvariantCulture);
        }

        if (Column is not null)
        {
            where += (where.Length > 0 ? ", " : string.Empty) + "column " + Column;
        }

        var kind = Fatal ? "error: " : "warning: ";
        return where.Length == 0 ? (Fatal ? Message : kind + Message) : $"{kind}{where}: {Message}";
    }
}
