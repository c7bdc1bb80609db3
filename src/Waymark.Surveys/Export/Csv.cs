using System.Text;

namespace Waymark.Surveys.Export;

/// <summary>RFC 4180 CSV: fields quoted when they hold a comma, quote or line break; quotes doubled.</summary>
internal static class Csv
{
    public static void WriteRow(StringBuilder output, IEnumerable<string> fields)
    {
        var first = true;
        foreach (var field in fields)
        {
            if (!first)
            {
                output.Append(',');
            }

            first = false;
            if (field.AsSpan().IndexOfAny(",\"\r\n") >= 0)
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
}
