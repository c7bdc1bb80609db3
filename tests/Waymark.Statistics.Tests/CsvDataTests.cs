using System.Diagnostics;
using System.Text;

namespace Waymark.Statistics.Tests;

/// <summary>The CSV reader: RFC 4180 quoting, R's blank-line skipping, clear errors, and seeded fuzzing.</summary>
public sealed class CsvDataTests
{
    private static readonly string[] Alphabet = ["a", "B", "1", ".", " ", ",", "\"", "\n", "\r\n", "é", "zorblat", "NA", ""];

    private static List<string[]> Cells(CsvData data) =>
        Enumerable.Range(-1, data.RowCount + 1)
            .Select(r => Enumerable.Range(0, data.Header.Count).Select(c => data.Cell(r, c).ToString()).ToArray())
            .ToList();

    private static string Quote(string cell) =>
        cell.IndexOfAny([',', '"', '\n', '\r']) >= 0 || cell.StartsWith('"') ? "\"" + cell.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"" : cell;

    [Fact]
    public void Quoted_fields_keep_commas_newlines_and_doubled_quotes()
    {
        var data = CsvData.Parse("name,note\r\n\"a,b\",\"say \"\"hi\"\"\"\r\n\"two\nlines\",plain\r\n", "q.csv").Value!;
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
        var data = CsvData.Parse("a,b\n\n1,\n\r\n3,4", "blank.csv").Value!;
        Assert.Equal(2, data.RowCount);
        Assert.True(CsvData.IsMissing(data.Cell(0, 1)));
        Assert.Equal("4", data.Cell(1, 1).ToString());
    }

    [Theory]
    [InlineData("", "empty")]
    [InlineData("a,b\n\"open,2\n", "not closed")]
    [InlineData("a,b\n1,2,3\n", "line 2: 3 fields")]
    public void Bad_files_get_clear_errors(string text, string expected)
    {
        var result = CsvData.Parse(text, "bad.csv");
        Assert.False(result.IsSuccess);
        Assert.Contains(expected, result.Error, StringComparison.Ordinal);
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
            var parsed = CsvData.Parse(text, "fuzz.csv");
            Assert.True(parsed.IsSuccess, $"seed {seed}: {parsed.Error}\n{text}");
            Assert.Equal(table, Cells(parsed.Value!));
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

            var result = CsvData.Parse(text.ToString(), "noise.csv");
            if (result.IsSuccess)
            {
                _ = Cells(result.Value!);
            }
            else
            {
                Assert.StartsWith("noise.csv", result.Error, StringComparison.Ordinal);
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
            Assert.Equal(expected, CsvData.TryNumber(sample, out var actual));
            if (expected)
            {
                Assert.True(BitConverter.DoubleToInt64Bits(parsed) == BitConverter.DoubleToInt64Bits(actual), $"'{sample}': {parsed:R} vs {actual:R}");
            }
        }
    }
}
