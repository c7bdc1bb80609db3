using System.Globalization;
using System.Text;
using System.Xml;

namespace Waymark.Surveys.Xlsx;

/// <summary>
/// A bounded reader for the cell text of .xlsx files (ECMA-376 SpreadsheetML), written for hostile input:
/// no DTDs, no external resolution, caps on size, entry count, compression ratio and cell count, path
/// traversal names refused. Reads shared strings, inline strings, numbers, booleans and date-formatted
/// numbers (as yyyy-MM-dd). Formulas are not evaluated: their cached value is read.
/// </summary>
internal static class XlsxReader
{
    private const string NotXlsx = "is not a valid .xlsx file";

    /// <summary>
    /// The workbook, or why it cannot be read: located at the cell (sheet, row, column) when one cell is at fault, with
    /// no source otherwise (the caller names the file).
    /// </summary>
    public static Result<Workbook> Read(Stream input, XlsxLimits? limits = null)
    {
        ArgumentNullException.ThrowIfNull(input);
        limits ??= XlsxLimits.Default;
        try
        {
            using var buffer = CopyBounded(input, limits.MaxFileBytes);
            if (IsCompoundFile(buffer))
            {
                return Result.Fail<Workbook>(LegacyXls);
            }

            using var zip = BoundedArchive.Open(buffer, limits.Archive);
            var package = new Package(zip);
            return Result.Ok(ReadWorkbook(package, limits));
        }
        catch (XlsxException e)
        {
            return Result.Fail<Workbook>(e.Cell is null ? new Problem(e.Message) : new Problem(e.Cell.Sheet, e.Cell.Row, e.Cell.Column, e.Message));
        }
        catch (ArchiveLimitException e)
        {
            return Result.Fail<Workbook>(Describe(e));
        }
        catch (InvalidDataException e)
        {
            return Result.Fail<Workbook>($"{NotXlsx} (damaged zip archive: {e.Message})");
        }
        catch (XmlException e)
        {
            return Result.Fail<Workbook>($"{NotXlsx} (malformed XML: {e.Message})");
        }
        catch (IOException e)
        {
            return Result.Fail<Workbook>($"{NotXlsx} ({e.Message})");
        }
    }

    /// <summary>What a legacy .xls workbook (or a password-protected .xlsx, also an OLE2 compound file) is told.</summary>
    internal const string LegacyXls = "this is a legacy Excel 97-2003 (.xls) workbook (or an encrypted one), which Waymark does not read: open it in Excel or LibreOffice and save it as .xlsx (Excel Workbook), without a password";

    /// <summary>The OLE2 compound file signature that .xls files (and encrypted .xlsx files) start with.</summary>
    private static bool IsCompoundFile(MemoryStream buffer)
    {
        ReadOnlySpan<byte> signature = [0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1];
        return buffer.Length >= signature.Length && buffer.GetBuffer().AsSpan(0, signature.Length).SequenceEqual(signature);
    }

    private static MemoryStream CopyBounded(Stream input, long maxBytes)
    {
        var buffer = new MemoryStream();
        var chunk = new byte[81920];
        int read;
        while ((read = input.Read(chunk, 0, chunk.Length)) > 0)
        {
            if (buffer.Length + read > maxBytes)
            {
                throw new XlsxException($"the file is larger than {maxBytes / (1024 * 1024)} MB");
            }

            buffer.Write(chunk, 0, read);
        }

        buffer.Position = 0;
        return buffer;
    }

    private static Workbook ReadWorkbook(Package package, XlsxLimits limits)
    {
        var sheetRefs = new List<(string Name, string RelationId)>();
        var epoch = Epoch1900;
        using (var reader = package.Open("xl/workbook.xml", required: true)!)
        {
            while (reader.Read())
            {
                if (reader.NodeType == XmlNodeType.Element && reader.LocalName == "workbookPr" && reader.GetAttribute("date1904") is "1" or "true")
                {
                    epoch = Epoch1904;
                }
                else if (reader.NodeType == XmlNodeType.Element && reader.LocalName == "sheet")
                {
                    var name = reader.GetAttribute("name") ?? throw new XlsxException($"{NotXlsx} (a sheet has no name)");
                    var id = RelationshipId(reader) ?? throw new XlsxException($"{NotXlsx} (sheet '{name}' has no relationship id)");
                    sheetRefs.Add((name, id));
                    if (sheetRefs.Count > limits.MaxSheets)
                    {
                        throw new XlsxException($"the workbook has more than {limits.MaxSheets} sheets");
                    }
                }
            }
        }

        var relations = ReadRelations(package, "xl/_rels/workbook.xml.rels");
        var sharedStrings = ReadSharedStrings(package, limits);
        var dateStyles = ReadDateStyles(package);
        var sheets = new List<Worksheet>();
        var cells = 0;
        foreach (var (name, id) in sheetRefs)
        {
            if (!relations.TryGetValue(id, out var target))
            {
                throw new XlsxException($"{NotXlsx} (sheet '{name}' points to a missing part)");
            }

            var sheet = new Worksheet(name);
            ReadSheet(package, ResolvePart("xl/", target), sheet, new CellContext(sharedStrings, dateStyles, epoch), ref cells, limits);
            sheets.Add(sheet);
        }

        return new Workbook(sheets);
    }

