using System.Globalization;
using System.Text;

namespace Waymark.Cli;

/// <summary>
/// A plain-text table for the terminal: columns padded to their widest cell (counted in text elements, so an accented
/// or combined letter counts once), numbers right-aligned, two spaces between columns and a rule under the header.
/// </summary>
internal static class TextTable
{
    public static string Render(IReadOnlyList<string> headers, IEnumerable<IReadOnlyList<string>> rows, IReadOnlySet<int> rightAligned)
    {
        ArgumentNullException.ThrowIfNull(headers);
        ArgumentNullException.ThrowIfNull(rows);
        ArgumentNullException.ThrowIfNull(rightAligned);
        var all = rows.ToList();
        var widths = headers.Select((h, i) => all.Select(r => Width(r[i])).Append(Width(h)).Max()).ToArray();
        var text = new StringBuilder();
        Line(text, headers, widths, rightAligned);
        text.AppendJoin("  ", widths.Select(w => new string('-', w))).Append('\n');
        foreach (var row in all)
        {
            Line(text, row, widths, rightAligned);
        }

        return text.ToString();
    }

    private static void Line(StringBuilder text, IReadOnlyList<string> cells, int[] widths, IReadOnlySet<int> rightAligned)
    {
        var line = new StringBuilder();
        for (var i = 0; i < cells.Count; i++)
        {
            var padding = new string(' ', widths[i] - Width(cells[i]));
            line.Append(i == 0 ? "" : "  ").Append(rightAligned.Contains(i) ? padding + cells[i] : cells[i] + padding);
        }

        text.Append(line.ToString().TrimEnd()).Append('\n');
    }

    private static int Width(string cell) => new StringInfo(cell).LengthInTextElements;
}
