using System.Text;

namespace Waymark.Csv.Tests;

/// <summary>The one CSV reader: dialects, strict UTF-8, located problems.</summary>
public sealed class CsvReaderTests
{
    internal static Result<List<string[]>> ReadAll(CsvReader csv)
    {
        using (csv)
        {
            var rows = new List<string[]> { csv.Header.ToArray() };
            while (true)
            {
                var next = csv.Read();
                if (!next.IsSuccess)
                {
                    return Result.Fail<List<string[]>>(next.Problem!);
                }

                if (!next.Value)
                {
                    return Result.Ok(rows);
                }

                rows.Add(Enumerable.Range(0, csv.FieldCount).Select(i => csv.Field(i).ToString()).ToArray());
            }
        }
    }

    internal static Result<List<string[]>> Read(string text, CsvDialect dialect) => CsvReader.Parse(text, "t.csv", dialect).Then(ReadAll);

    internal static Result<List<string[]>> Read(byte[] bytes, CsvDialect dialect) => CsvReader.Open(new MemoryStream(bytes), "b.csv", dialect).Then(ReadAll);

    [Fact]
    public void Quoted_fields_keep_separators_line_breaks_and_doubled_quotes_and_blank_lines_are_skipped()
    {
        var rows = Read("name,note\r\n\r\n\"a,b\",\"say \"\"hi\"\"\"\r\n\"two\nlines\",\n\n", CsvDialect.Rfc4180).Value!;

        Assert.Equal([["name", "note"], ["a,b", "say \"hi\""], ["two\nlines", ""]], rows);
    }

    [Fact]
    public void The_line_of_a_record_is_the_line_it_starts_on()
    {
        using var csv = CsvReader.Parse("a,b\n\"1\n2\",x\n\n3,y\n", "t.csv", CsvDialect.Rfc4180).Value!;
        var lines = new List<int>();
        while (csv.Read().Value)
        {
            lines.Add(csv.Line);
        }

        Assert.Equal([2, 5], lines);
    }

    [Theory]
    [InlineData("\"ab\"c,1", "abc")]
    [InlineData("x\"y\"z,1", "xyz")]
    [InlineData("\"a\"\"b\",1", "a\"b")]
    [InlineData("a\"\"b,1", "ab")]
    public void The_r_dialect_reads_quotes_anywhere_as_read_csv_does(string line, string expected)
    {
        // R 4.2.2: read.csv(text = "a,b\n<line>")$a gives the expected value for each line.
        Assert.Equal(expected, Read("a,b\n" + line + "\n", CsvDialect.R).Value![1][0]);
    }