    private static string? RelationshipId(XmlReader reader)
    {
        for (var i = 0; i < reader.AttributeCount; i++)
        {
            reader.MoveToAttribute(i);
            if (reader.LocalName == "id" && reader.NamespaceURI.Contains("relationships", StringComparison.Ordinal))
            {
                var value = reader.Value;
                reader.MoveToElement();
                return value;
            }
        }

        reader.MoveToElement();
        return null;
    }

    private static Dictionary<string, string> ReadRelations(Package package, string part)
    {
        var relations = new Dictionary<string, string>(StringComparer.Ordinal);
        using var reader = package.Open(part, required: true)!;
        while (reader.Read())
        {
            if (reader.NodeType == XmlNodeType.Element && reader.LocalName == "Relationship"
                && reader.GetAttribute("Id") is { } id && reader.GetAttribute("Target") is { } target)
            {
                relations[id] = target;
            }
        }

        return relations;
    }

    /// <summary>Relationship targets are relative to the folder of the part that names them, or absolute from the package root.</summary>
    private static string ResolvePart(string folder, string target)
    {
        var path = target.StartsWith('/') ? target[1..] : folder + target;
        var parts = new List<string>();
        foreach (var segment in path.Split('/'))
        {
            if (segment == "..")
            {
                if (parts.Count == 0)
                {
                    throw new XlsxException($"{NotXlsx} (a part name leaves the package: '{target}')");
                }

                parts.RemoveAt(parts.Count - 1);
            }
            else if (segment is not ("." or ""))
            {
                parts.Add(segment);
            }
        }

        return string.Join('/', parts);
    }

    private static List<string> ReadSharedStrings(Package package, XlsxLimits limits)
    {
        var strings = new List<string>();
        using var reader = package.Open("xl/sharedStrings.xml", required: false);
        if (reader is null)
        {
            return strings;
        }

        while (reader.Read())
        {
            if (reader.NodeType == XmlNodeType.Element && reader.LocalName == "si")
            {
                strings.Add(ReadText(reader));
                if (strings.Count > limits.MaxSharedStrings)
                {
                    throw new XlsxException($"the workbook has more than {limits.MaxSharedStrings} strings");
                }
            }
        }

        return strings;
    }

    /// <summary>The text of an &lt;si&gt; or &lt;is&gt; element: its &lt;t&gt; runs, without phonetic hints (&lt;rPh&gt;).</summary>
    private static string ReadText(XmlReader reader)
    {
        if (reader.IsEmptyElement)
        {
            return string.Empty;
        }

        var text = new StringBuilder();
        var depth = reader.Depth;
        var phonetic = 0;
        while (reader.Read() && reader.Depth > depth)
        {
            if (reader.NodeType == XmlNodeType.Element && reader.LocalName == "rPh" && !reader.IsEmptyElement)
            {
                phonetic++;
            }
            else if (reader.NodeType == XmlNodeType.EndElement && reader.LocalName == "rPh")
            {
                phonetic--;
            }
            else if (reader.NodeType == XmlNodeType.Element && reader.LocalName == "t" && phonetic == 0 && !reader.IsEmptyElement)
            {
                text.Append(reader.ReadElementContentAsString());
                if (reader.NodeType == XmlNodeType.EndElement && reader.Depth <= depth)
                {
                    break;
                }
            }
        }

        return text.ToString();
    }

    /// <summary>The cell style indexes whose number format shows a date (built-in 14-22, 45-47, or a custom code with y, d, h or s).</summary>
    private static HashSet<int> ReadDateStyles(Package package)
    {
        var dateFormats = new HashSet<int> { 14, 15, 16, 17, 18, 19, 20, 21, 22, 45, 46, 47 };
        var styles = new HashSet<int>();
        using var reader = package.Open("xl/styles.xml", required: false);
        if (reader is null)
        {
            return styles;
        }

        var inCellXfs = false;
        var xfIndex = 0;
        while (reader.Read())
        {
            if (reader.NodeType == XmlNodeType.Element && reader.LocalName == "numFmt"
                && int.TryParse(reader.GetAttribute("numFmtId"), CultureInfo.InvariantCulture, out var id)
                && IsDateFormat(reader.GetAttribute("formatCode") ?? string.Empty))
            {
                dateFormats.Add(id);
            }
            else if (reader.LocalName == "cellXfs")
            {
                inCellXfs = reader.NodeType == XmlNodeType.Element && !reader.IsEmptyElement;
            }
            else if (inCellXfs && reader.NodeType == XmlNodeType.Element && reader.LocalName == "xf")
            {
                if (int.TryParse(reader.GetAttribute("numFmtId"), CultureInfo.InvariantCulture, out var format) && dateFormats.Contains(format))
                {
                    styles.Add(xfIndex);
                }

                xfIndex++;
            }
        }

        return styles;
    }

