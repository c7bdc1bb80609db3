using Waymark.Surveys.Xlsx;

namespace Waymark.Surveys.XlsForm;

/// <summary>A column header as pyxform reads it: base name case-insensitive, optional <c>::Language</c>.</summary>
internal sealed record Column(int Index, string Header, string Base, string? Language)
{
    /// <summary>"E (relevant)": the spreadsheet letter and the header, for messages.</summary>
    public string Describe => $"{Worksheet.ColumnLetter(Index)} ({Header})";
}

/// <summary>A sheet read as a header row and data rows (row numbers as in the spreadsheet).</summary>
internal sealed class SheetTable
{
    private static readonly HashSet<string> Translatable = new(StringComparer.Ordinal)
    {
        "label", "hint", "required_message", "constraint_message", "guidance_hint", "image", "audio", "video", "big-image",
        "translation", // settings: translation::Arabic (ar) = machine-draft | reviewed
    };

    private static readonly Dictionary<string, string> Aliases = new(StringComparer.Ordinal)
    {
        ["list_name"] = "list_name",
        ["list name"] = "list_name",
        ["constraint message"] = "constraint_message",
        ["required message"] = "required_message",
        ["choice filter"] = "choice_filter",
        ["read only"] = "read_only",
        ["form id"] = "form_id",
        ["form title"] = "form_title",
        ["default language"] = "default_language",
    };

    private SheetTable(Worksheet sheet, int headerRow, List<Column> columns)
    {
        Sheet = sheet;
        HeaderRow = headerRow;
        Columns = columns;
    }

    public Worksheet Sheet { get; }

    public string Name => Sheet.Name;

    public int HeaderRow { get; }

    public IReadOnlyList<Column> Columns { get; }

    public IEnumerable<(int Row, IReadOnlyDictionary<int, string> Cells)> DataRows =>
        Sheet.Rows.Where(r => r.Key > HeaderRow).Select(r => (r.Key, (IReadOnlyDictionary<int, string>)r.Value));

    public static SheetTable Read(Worksheet sheet)
    {
        if (sheet.Rows.Count == 0)
        {
            return new SheetTable(sheet, 0, []);
        }

        var (headerRow, cells) = sheet.Rows.First();
        var columns = cells
            .Where(c => !string.IsNullOrWhiteSpace(c.Value))
            .Select(c => ParseHeader(c.Key, c.Value))
            .ToList();
        return new SheetTable(sheet, headerRow, columns);
    }

    /// <summary>
    /// "label::English (en)" → (label, "English (en)"); legacy "label:English" likewise for translatable
    /// columns; "media::image::fr" → (image, fr). Base names are lower-cased and aliases resolved.
    /// </summary>
    public static Column ParseHeader(int index, string header)
    {
        var text = header.Trim();
        string baseName;
        string? language = null;
        var split = text.IndexOf("::", StringComparison.Ordinal);
        if (split >= 0)
        {
            baseName = text[..split];
            language = text[(split + 2)..];
            if (string.Equals(baseName, "media", StringComparison.OrdinalIgnoreCase))
            {
                var inner = language.IndexOf("::", StringComparison.Ordinal);
                baseName = inner >= 0 ? language[..inner] : language;
                language = inner >= 0 ? language[(inner + 2)..] : null;
            }
            else if (baseName.Contains(':', StringComparison.Ordinal) is false && !Translatable.Contains(Normalize(baseName)))
            {
                // bind::x, instance::x, body::x: keep the whole header as the base so it is reported as written.
                return new Column(index, header, text.ToLowerInvariant(), null);
            }
        }
        else if (text.IndexOf(':', StringComparison.Ordinal) is var colon and > 0 && Translatable.Contains(Normalize(text[..colon])))
        {
            baseName = text[..colon];
            language = text[(colon + 1)..];
        }
        else
        {
            baseName = text;
        }

        return new Column(index, header, Normalize(baseName), string.IsNullOrWhiteSpace(language) ? null : language.Trim());
    }

    private static string Normalize(string name)
    {
        var lower = name.Trim().ToLowerInvariant();
        return Aliases.GetValueOrDefault(lower) ?? lower.Replace(' ', '_');
    }
}
