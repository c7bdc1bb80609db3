using System.Text;
using System.Text.RegularExpressions;

namespace Waymark.Surveys.Export;

/// <summary>RFC 4180 CSV: fields quoted when they hold a comma, quote or line break; quotes doubled.</summary>
internal static partial class Csv
{
    /// <summary>The characters that make a spreadsheet read a cell as a formula (or a DDE command) when a cell starts with one.</summary>
    public const string FormulaStarts = "=+-@\t\r";

    /// <summary>What a neutralised cell starts with: a spreadsheet shows the apostrophe and the text, and runs nothing.</summary>
    public const char Neutraliser = '\'';

    public static void WriteRow(StringBuilder output, IEnumerable<string> fields) => Write(output, fields, spreadsheet: false);

    /// <summary>
    /// A row for spreadsheets (Excel, LibreOffice Calc, Google Sheets): a field that starts with
    /// <see cref="FormulaStarts"/> and is not a plain number gets <see cref="Neutraliser"/> in front,
    /// so no answer runs as a formula (CSV injection); fields with a semicolon or tab are quoted too,
    /// for spreadsheets that split on those.
    /// </summary>
    public static void WriteSpreadsheetRow(StringBuilder output, IEnumerable<string> fields) => Write(output, fields, spreadsheet: true);

    /// <summary>The field as the spreadsheet CSV holds it.</summary>
    public static string Neutralise(string field) =>
        field.Length > 0 && FormulaStarts.Contains(field[0], StringComparison.Ordinal) && !PlainNumber().IsMatch(field)
            ? Neutraliser + field
            : field;

    private static void Write(StringBuilder output, IEnumerable<string> fields, bool spreadsheet)
    {
        var first = true;
        foreach (var raw in fields)
        {
            if (!first)
            {
                output.Append(',');
            }

            first = false;
            var field = spreadsheet ? Neutralise(raw) : raw;
            if (field.AsSpan().IndexOfAny(spreadsheet ? ",\"\r\n;\t" : ",\"\r\n") >= 0)
            {
                output.Append('"').Append(field.Replace("\"", "\"\"", StringComparison.Ordinal)).Append('"');
            }
            else
            {
                output.Append(field);
            }
        }

        output.Append('\n');
    }

    /// <summary>A number as exports write them (integer or decimal with a point): "-3" stays a number, "-3+1" does not.</summary>
    [GeneratedRegex(@"^[+-]?[0-9]+(\.[0-9]+)?$", RegexOptions.CultureInvariant)]
    private static partial Regex PlainNumber();
}
