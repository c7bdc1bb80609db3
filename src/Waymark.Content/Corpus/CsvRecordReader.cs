using System.Text;

namespace Waymark.Content.Corpus;

/// <summary>
/// RFC 4180 records streamed from a reader: fields separated by commas, optionally in double quotes with
/// "" for a quote; quoted fields may hold commas and line breaks. Memory is one record.
/// </summary>
internal sealed class CsvRecordReader(TextReader reader)
{
    private readonly StringBuilder _field = new();

    /// <summary>The line (1-based) where the last record returned started.</summary>
    public int RecordLine { get; private set; }

    private int _line = 1;

    /// <summary>The next record, null at the end, or an error for an unterminated quote.</summary>
    public Result<List<string>?> Next()
    {
        var fields = new List<string>();
        _field.Clear();
        RecordLine = _line;
        var quoted = false;
        var inQuotes = false;
        var any = false;
        while (true)
        {
            var read = reader.Read();
            if (read < 0)
            {
                if (inQuotes)
                {
                    return Result.Fail<List<string>?>($"line {RecordLine}: a quoted field is not closed before the end of the file.");
                }

                if (!any)
                {
                    return Result.Ok<List<string>?>(null);
                }

                fields.Add(_field.ToString());
                return Result.Ok<List<string>?>(fields);
            }

            any = true;
            var c = (char)read;
            if (c == '\n')
            {
                _line++;
            }

            if (inQuotes)
            {
                if (c != '"')
                {
                    _field.Append(c);
                }
                else if (reader.Peek() == '"')
                {
                    reader.Read();
                    _field.Append('"');
                }
                else
                {
                    inQuotes = false;
                }

                continue;
            }

            switch (c)
            {
                case '"' when _field.Length == 0 && !quoted:
                    inQuotes = true;
                    quoted = true;
                    break;
                case ',':
                    fields.Add(_field.ToString());
                    _field.Clear();
                    quoted = false;
                    break;
                case '\r' when reader.Peek() == '\n':
                    break;
                case '\r' or '\n':
                    if (c == '\r')
                    {
                        _line++;
                    }

                    fields.Add(_field.ToString());
                    return Result.Ok<List<string>?>(fields);
                default:
                    _field.Append(c);
                    break;
            }
        }
    }
}
