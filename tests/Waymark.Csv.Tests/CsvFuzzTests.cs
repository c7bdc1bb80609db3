using System.Diagnostics;
using System.Text;

namespace Waymark.Csv.Tests;

/// <summary>Seeded fuzzing of the CSV reader and writer: noise never throws, valid tables never lose a row or a character.</summary>
public sealed class CsvFuzzTests
{
    // Pieces of bytes: plain text, separators, quotes, every line break, UTF-8 of two to four bytes, a byte order mark,
    // and bytes that are not UTF-8 (a Latin-1 é, a lone continuation byte, a truncated euro sign).
    private static readonly byte[][] Noise =
    [
        "a"u8.ToArray(), "Z9"u8.ToArray(), ","u8.ToArray(), "\""u8.ToArray(), "\"\""u8.ToArray(), "\n"u8.ToArray(), "\r\n"u8.ToArray(), "\r"u8.ToArray(),
        " "u8.ToArray(), "é"u8.ToArray(), "€"u8.ToArray(), "😀"u8.ToArray(), [0xEF, 0xBB, 0xBF], [0xE9], [0x80], [0xE2, 0x82], "NA"u8.ToArray(),
    ];

    private static readonly string[] Cells = ["a", "B", "1", "-2.5", " ", ",", ";", "\t", "\"", "\n", "\r\n", "\r", "é", "😀", "=1+2", "NA", ""];

    [Fact]
    public void Random_bytes_give_records_or_a_located_problem_never_an_exception()
    {
        var watch = Stopwatch.StartNew();
        for (var seed = 0; seed < 3000 && watch.Elapsed < TimeSpan.FromSeconds(10); seed++)
        {
            var random = new Random(seed);
            var bytes = Enumerable.Range(0, random.Next(0, 80)).SelectMany(_ => Noise[random.Next(Noise.Length)]).ToArray();
            var lines = bytes.Count(b => b is (byte)'\n' or (byte)'\r') + 1;
            foreach (var dialect in new[] { CsvDialect.Rfc4180, CsvDialect.R })
            {
                var result = CsvReaderTests.Read(bytes, dialect);
                if (!result.IsSuccess)
                {
                    Assert.Equal("b.csv", result.Problem!.Source);
                    Assert.InRange(result.Problem.Line, 0, lines);
                    Assert.False(string.IsNullOrWhiteSpace(result.Problem.Message));
                }
            }
        }
    }

    [Fact]
    public void Random_tables_written_then_read_come_back_cell_for_cell_in_every_dialect()
    {
        var watch = Stopwatch.StartNew();
        var dialects = new[] { CsvDialect.Rfc4180, CsvDialect.R, CsvDialect.Spreadsheet, CsvDialect.Rfc4180 with { NewLine = "\r\n" } };
        for (var seed = 0; seed < 2000 && watch.Elapsed < TimeSpan.FromSeconds(10); seed++)
        {
            var random = new Random(seed);
            var columns = random.Next(1, 6);
            var table = Enumerable.Range(0, random.Next(1, 15))
                .Select(_ => Enumerable.Range(0, columns).Select(_ => string.Concat(Enumerable.Range(0, random.Next(0, 5)).Select(_ => Cells[random.Next(Cells.Length)]))).ToArray())
                .ToList();
            var dialect = dialects[random.Next(dialects.Length)];
            var bytes = Encoding.UTF8.GetBytes(CsvWriter.ToText(dialect, table));

            var read = CsvReaderTests.Read(bytes, dialect);

            Assert.True(read.IsSuccess, $"seed {seed}: {read.Error}");
            var expected = dialect.NeutraliseFormulas ? table.Select(row => row.Select(CsvDialect.Neutralise).ToArray()).ToList() : table;
            Assert.Equal(expected, read.Value!);
        }
    }
}