    private static bool IsDateFormat(string code)
    {
        var quoted = false;
        var bracket = false;
        foreach (var c in code)
        {
            switch (c)
            {
                case '"':
                    quoted = !quoted;
                    break;
                case '[':
                    bracket = true;
                    break;
                case ']':
                    bracket = false;
                    break;
                case 'y' or 'Y' or 'd' or 'D' or 'h' or 'H' or 's' or 'S' when !quoted && !bracket:
                    return true;
            }
        }

        return false;
    }

    private static void ReadSheet(Package package, string part, Worksheet sheet, CellContext context, ref int cells, XlsxLimits limits)
    {
        using var reader = package.Open(part, required: true)!;
        var row = 0;
        var column = 0;
        while (reader.Read())
        {
            if (reader.NodeType != XmlNodeType.Element)
            {
                continue;
            }

            if (reader.LocalName == "row")
            {
                row = ParseIndex(reader.GetAttribute("r"), row + 1, 1_048_576, "row");
                column = 0;
            }
            else if (reader.LocalName == "c")
            {
                var reference = reader.GetAttribute("r");
                column = reference is null ? column + 1 : ColumnOf(reference);
                if (reference is not null && RowOf(reference) is > 0 and var r)
                {
                    row = r;
                }

                var type = reader.GetAttribute("t");
                _ = int.TryParse(reader.GetAttribute("s"), CultureInfo.InvariantCulture, out var style);
                var value = ReadCell(reader, type, context.DateStyles.Contains(style), context);
                if (value.Length > limits.MaxCellCharacters)
                {
                    var at = new CellAddress(sheet.Name, Math.Max(row, 1), Worksheet.ColumnLetter(column));
                    throw new XlsxException(
                        string.Create(CultureInfo.InvariantCulture, $"the cell holds {value.Length:N0} characters; a cell may hold at most {limits.MaxCellCharacters:N0} (Excel's own limit)"),
                        at);
                }

                if (value.Length > 0)
                {
                    if (++cells > limits.MaxCells)
                    {
                        throw new XlsxException($"the workbook has more than {limits.MaxCells} cells");
                    }

                    sheet.Set(Math.Max(row, 1), column, value);
                }
            }
        }
    }

    private static string ReadCell(XmlReader reader, string? type, bool dateStyle, CellContext context)
    {
        if (reader.IsEmptyElement)
        {
            return string.Empty;
        }

        string? raw = null;
        string? inline = null;
        var depth = reader.Depth;
        while (reader.Read() && reader.Depth > depth)
        {
            if (reader.NodeType == XmlNodeType.Element && reader.LocalName == "v" && !reader.IsEmptyElement)
            {
                raw = reader.ReadElementContentAsString();
                if (reader.NodeType == XmlNodeType.EndElement && reader.Depth <= depth)
                {
                    break;
                }
            }
            else if (reader.NodeType == XmlNodeType.Element && reader.LocalName == "is")
            {
                inline = ReadText(reader);
            }
        }

        switch (type)
        {
            case "inlineStr":
                return inline ?? raw ?? string.Empty;
            case "s":
                return int.TryParse(raw, NumberStyles.None, CultureInfo.InvariantCulture, out var index) && index < context.SharedStrings.Count
                    ? context.SharedStrings[index]
                    : throw new XlsxException($"{NotXlsx} (a cell refers to a missing shared string)");
            case "b":
                return raw?.Trim() == "1" ? "TRUE" : "FALSE";
            case "str" or "e":
                return raw ?? string.Empty;
            case "d":
                return raw is { Length: >= 10 } iso ? iso[..10] : raw ?? string.Empty;
            default:
                return raw is null ? string.Empty : Number(raw, dateStyle, context.Epoch);
        }
    }

    /// <summary>Numbers as pyxform shows them: whole numbers without ".0"; date-formatted serials as yyyy-MM-dd.</summary>
    private static string Number(string raw, bool dateStyle, DateTime epoch)
    {
        if (!double.TryParse(raw, NumberStyles.Float, CultureInfo.InvariantCulture, out var number) || !double.IsFinite(number))
        {
            return raw.Trim();
        }

        if (dateStyle && number is >= 0 and < 1)
        {
            // As openpyxl (pyxform) reads it: a date-time serial below one day is a time of day.
            return new DateTime(1, 1, 1).AddSeconds(Math.Round(number * 86400)).ToString("HH:mm:ss", CultureInfo.InvariantCulture);
        }

        if (dateStyle && number is >= 1 and < 2_958_466)
        {
            var date = epoch.AddDays(Math.Floor(number));
            var fraction = number - Math.Floor(number);
            return fraction == 0
                ? date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)
                : date.AddSeconds(Math.Round(fraction * 86400)).ToString("yyyy-MM-ddTHH:mm:ss", CultureInfo.InvariantCulture);
        }

