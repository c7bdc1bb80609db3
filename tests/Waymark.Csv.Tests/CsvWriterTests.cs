namespace Waymark.Csv.Tests;

/// <summary>The one CSV writer: quoting per dialect, formula neutralising, and what the reader reads back.</summary>
public sealed class CsvWriterTests
{
    [Fact]
    public void Fields_are_quoted_only_when_they_must_be_and_null_is_empty()
    {
        var text = CsvWriter.ToText(CsvDialect.Rfc4180, [["id", "note"], ["1", "a,b"], ["2", "say \"hi\""], ["3", "two\nlines"], ["4", null], ["5", "x;y\tz"]]);

        Assert.Equal("id,note\n1,\"a,b\"\n2,\"say \"\"hi\"\"\"\n3,\"two\nlines\"\n4,\n5,x;y\tz\n", text);
    }

    [Fact]
    public void The_spreadsheet_dialect_neutralises_formulas_but_not_numbers_and_quotes_semicolons_and_tabs()
    {
        var text = CsvWriter.ToText(CsvDialect.Spreadsheet with { NewLine = "\r\n" }, [["=1+2", "-3", "-3+1", "@SUM(A1)", "+4.5", "x;y", "a\tb"]]);

        Assert.Equal("'=1+2,-3,'-3+1,'@SUM(A1),+4.5,\"x;y\",\"a\tb\"\r\n", text);
    }

    [Fact]
    public void A_record_of_one_empty_field_is_not_written_as_a_blank_line()
    {
        var text = CsvWriter.ToText(CsvDialect.Rfc4180, [["a"], [""], ["b"]]);

        Assert.Equal("a\n\"\"\nb\n", text);
        Assert.Equal([["a"], [""], ["b"]], CsvReaderTests.Read(text, CsvDialect.Rfc4180).Value!);
    }
}
