using System.Buffers;
using nietras.SeparatedValues;

namespace Waymark.Csv;

/// <summary>
/// The one CSV writer (on Sep): records of text fields in a <see cref="CsvDialect"/>. A field is quoted when it holds the
/// separator, a quote or a line break (and, for <see cref="CsvDialect.Spreadsheet"/>, a semicolon or tab), quotes inside
/// doubled; a null field is written empty, as a missing value (R reads it back as NA with <c>na.strings = ""</c>).
/// What <see cref="CsvReader"/> reads back is what was written, field for field.
/// </summary>
public sealed class CsvWriter : IDisposable
{

    private readonly SepWriter _sep;
    private readonly CsvDialect _dialect;
    private readonly SearchValues<char> _mustQuote;

    /// <summary>Writes to <paramref name="output"/>, which stays open; its line ending is set to the dialect's.</summary>
    public CsvWriter(TextWriter output, CsvDialect dialect)
    {
        ArgumentNullException.ThrowIfNull(output);
        ArgumentNullException.ThrowIfNull(dialect);
        _dialect = dialect;
        output.NewLine = dialect.NewLine;
        _mustQuote = SearchValues.Create(dialect.Separator + (dialect.NeutraliseFormulas ? "\"\r\n;\t" : "\"\r\n"));

        // Sep joins the fields and ends the record; the quoting is the dialect's, so Sep's own escaping is off.
        _sep = new Sep(dialect.Separator).Writer(o => o with { WriteHeader = false, DisableColCountCheck = true, Escape = false }).To(output, leaveOpen: true);
    }

    /// <summary>Writes one record. A record of one empty field is written as <c>""</c>, so that it is not a blank line (which readers skip).</summary>
    public void WriteRow(IEnumerable<string?> fields)
    {
        ArgumentNullException.ThrowIfNull(fields);
        using var row = _sep.NewRow();
        var index = 0;
        string? first = null;
        foreach (var field in fields)
        {
            var text = field ?? string.Empty;
            first ??= text;
            row[index++].Set(Quote(text));
        }

        if (index == 1 && first!.Length == 0)
        {
            row[0].Set("\"\"");
        }
    }

    /// <summary>The records as one text (a convenience for small files such as a download).</summary>
    public static string ToText(CsvDialect dialect, IEnumerable<IEnumerable<string?>> rows)
    {
        ArgumentNullException.ThrowIfNull(rows);
        using var text = new StringWriter(System.Globalization.CultureInfo.InvariantCulture);
        using (var writer = new CsvWriter(text, dialect))
        {
            foreach (var row in rows)
            {
                writer.WriteRow(row);
            }
        }

        return text.ToString();
    }

    public void Dispose() => _sep.Dispose();

    private string Quote(string field)
    {
        if (_dialect.NeutraliseFormulas)
        {
            field = CsvDialect.Neutralise(field);
        }

        return field.AsSpan().IndexOfAny(_mustQuote) < 0
            ? field
            : "\"" + field.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"";
    }
}
