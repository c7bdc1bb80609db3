using System.IO.Compression;
using System.Text;

namespace Waymark.Surveys.Tests;

/// <summary>Builds small .xlsx packages by hand, including broken and hostile ones.</summary>
internal static class XlsxBuilder
{
    public const string Main = "http://schemas.openxmlformats.org/spreadsheetml/2006/main";

    public static string Workbook(params string[] sheets) =>
        $"""<workbook xmlns="{Main}" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets>"""
        + string.Concat(sheets.Select((s, i) => $"""<sheet name="{s}" sheetId="{i + 1}" r:id="rId{i + 1}"/>"""))
        + "</sheets></workbook>";

    public static string Relations(int sheets) =>
        """<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">"""
        + string.Concat(Enumerable.Range(1, sheets).Select(i => $"""<Relationship Id="rId{i}" Type="worksheet" Target="worksheets/sheet{i}.xml"/>"""))
        + "</Relationships>";

    public static string Sheet(string sheetData) => $"""<worksheet xmlns="{Main}"><sheetData>{sheetData}</sheetData></worksheet>""";

    /// <summary>A package whose sheets are given as sheetData XML, with optional shared strings and styles.</summary>
    public static byte[] Package(IReadOnlyList<(string Name, string SheetData)> sheets, string? sharedStrings = null, string? styles = null)
    {
        var parts = new List<(string, string)>
        {
            ("xl/workbook.xml", Workbook(sheets.Select(s => s.Name).ToArray())),
            ("xl/_rels/workbook.xml.rels", Relations(sheets.Count)),
        };
        parts.AddRange(sheets.Select((s, i) => ($"xl/worksheets/sheet{i + 1}.xml", Sheet(s.SheetData))));
        if (sharedStrings is not null)
        {
            parts.Add(("xl/sharedStrings.xml", $"""<sst xmlns="{Main}">{sharedStrings}</sst>"""));
        }

        if (styles is not null)
        {
            parts.Add(("xl/styles.xml", $"""<styleSheet xmlns="{Main}">{styles}</styleSheet>"""));
        }

        return Zip(parts);
    }

    /// <summary>
    /// A package with the parts every Open XML reader needs ([Content_Types].xml, the package and workbook relations
    /// with their full types), as a spreadsheet program writes them, so that openpyxl (pyxform) reads it too.
    /// </summary>
    public static byte[] CompletePackage(IReadOnlyList<(string Name, string[][] Rows)> sheets)
    {
        const string Types = "http://schemas.openxmlformats.org/officeDocument/2006/relationships";
        var parts = new List<(string, string)>
        {
            ("[Content_Types].xml", """<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>"""
                + string.Concat(sheets.Select((_, i) => $"""<Override PartName="/xl/worksheets/sheet{i + 1}.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>""")) + "</Types>"),
            ("_rels/.rels", $"""<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="{Types}/officeDocument" Target="xl/workbook.xml"/></Relationships>"""),
            ("xl/workbook.xml", Workbook(sheets.Select(s => s.Name).ToArray())),
            ("xl/_rels/workbook.xml.rels", """<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">"""
                + string.Concat(sheets.Select((_, i) => $"""<Relationship Id="rId{i + 1}" Type="{Types}/worksheet" Target="worksheets/sheet{i + 1}.xml"/>""")) + "</Relationships>"),
        };
        parts.AddRange(sheets.Select((s, i) => ($"xl/worksheets/sheet{i + 1}.xml", Sheet(Rows(s.Rows)))));
        return Zip(parts);
    }

    public static byte[] Zip(IEnumerable<(string Name, string Text)> parts) =>
        ZipBytes(parts.Select(p => (p.Name, Encoding.UTF8.GetBytes(p.Text))));

    public static byte[] ZipBytes(IEnumerable<(string Name, byte[] Bytes)> parts)
    {
        using var stream = new MemoryStream();
        using (var zip = new ZipArchive(stream, ZipArchiveMode.Create, leaveOpen: true))
        {
            foreach (var (name, bytes) in parts)
            {
                using var entry = zip.CreateEntry(name, CompressionLevel.Optimal).Open();
                entry.Write(bytes);
            }
        }

        return stream.ToArray();
    }

    /// <summary>Inline-string cells for a simple survey sheet: rows of cell texts from A.</summary>
    public static string Rows(params string[][] rows) =>
        string.Concat(rows.Select((cells, r) => $"<row r=\"{r + 1}\">"
            + string.Concat(cells.Select((text, c) => text.Length == 0 ? string.Empty : $"<c r=\"{(char)('A' + c)}{r + 1}\" t=\"inlineStr\"><is><t>{System.Security.SecurityElement.Escape(text)}</t></is></c>"))
            + "</row>"));
}
