using System.Text;
using Waymark.Surveys.XlsForm;
using Waymark.Surveys.Xlsx;

namespace Waymark.Surveys.Tests;

public sealed class XlsxReaderTests
{
    private static Workbook Read(byte[] bytes, XlsxLimits? limits = null)
    {
        var read = XlsxReader.Read(new MemoryStream(bytes), limits);
        Assert.True(read.IsSuccess, read.Error);
        return read.Value!;
    }

    private static string Error(byte[] bytes, XlsxLimits? limits = null)
    {
        var read = XlsxReader.Read(new MemoryStream(bytes), limits);
        Assert.False(read.IsSuccess);
        return read.Problem!.Message;
    }

    [Fact]
    public void Reads_shared_and_inline_strings_numbers_booleans_and_dates()
    {
        var sheet = """
            <row r="1"><c r="A1" t="s"><v>0</v></c><c r="B1" t="s"><v>1</v></c><c r="C1" t="inlineStr"><is><t xml:space="preserve"> lead</t></is></c></row>
            <row r="2"><c r="A2"><v>42</v></c><c r="B2"><v>1.5</v></c><c r="C2" t="b"><v>1</v></c><c r="D2" s="1"><v>46353</v></c><c r="E2" t="str"><f>1+1</f><v>2</v></c></row>
            <row r="4"><c r="AA4" t="inlineStr"><is><r><t>rich </t></r><r><t>text</t></r></is></c></row>
            """;
        var shared = "<si><t>type</t></si><si><r><t>na</t></r><r><t>me</t></r><rPh><t>ignored</t></rPh></si>";
        var styles = """<numFmts count="1"><numFmt numFmtId="164" formatCode="yyyy\-mm\-dd"/></numFmts><cellXfs count="2"><xf numFmtId="0"/><xf numFmtId="164"/></cellXfs>""";
        var rows = Read(XlsxBuilder.Package([("survey", sheet)], shared, styles)).Sheets[0].Rows;
        Assert.Equal("type", rows[1][1]);
        Assert.Equal("name", rows[1][2]);
        Assert.Equal(" lead", rows[1][3]);
        Assert.Equal(["42", "1.5", "TRUE", "2026-11-27", "2"], rows[2].Values);
        Assert.Equal("rich text", rows[4][27]);
    }

    [Fact]
    public void A_doctype_is_refused_so_no_entity_is_ever_expanded()
    {
        var xxe = "<?xml version=\"1.0\"?><!DOCTYPE w [<!ENTITY e SYSTEM \"file:///etc/passwd\">]>"
            + $"<worksheet xmlns=\"{XlsxBuilder.Main}\"><sheetData><row r=\"1\"><c r=\"A1\" t=\"inlineStr\"><is><t>&e;</t></is></c></row></sheetData></worksheet>";
        var bytes = XlsxBuilder.Zip([("xl/workbook.xml", XlsxBuilder.Workbook("survey")), ("xl/_rels/workbook.xml.rels", XlsxBuilder.Relations(1)), ("xl/worksheets/sheet1.xml", xxe)]);
        Assert.Contains("malformed XML", Error(bytes), StringComparison.Ordinal);
        Assert.Contains("DTD", Error(bytes), StringComparison.Ordinal);
    }

    [Fact]
    public void Path_traversal_entry_names_are_refused()
    {
        var bytes = XlsxBuilder.Zip([("xl/workbook.xml", XlsxBuilder.Workbook()), ("xl/_rels/workbook.xml.rels", XlsxBuilder.Relations(0)), ("../../evil.xml", "<x/>")]);
        Assert.Contains("unsafe entry name '../../evil.xml' (path traversal)", Error(bytes), StringComparison.Ordinal);
    }

