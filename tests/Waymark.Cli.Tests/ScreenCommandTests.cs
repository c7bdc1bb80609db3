using System.Text.Json;
using Waymark.Testing;

namespace Waymark.Cli.Tests;

/// <summary><c>waymark screen</c> with placeholder terms: single query, batch, evaluation, bad input.</summary>
public sealed class ScreenCommandTests : IDisposable
{
    private readonly TempFolder _temp = TempFolder.Create("ScreenCommandTests");

    public void Dispose() => _temp.Dispose();

    private static async Task<(int Code, string Output, string Error)> RunAsync(params string[] args)
    {
        using var output = new StringWriter();
        using var error = new StringWriter();
        var code = await WaymarkCommandLine.RunAsync(args, output, error);
        return (code, output.ToString(), error.ToString());
    }

    private string File(string name, string text)
    {
        var path = Path.Combine(_temp.NewFolder("screen"), name);
        System.IO.File.WriteAllText(path, text);
        return path;
    }

    public ScreenCommandTests() => Terms = File("terms.tsv", "zorblat\t*\ttoken\tcsam\ttest\nvrel dapto\t*\tphrase\tcsam\ttest\n");

    private string Terms { get; }

    [Fact]
    public async Task Screen_prints_the_api_json()
    {
        var (code, output, error) = await RunAsync("screen", "ZORB1AT", "--terms", Terms, "--lang", "fi", "--json");
        Assert.True(code == ExitCodes.Ok, error);
        using var json = JsonDocument.Parse(output);
        Assert.True(json.RootElement.GetProperty("matched").GetBoolean());
        Assert.Equal("csam", json.RootElement.GetProperty("category").GetString());
        Assert.Contains("&lang=fi", json.RootElement.GetProperty("links")[0].GetProperty("url").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Screen_uses_the_shipped_generic_list_by_default()
    {
        var (_, output, _) = await RunAsync("screen", "child p o r n o g r a p h y", "--json");
        Assert.Contains("\"matched\":true", output, StringComparison.Ordinal);
        (_, output, _) = await RunAsync("screen", "children's books", "--json");
        Assert.Contains("\"matched\":false", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_term_list_line_that_cannot_be_read_is_named_and_skipped_and_strict_refuses_the_list()
    {
        var map = File("banned_terms.map", "default 0;\nzorblat 1;\n\"~*quen.*mix\" 1;\n");
        var (code, output, error) = await RunAsync("screen", "z o r b l a t", "--terms", map);
        Assert.True(code == ExitCodes.Ok, error);
        Assert.Contains("\"matched\":true", output, StringComparison.Ordinal);
        Assert.Contains("skipped warning: banned_terms.map line 3: the regular expression", error, StringComparison.Ordinal);
        Assert.Contains("1 line skipped; 1 terms read.", error, StringComparison.Ordinal);

        (code, output, error) = await RunAsync("screen", "batch", "--terms", map, "--strict", "--input", File("q.txt", "zorblat\n"));
        Assert.Equal(ExitCodes.Failure, code);
        Assert.Equal("", output);
        Assert.StartsWith("waymark screen: error: banned_terms.map line 3: the regular expression", error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Batch_prints_one_json_object_per_query_or_the_totals()
    {
        var queries = File("queries.txt", "zorblat\nweather\nvrel - dapto\n\n");
        var (code, output, error) = await RunAsync("screen", "batch", "--terms", Terms, "--input", queries);
        Assert.True(code == ExitCodes.Ok, error);
        var lines = output.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(4, lines.Length);
        Assert.Equal([true, false, true, false], lines.Select(l => JsonDocument.Parse(l).RootElement.GetProperty("matched").GetBoolean()));

        (code, output, _) = await RunAsync("screen", "batch", "--terms", Terms, "--input", queries, "--summary");
        Assert.Equal(ExitCodes.Ok, code);
        Assert.Equal("{\"screened\":4,\"matched\":2}", output.Trim());
    }

    [Fact]
    public async Task Eval_reports_recall_per_class_and_false_positives()
    {
        var benign = File("benign.txt", "zorblats are not a thing\nthe weather today\nvrel without the other word\n");
        var (code, output, error) = await RunAsync("screen", "eval", "--terms", Terms, "--benign", benign, "--mutations", "5", "--seed", "7", "--baseline", "ahmia");
        Assert.True(code == ExitCodes.Ok, error);
        using var json = JsonDocument.Parse(output);
        Assert.Equal("ahmia", json.RootElement.GetProperty("baseline").GetString());
        var classes = json.RootElement.GetProperty("recall").EnumerateArray().ToList();
        Assert.Equal(15, classes.Count); // 14 obfuscations and report-intent
        Assert.Contains(classes, c => c.GetProperty("class").GetString() == "report-intent" && c.GetProperty("generated").GetInt32() > 0);
        Assert.Equal(0, json.RootElement.GetProperty("report_intent_false_positives").GetProperty("routed_to_reporting").GetInt32());
        Assert.All(classes, c => Assert.Equal(c.GetProperty("generated").GetInt32(), c.GetProperty("detected").GetInt32()));
        Assert.All(classes, c => Assert.Equal(0, c.GetProperty("baseline_flagged_waymark_missed").GetInt32()));
        Assert.Contains(classes, c => c.GetProperty("class").GetString() == "punctuation-inside" && c.GetProperty("baseline_flagged").GetInt32() > 0);
        var file = json.RootElement.GetProperty("benign")[0];
        Assert.Equal(3, file.GetProperty("queries").GetInt32());
        Assert.Equal(0, file.GetProperty("flagged").GetInt32());
    }

    [Fact]
    public async Task A_bad_term_list_exits_1_with_the_file_and_line_when_strict_or_when_no_term_is_left()
    {
        var bad = File("bad.tsv", "zorblat\t*\ttoken\n\tx\nquenmix\t*\tsideways\n");
        var (code, output, error) = await RunAsync("screen", "zorblat", "--terms", bad, "--strict");
        Assert.Equal(ExitCodes.Failure, code);
        Assert.Equal("", output);
        Assert.Contains("bad.tsv line 2:", error, StringComparison.Ordinal);
        Assert.Contains("(1 more line is bad.)", error, StringComparison.Ordinal);

        (code, output, error) = await RunAsync("screen", "zorblat", "--terms", bad);
        Assert.True(code == ExitCodes.Ok, error);
        Assert.Contains("skipped warning: bad.tsv line 2:", error, StringComparison.Ordinal);
        Assert.Contains("skipped warning: bad.tsv line 3:", error, StringComparison.Ordinal);

        (code, output, error) = await RunAsync("screen", "zorblat", "--terms", File("none.tsv", "\tx\nquenmix\t*\tsideways\n"));
        Assert.Equal(ExitCodes.Failure, code);
        Assert.Equal("", output);
        Assert.Contains("none.tsv line 1: no line holds a term", error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_missing_term_list_exits_1()
    {
        var (code, _, error) = await RunAsync("screen", "zorblat", "--terms", "/nonexistent/terms.tsv");
        Assert.Equal(ExitCodes.Failure, code);
        Assert.Contains("Cannot read the term list", error, StringComparison.Ordinal);
    }
}
