using System.Diagnostics;
using System.Text;
using Waymark.Testing;

namespace Waymark.Statistics.Tests;

/// <summary>A dataset's cells read through the one CSV reader in R's dialect: quoting, R's blank-line skipping, located errors, seeded fuzzing.</summary>
public sealed class CellsTests
{
    private static readonly string[] Alphabet = ["a", "B", "1", ".", " ", ",", "\"", "\n", "\r\n", "é", "zorblat", "NA", ""];

    private static List<string[]> Table(Cells data) =>
        Enumerable.Range(-1, data.RowCount + 1)
            .Select(r => Enumerable.Range(0, data.Header.Count).Select(c => data.Cell(r, c).ToString()).ToArray())
            .ToList();

    private static string Quote(string cell) =>
        cell.IndexOfAny([',', '"', '\n', '\r']) >= 0 || cell.StartsWith('"') ? "\"" + cell.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"" : cell;

    [Fact]
    public void Quoted_fields_keep_commas_newlines_and_doubled_quotes()
    {
        var data = Cells.Parse("name,note\r\n\"a,b\",\"say \"\"hi\"\"\"\r\n\"two\nlines\",plain\r\n", "q.csv").Value!;
        Assert.Equal(["name", "note"], data.Header);
        Assert.Equal(2, data.RowCount);
        Assert.Equal("a,b", data.Cell(0, 0).ToString());
        Assert.Equal("say \"hi\"", data.Cell(0, 1).ToString());
        Assert.Equal("two\nlines", data.Cell(1, 0).ToString());
        Assert.Equal("plain", data.Cell(1, 1).ToString());
    }

    [Fact]
    public void Blank_lines_are_skipped_and_a_trailing_comma_is_an_empty_field()
    {
        var data = Cells.Parse("a,b\n\n1,\n\r\n3,4", "blank.csv").Value!;
        Assert.Equal(2, data.RowCount);
        Assert.True(Cells.IsMissing(data.Cell(0, 1)));
        Assert.Equal("4", data.Cell(1, 1).ToString());
    }

    [Theory]
    [InlineData("", 0, null, "empty")]
    [InlineData("a,b\n\"open,2\n", 2, "a", "not closed")]
    [InlineData("a,b\n1,2\n\n1,2,3\n", 4, null, "3 fields where the header has 2")]
    public void Bad_files_get_errors_naming_the_line_and_column(string text, int line, string? column, string expected)
    {
        var result = Cells.Parse(text, "bad.csv");
        Assert.False(result.IsSuccess);
        Assert.Equal(("bad.csv", line, column), (result.Problem!.Source, result.Problem.Line, result.Problem.Column));
        Assert.Contains(expected, result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void A_latin_1_file_is_refused_with_its_line_instead_of_merging_two_cities()
    {
        using var folder = TempFolder.Create("latin1");
        var path = folder.File("latin1.csv");
        File.WriteAllBytes(path, [.. "city,n\nK"u8, 0xF6, .. "ln,1\nK"u8, 0xE9, .. "ln,2\n"u8]);
        var result = Dataset.ReadCsv(path);
        Assert.False(result.IsSuccess);
        Assert.Equal((path, 2, "2"), (result.Problem!.Source, result.Problem.Line, result.Problem.Column));
        Assert.Contains("0xF6 is not UTF-8", result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void Random_tables_written_as_rfc_4180_read_back_cell_for_cell()
    {
        var watch = Stopwatch.StartNew();
        for (var seed = 0; seed < 300 && watch.Elapsed < TimeSpan.FromSeconds(10); seed++)
        {
            var random = new Random(seed);
            var columns = random.Next(1, 6);
            var table = Enumerable.Range(0, random.Next(1, 12))
                .Select(_ => Enumerable.Range(0, columns).Select(_ => string.Concat(Enumerable.Range(0, random.Next(0, 5)).Select(_ => Alphabet[random.Next(Alphabet.Length)]))).ToArray())
                .ToList();

            // A row of only one empty cell is a blank line, which R and Waymark skip; keep such rows out.
            table = [.. table.Where(row => !(row.Length == 1 && row[0].Length == 0))];
            if (table.Count == 0)
            {
                continue;
            }

            var newline = random.Next(2) == 0 ? "\n" : "\r\n";
            var text = string.Join(newline, table.Select(row => string.Join(",", row.Select(Quote)))) + (random.Next(2) == 0 ? newline : "");
            var parsed = Cells.Parse(text, "fuzz.csv");
            Assert.True(parsed.IsSuccess, $"seed {seed}: {parsed.Error}\n{text}");
            Assert.Equal(table, Table(parsed.Value!));
        }
    }

    [Fact]
    public void Random_bytes_give_a_result_or_a_message_never_an_exception()
    {
        var watch = Stopwatch.StartNew();
        for (var seed = 0; seed < 2000 && watch.Elapsed < TimeSpan.FromSeconds(10); seed++)
        {
            var random = new Random(seed);
            var text = new StringBuilder();
            for (var i = random.Next(0, 60); i > 0; i--)
            {
                text.Append(Alphabet[random.Next(Alphabet.Length)]);
            }

            var result = Cells.Parse(text.ToString(), "noise.csv");
            if (result.IsSuccess)
            {
                _ = Table(result.Value!);
            }
            else
            {
                Assert.Equal("noise.csv", result.Problem!.Source);
            }
        }
    }

    [Fact]
    public void Numbers_read_bit_for_bit_as_double_parse()
    {
        var random = new Random(4);
        var samples = new List<string> { "0", "-0", "1.", ".5", "-.5", "007", "1e5", "+3", " 4", "0.1", "123456789012345", "1234567890123456", "9007199254740993", "-", ".", "1.2.3", "NaN", "1,5" };
        for (var i = 0; i < 20_000; i++)
        {
            var digits = random.Next(1, 18);
            var text = new string(Enumerable.Range(0, digits).Select(_ => (char)('0' + random.Next(10))).ToArray());
            var point = random.Next(-1, digits + 1);
            samples.Add((random.Next(2) == 0 ? "-" : "") + (point < 0 ? text : text.Insert(point, ".")));
        }

        foreach (var sample in samples)
        {
            var expected = double.TryParse(sample, System.Globalization.NumberStyles.Float, System.Globalization.CultureInfo.InvariantCulture, out var parsed);
            Assert.Equal(expected, Cells.TryNumber(sample, out var actual));
            if (expected)
            {
                Assert.True(BitConverter.DoubleToInt64Bits(parsed) == BitConverter.DoubleToInt64Bits(actual), $"'{sample}': {parsed:R} vs {actual:R}");
            }
        }
    }
}