    [Fact]
    public void A_relationship_leaving_the_package_is_refused()
    {
        var rels = """<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Target="../../../etc/passwd"/></Relationships>""";
        var bytes = XlsxBuilder.Zip([("xl/workbook.xml", XlsxBuilder.Workbook("survey")), ("xl/_rels/workbook.xml.rels", rels)]);
        Assert.Contains("leaves the package", Error(bytes), StringComparison.Ordinal);
    }

    [Fact]
    public void A_zip_bomb_is_refused_by_its_ratio_and_by_what_it_unpacks()
    {
        var zeros = new byte[8 * 1024 * 1024];
        var bytes = XlsxBuilder.ZipBytes([("xl/workbook.xml", zeros)]);
        Assert.True(bytes.Length < 100_000);
        Assert.Contains("zip bomb", Error(bytes), StringComparison.Ordinal);
        var lowRatioCap = new XlsxLimits { MaxCompressionRatio = 0, MaxEntryBytes = 1024 * 1024 };
        Assert.Contains("would unpack to more than 1 MB", Error(bytes, lowRatioCap), StringComparison.Ordinal);
    }

    [Fact]
    public void Too_many_entries_too_many_cells_and_too_large_files_are_refused()
    {
        var many = XlsxBuilder.Zip(Enumerable.Range(0, 20).Select(i => ($"x{i}.xml", "<x/>")));
        Assert.Contains("more than 10 entries", Error(many, new XlsxLimits { MaxEntries = 10 }), StringComparison.Ordinal);
        var cells = XlsxBuilder.Package([("survey", XlsxBuilder.Rows(["a", "b", "c"], ["d", "e", "f"]))]);
        Assert.Contains("more than 5 cells", Error(cells, new XlsxLimits { MaxCells = 5 }), StringComparison.Ordinal);
        Assert.Contains("larger than 0 MB", Error(cells, new XlsxLimits { MaxFileBytes = 100 }), StringComparison.Ordinal);
    }

    [Fact]
    public void A_cell_longer_than_excel_allows_is_refused_with_its_sheet_row_and_column_and_so_is_a_workbook_that_unpacks_too_big()
    {
        var longText = new string('z', 32_768);
        var shared = XlsxBuilder.Package(
            [("choices", "<row r=\"1\"><c r=\"A1\" t=\"inlineStr\"><is><t>list_name</t></is></c></row><row r=\"3\"><c r=\"B3\" t=\"s\"><v>0</v></c></row>")],
            $"<si><t>{longText}</t></si>");
        var read = XlsxReader.Read(new MemoryStream(shared));
        Assert.False(read.IsSuccess);
        Assert.Equal(("choices", 3, "B"), (read.Problem!.Source, read.Problem.Line, read.Problem.Column));
        Assert.Contains("the cell holds 32,768 characters; a cell may hold at most 32,767", read.Problem.Message, StringComparison.Ordinal);
        var build = XlsFormFile.Load(new MemoryStream(shared), "form.xlsx");
        Assert.Equal(("choices", 3, "B"), (build.Problems[0].Source, build.Problems[0].Line, build.Problems[0].Column));
        Assert.StartsWith("error: choices row 3, column B: the cell holds", build.Problems[0].ToString(), StringComparison.Ordinal);
        Assert.NotNull(Read(XlsxBuilder.Package([("survey", $"<row r=\"1\"><c r=\"A1\" t=\"inlineStr\"><is><t>{longText[1..]}</t></is></c></row>")])));

        // Text that compresses like real labels (well under the zip-bomb ratio), 9 MB of it.
        var random = new Random(5);
        var rows = new StringBuilder();
        for (var row = 1; row <= 600; row++)
        {
            var label = new string(Enumerable.Range(0, 15_000).Select(_ => (char)('a' + random.Next(26))).ToArray());
            rows.Append(System.Globalization.CultureInfo.InvariantCulture, $"<row r=\"{row}\"><c r=\"A{row}\" t=\"inlineStr\"><is><t>{label}</t></is></c></row>");
        }

        Assert.Contains("unpacks to more than 8 MB of XML", Error(XlsxBuilder.Package([("survey", rows.ToString())])), StringComparison.Ordinal);
    }

