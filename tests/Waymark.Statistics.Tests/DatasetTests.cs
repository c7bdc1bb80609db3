using System.Globalization;
using System.Text;
using Waymark.Statistics.Rendering;

namespace Waymark.Statistics.Tests;

/// <summary>
/// A table built in memory (as the console builds one from decrypted answers) gives exactly the figures of the
/// same values written as CSV and read back (as <c>waymark stats</c> reads an export), which the R cross-checks hold to R.
/// </summary>
public sealed class DatasetTests
{
    private static readonly string[] Columns = ["q", "r", "x", "w"];

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    public void Rows_in_memory_and_the_same_rows_as_csv_give_identical_json(int seed)
    {
        var random = new Random(seed);
        string?[] categories = ["yes", "no", "a, b", "say \"zorblat\"", "Köln", "Kéln", "two\nlines", null, "", "NA"];
        var rows = new List<string?[]>();
        for (var i = 0; i < 150; i++)
        {
            rows.Add([
                categories[random.Next(categories.Length)],
                random.Next(3) == 0 ? null : random.Next(2) == 0 ? "often" : "never",
                random.Next(10) == 0 ? null : (random.Next(0, 400) / 4.0).ToString("R", CultureInfo.InvariantCulture),
                (random.Next(1, 8) / 2.0).ToString("R", CultureInfo.InvariantCulture),
            ]);
        }

        var memory = Dataset.FromRows(Columns, rows).WithLevelOrder("q", ["no", "yes", "maybe"]);
        var parsed = Dataset.ParseCsv(Csv(rows), "rows.csv");
        Assert.True(parsed.IsSuccess, parsed.Error);
        var csv = parsed.Value!.WithLevelOrder("q", ["no", "yes", "maybe"]);
        Assert.Equal(csv.RowCount, memory.RowCount);

        Same(Analyse.Frequencies(memory, "q", "w"), Analyse.Frequencies(csv, "q", "w"));
        Same(Analyse.CrossTabulate(memory, "q", "r"), Analyse.CrossTabulate(csv, "q", "r"));
        Same(Analyse.Describe(memory, "x"), Analyse.Describe(csv, "x"));
        Same(Analyse.Logit(memory, "r", ["q", "x"], "w"), Analyse.Logit(csv, "r", ["q", "x"], "w"));

        // Missing is null, empty or NA in both: R's na.strings.
        var frequencies = Analyse.Frequencies(memory, "q").Value!;
        Assert.Equal(rows.Count(r => r[0] is null or "" or "NA"), frequencies.Missing);
        Assert.Equal(["no", "yes", "maybe"], frequencies.Rows.Take(3).Select(l => l.Value));
        Assert.Equal(0, frequencies.Rows[2].Count);
        Assert.DoesNotContain(frequencies.Rows, l => l.Value is "" or "NA");
    }

    [Fact]
    public void Values_read_back_with_missing_as_null_and_a_row_of_the_wrong_length_is_refused()
    {
        var data = Dataset.FromRows(["a", "b"], [["1", null], ["NA", "x,y"]]);
        Assert.Equal(["a", "b"], data.Columns);
        Assert.Equal("1", data.Value(0, "a"));
        Assert.Null(data.Value(0, "b"));
        Assert.Null(data.Value(1, "a"));
        Assert.Equal("x,y", data.Value(1, "b"));
        Assert.Throws<ArgumentException>(() => Dataset.FromRows(["a", "b"], [["1"]]));
        Assert.Throws<ArgumentException>(() => Dataset.FromRows(["a", "a"], []));
        Assert.Throws<ArgumentOutOfRangeException>(() => data.Value(2, "a"));
        Assert.Contains("no column 'c'", Analyse.Frequencies(data, "c").Error, StringComparison.Ordinal);
    }

    private static void Same<T>(Result<T> memory, Result<T> csv) where T : IAnalysis
    {
        Assert.True(memory.IsSuccess, memory.Error);
        Assert.True(csv.IsSuccess, csv.Error);
        Assert.Equal(StatisticsJson.Write(csv.Value!), StatisticsJson.Write(memory.Value!));
    }

    /// <summary>RFC 4180: every value quoted, an inner quote doubled, null as an empty field.</summary>
    private static string Csv(List<string?[]> rows)
    {
        var text = new StringBuilder(string.Join(',', Columns)).Append('\n');
        foreach (var row in rows)
        {
            text.AppendJoin(',', row.Select(v => v is null ? "" : '"' + v.Replace("\"", "\"\"", StringComparison.Ordinal) + '"')).Append('\n');
        }

        return text.ToString();
    }
}