        return Expressions.XValue.NumberToString(number);
    }

    /// <summary>1900 date system; serial 60 is Excel's phantom 29 February 1900, so day 0 is 1899-12-30.</summary>
    private static readonly DateTime Epoch1900 = new(1899, 12, 30, 0, 0, 0, DateTimeKind.Unspecified);

    /// <summary>1904 date system (workbookPr date1904, older Mac Excel): day 0 is 1904-01-01.</summary>
    private static readonly DateTime Epoch1904 = new(1904, 1, 1, 0, 0, 0, DateTimeKind.Unspecified);

    /// <summary>What every cell of the workbook is read with.</summary>
    private sealed record CellContext(List<string> SharedStrings, HashSet<int> DateStyles, DateTime Epoch);

    private static int ParseIndex(string? text, int fallback, int max, string what)
    {
        if (text is null)
        {
            return fallback;
        }

        return int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var value) && value is > 0 && value <= max
            ? value
            : throw new XlsxException($"{NotXlsx} (bad {what} number '{Truncate(text)}')");
    }

    private static int ColumnOf(string reference)
    {
        var column = 0;
        var letters = 0;
        foreach (var c in reference)
        {
            if (c is >= 'A' and <= 'Z')
            {
                column = (column * 26) + (c - 'A' + 1);
                if (++letters > 3)
                {
                    break;
                }
            }
            else
            {
                break;
            }
        }

        return column is > 0 and <= 16_384 ? column : throw new XlsxException($"{NotXlsx} (bad cell reference '{Truncate(reference)}')");
    }

    private static int RowOf(string reference)
    {
        var digits = reference.TrimStart('A', 'B', 'C', 'D', 'E', 'F', 'G', 'H', 'I', 'J', 'K', 'L', 'M', 'N', 'O', 'P', 'Q', 'R', 'S', 'T', 'U', 'V', 'W', 'X', 'Y', 'Z');
        return ParseIndex(digits, 0, 1_048_576, "row");
    }

    private static string Truncate(string text) => text.Length > 20 ? text[..20] + "…" : text;

    /// <summary>What a person is told when a workbook went past a limit of <see cref="XlsxLimits"/>.</summary>
    private static string Describe(ArchiveLimitException limit) => limit.Refusal switch
    {
        ArchiveRefusal.TooManyEntries => $"the archive has more than {limit.Limit} entries",
        ArchiveRefusal.UnsafeName => $"the archive has an unsafe entry name '{Truncate(limit.Entry)}' (path traversal)",
        ArchiveRefusal.CompressedTooFar => $"part {limit.Entry} is compressed more than {limit.Limit}:1 (a zip bomb?)",
        ArchiveRefusal.EntryTooLarge => $"part {limit.Entry} would unpack to more than {limit.Limit / (1024 * 1024)} MB",
        _ => $"the workbook unpacks to more than {limit.Limit / (1024 * 1024)} MB of XML, more than any real XLSForm needs (the largest known unpack to about 2 MB): shorten the longest labels and hints or split the form",
    };

    /// <summary>The workbook's parts, opened as XML readers that cannot resolve anything external, within the archive's limits.</summary>
    private sealed class Package(BoundedArchive zip)
    {
        public XmlReader? Open(string part, bool required)
        {
            if (zip.Find(part, StringComparison.OrdinalIgnoreCase) is not { } entry)
            {
                return required ? throw new XlsxException($"{NotXlsx} (missing part {part})") : null;
            }

            var settings = new XmlReaderSettings
            {
                DtdProcessing = DtdProcessing.Prohibit,
                XmlResolver = null,
                IgnoreComments = true,
                IgnoreProcessingInstructions = true,
                MaxCharactersFromEntities = 0,
                CloseInput = true,
            };
            return XmlReader.Create(zip.OpenEntry(entry), settings);
        }
    }
}

/// <summary>Bad or hostile xlsx content; caught in <see cref="XlsxReader.Read"/> and turned into a message.</summary>
internal sealed class XlsxException(string message, CellAddress? cell = null) : Exception(message)
{
    /// <summary>The cell the problem is in, when it is one cell.</summary>
    public CellAddress? Cell { get; } = cell;
}

/// <summary>A cell of a workbook: its sheet's name, its row (1-based) and its column's letters.</summary>
internal sealed record CellAddress(string Sheet, int Row, string Column);