    [Theory]
    [InlineData("a,b\n1,\"open\n2,3\n", "rfc4180", 2, "b", "not closed")]
    [InlineData("a,b\n1,2\n\"x\"y,3\n", "rfc4180", 3, "a", "text after the closing quote")]
    [InlineData("a,b\n1,2\n3,x\"y\"\n", "rfc4180", 3, "b", "does not start with one")]
    [InlineData("a,b\n\"multi\nline\",\"never closed\n1,2\n", "r", 3, "b", "not closed")]
    [InlineData("a,\"b\n1,2\n", "r", 1, "2", "not closed")]
    [InlineData("a,b\n1,2,3\n", "r", 2, null, "3 fields where the header has 2")]
    public void A_malformed_quote_or_record_is_a_problem_with_line_and_column(string text, string dialect, int line, string? column, string message)
    {
        var result = Read(text, dialect == "r" ? CsvDialect.R : CsvDialect.Rfc4180);

        Assert.False(result.IsSuccess);
        Assert.Equal(("t.csv", line, column), (result.Problem!.Source, result.Problem.Line, result.Problem.Column));
        Assert.Contains(message, result.Problem.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("\n")]
    [InlineData("\r\n")]
    [InlineData("\r")]
    public void After_a_quoted_field_spanning_lines_a_bad_record_names_its_text_line_and_its_record(string newLine)
    {
        // Record 1 spans lines 2 to 4, so record 2 is on line 5 (blank line 6 skipped) and record 3 on line 7.
        var text = string.Join(newLine, "a,b", "\"one", "two", "three\",x", "1,2", "", "3,4,5", "");

        var ragged = Read(text, CsvDialect.R);
        var quote = Read(text.Replace("3,4,5", "3,x\"y\"", StringComparison.Ordinal), CsvDialect.Rfc4180);
        byte[] latin1 = [.. Encoding.UTF8.GetBytes(text.Replace("3,4,5", "3,K", StringComparison.Ordinal)[..^newLine.Length]), 0xE9, .. "ln"u8];
        var notUtf8 = Read(latin1, CsvDialect.R);

        Assert.Equal("error: t.csv line 7: record 3 has 3 fields where the header has 2.", ragged.Error);
        Assert.Equal((LineUnit.Line, 7), (ragged.Problem!.Unit, ragged.Problem.Line));
        Assert.StartsWith("error: t.csv line 7, column b: a double quote inside a field", quote.Error, StringComparison.Ordinal);
        Assert.StartsWith("error: b.csv line 7, column 4: byte 0xE9 is not UTF-8", notUtf8.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void A_callers_problem_is_located_at_the_records_first_line()
    {
        using var csv = CsvReader.Parse("\nid,when\n\"a\nb\",x\n2,yesterday\n", "t.csv", CsvDialect.Rfc4180).Value!;
        Assert.Equal("error: t.csv line 2: no 'text' column", csv.ProblemHere("no 'text' column").ToString());

        Assert.True(csv.Read().Value);
        Assert.True(csv.Read().Value);

        Assert.Equal((5, 2), (csv.Line, csv.Record));
        Assert.Equal("error: t.csv line 5, column when: not a date", csv.ProblemHere("not a date", "when").ToString());
    }

    [Fact]
    public void An_empty_file_is_a_problem_naming_it()
    {
        var result = Read("\n\n", CsvDialect.R);

        Assert.Equal("error: t.csv: the file is empty; the first line must name the columns.", result.Error);
    }

    [Fact]
    public void Latin_1_bytes_are_refused_with_the_line_so_that_two_cities_never_merge()
    {
        byte[] latin1 = [.. "city,n\nK"u8, 0xF6, .. "ln,1\nK"u8, 0xE9, .. "ln,2\n"u8];

        var result = Read(latin1, CsvDialect.R);

        Assert.False(result.IsSuccess);
        Assert.Equal(("b.csv", 2, "2"), (result.Problem!.Source, result.Problem.Line, result.Problem.Column));
        Assert.Equal("error: b.csv line 2, column 2: byte 0xF6 is not UTF-8; save the file as UTF-8 (a file in Latin-1 or Windows-1252 would mix up letters such as ö and é).", result.Error);
    }

    [Fact]
    public void The_same_cities_in_utf_8_stay_two_and_a_byte_order_mark_is_dropped()
    {
        var rows = Read([.. Encoding.UTF8.Preamble, .. Encoding.UTF8.GetBytes("city,n\nKöln,1\nKéln,2\n")], CsvDialect.R).Value!;

        Assert.Equal([["city", "n"], ["Köln", "1"], ["Kéln", "2"]], rows);
    }

    [Fact]
    public void A_utf_16_file_is_refused_on_its_first_line()
    {
        var result = Read([.. Encoding.Unicode.Preamble, .. Encoding.Unicode.GetBytes("a,b\n1,2\n")], CsvDialect.Rfc4180);

        Assert.Equal((1, "1"), (result.Problem!.Line, result.Problem.Column));
    }

    [Fact]
    public void Characters_split_across_the_decoder_buffer_and_far_lines_are_read_and_located()
    {
        // 70,000 records of two-, three- and four-byte characters: some straddle the 64 KiB buffer of the decoder.
        var text = new StringBuilder("word,n\n");
        for (var i = 0; i < 70_000; i++)
        {
            text.Append(i % 3 == 0 ? "é" : i % 3 == 1 ? "€" : "😀").Append(',').Append(i).Append('\n');
        }

        var bytes = Encoding.UTF8.GetBytes(text.ToString());
        var rows = Read(bytes, CsvDialect.Rfc4180).Value!;
        Assert.Equal(70_001, rows.Count);
        Assert.Equal(["😀", "69998"], rows[^2]);

        bytes[^3] = 0xFF; // the sixth character of the last record, "é,69999", on line 70,001
        var bad = Read(bytes, CsvDialect.Rfc4180);
        Assert.Equal((70_001, "6"), (bad.Problem!.Line, bad.Problem.Column));
    }
}
