using System.Globalization;
using System.Text;

namespace Waymark.Statistics;

/// <summary>A CSV file as header and string cells (RFC 4180 quoting), the shape R's write.csv produces.</summary>
internal sealed class CsvData
{
    private CsvData(IReadOnlyList<string> header, IReadOnlyList<string[]> rows)
    {
        Header = header;
        Rows = rows;
    }

    public IReadOnlyList<string> Header { get; }

    public IReadOnlyList<string[]> Rows { get; }

    public static Result<CsvData> Load(string path)
    {
        if (!File.Exists(path))
        {
            return Result<CsvData>.Fail($"The data file '{path}' does not exist.");
        }

        return Parse(File.ReadAllText(path), path);
    }

    public static Result<CsvData> Parse(string text, string source)
    {
        var records = new List<string[]>();
        var fields = new List<string>();
        var field = new StringBuilder();
        var quoted = false;
        for (var i = 0; i < text.Length; i++)
        {
            var ch = text[i];
            if (quoted)
            {
                if (ch == '"' && i + 1 < text.Length && text[i + 1] == '"')
                {
                    field.Append('"');
                    i++;
                }
                else if (ch == '"')
                {
                    quoted = false;
                }
                else
                {
                    field.Append(ch);
                }
            }
            else if (ch == '"')
            {
                quoted = true;
            }
            else if (ch == ',')
            {
                fields.Add(field.ToString());
                field.Clear();
            }
            else if (ch == '\n')
            {
                fields.Add(field.ToString().TrimEnd('\r'));
                field.Clear();
                records.Add([.. fields]);
                fields.Clear();
            }
            else
            {
                field.Append(ch);
            }
        }

        if (quoted)
        {
            return Result<CsvData>.Fail($"{source}: a quoted field is not closed; check for a stray double quote.");
        }

        if (field.Length > 0 || fields.Count > 0)
        {
            fields.Add(field.ToString().TrimEnd('\r'));
            records.Add([.. fields]);
        }

        if (records.Count == 0)
        {
            return Result<CsvData>.Fail($"{source}: the file is empty; the first line must name the columns.");
        }

        var header = records[0];
        for (var line = 1; line < records.Count; line++)
        {
            if (records[line].Length != header.Length)
            {
                return Result<CsvData>.Fail(
                    $"{source}, line {line + 1}: {records[line].Length} fields where the header has {header.Length}.");
            }
        }

        return Result<CsvData>.Ok(new CsvData(header, records.Skip(1).ToList()));
    }

    public Result<int> Column(string name)
    {
        for (var i = 0; i < Header.Count; i++)
        {
            if (string.Equals(Header[i], name, StringComparison.Ordinal))
            {
                return Result<int>.Ok(i);
            }
        }

        return Result<int>.Fail($"There is no column '{name}'. Columns: {string.Join(", ", Header)}.");
    }

    /// <summary>Numbers are read with the invariant culture: a decimal point, never a comma.</summary>
    public static bool TryNumber(string cell, out double value) =>
        double.TryParse(cell, NumberStyles.Float, CultureInfo.InvariantCulture, out value);

    /// <summary>Empty cells and R's NA are missing values.</summary>
    public static bool IsMissing(string cell) => cell.Length == 0 || cell == "NA";
}
