namespace Waymark.Surveys;

/// <summary>
/// Something wrong with a form, located as precisely as known: sheet, 1-based row, column header.
/// Fatal problems stop the import; the others are warnings (an ignored column, say).
/// </summary>
public sealed record Problem(string Sheet, int Row, string? Column, string Message, bool Fatal = true)
{
    public override string ToString()
    {
        var where = Row > 0 ? $"{Sheet} row {Row}" : Sheet;
        if (Column is not null)
        {
            where += $", column {Column}";
        }

        return $"{(Fatal ? "error" : "warning")}: {where}: {Message}";
    }
}