    [Fact]
    public void Not_a_zip_and_missing_parts_are_clear_errors()
    {
        Assert.Contains("is not a valid .xlsx file", Error(Encoding.UTF8.GetBytes("type,name\ntext,a\n")), StringComparison.Ordinal);
        Assert.Contains("missing part xl/workbook.xml", Error(XlsxBuilder.Zip([("a.xml", "<a/>")])), StringComparison.Ordinal);
        var badIndex = XlsxBuilder.Package([("survey", "<row r=\"1\"><c r=\"A1\" t=\"s\"><v>7</v></c></row>")], "<si><t>x</t></si>");
        Assert.Contains("missing shared string", Error(badIndex), StringComparison.Ordinal);
    }

    [Fact]
    public void Column_headers_are_case_insensitive_and_translations_keep_their_language()
    {
        var bytes = XlsxBuilder.Package(
        [
            ("Survey", XlsxBuilder.Rows(
                ["TYPE", "Name", "Label::English (en)", "label::Arabic (ar)", "Constraint Message::English (en)", "CONSTRAINT", "Relevant"],
                ["integer", "age", "Age", "العمر", "Too old", ". < 100", string.Empty],
                ["begin group", "g", "Group", string.Empty, string.Empty, string.Empty, "${age} > 1"],
                ["text", "t", "T", string.Empty, string.Empty, string.Empty, string.Empty],
                ["end group", string.Empty, string.Empty, string.Empty, string.Empty, string.Empty, string.Empty])),
            ("Settings", XlsxBuilder.Rows(["Form_ID", "Default_Language", "Style"], ["f", "English (en)", "pages"])),
        ]);
        var build = XlsFormFile.Load(new MemoryStream(bytes), "x.xlsx");
        Assert.True(build.IsSuccess, string.Join("\n", build.Problems));
        var age = build.Instrument!.Questions[0];
        Assert.Equal("العمر", age.Labels.For("ar"));
        Assert.Equal("Too old", age.ConstraintMessages.For("en"));
        Assert.Equal(["g"], build.Instrument.Questions[1].GroupPath);
        Assert.Equal("en", build.Instrument.Settings.DefaultLanguage);
    }

    [Fact]
    public void Import_problems_name_sheet_row_and_column()
    {
        var bytes = XlsxBuilder.Package(
        [
            ("survey", XlsxBuilder.Rows(
                ["type", "name", "label", "relevant"],
                ["text", "a", "A", "${a} >"],
                ["select_one missing", "b", "B", string.Empty],
                ["begin group", "g", "G", string.Empty],
                ["geopoint", "where", "Where", string.Empty])),
        ]);
        var problems = XlsFormFile.Load(new MemoryStream(bytes), "x.xlsx").Problems.Select(p => p.ToString()).ToList();
        Assert.Contains("error: survey row 3, column A (type): the choice list 'missing' is not in the choices sheet", problems);
        Assert.Contains("error: survey row 5, column A (type): location question type 'geopoint' is not supported (Waymark never asks where a respondent is)", problems);
        Assert.Contains("error: survey row 4, column A (type): group 'g' is never closed with 'end group'", problems);
    }

    [Fact]
    public void Expression_errors_from_import_carry_the_column_letter()
    {
        var bytes = XlsxBuilder.Package([("survey", XlsxBuilder.Rows(["type", "name", "label", "relevant"], ["text", "a", "A", string.Empty], ["text", "b", "B", "${a} >"]))]);
        var problem = Assert.Single(XlsFormFile.Load(new MemoryStream(bytes), "x.xlsx").Problems);
        Assert.Equal("error: survey row 3, column D (relevant): '${a} >' does not parse at character 7: expression ends too early", problem.ToString());
    }
}
