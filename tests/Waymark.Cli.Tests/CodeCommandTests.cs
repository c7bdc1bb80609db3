using System.IO.Compression;
using System.Text.Json;
using Waymark.Testing;

namespace Waymark.Cli.Tests;

public sealed class CodeCommandTests : IDisposable
{
    private readonly TempFolder _temp = TempFolder.Create("CodeCommandTests");

    public void Dispose() => _temp.Dispose();

    private static readonly string Huikuri = Path.Combine(TestEnvironment.RepositoryRoot, "codebooks", "huikuri-2022.yaml");
    private static readonly string[] CountMembers = ["theme", "code", "hits", "units", "documents", "band"];

    private static async Task<(int Code, string Output, string Error)> RunAsync(params string[] args)
    {
        using var output = new StringWriter();
        using var error = new StringWriter();
        var code = await WaymarkCommandLine.RunAsync(args, output, error);
        return (code, output.ToString(), error.ToString());
    }

    private string Forum()
    {
        var directory = _temp.NewFolder("code-cli");
        var path = Path.Combine(directory, "forum.jsonl");
        File.WriteAllLines(path,
        [
            """{"thread_id":"t1","post_id":"1","author":"ann","created_at":"2024-01-01T10:00:00Z","text":"I feel alone tonight.\n\nDoes anyone feel the same?"}""",
            """{"thread_id":"t1","post_id":"2","author":"bob","created_at":"2024-01-02T10:00:00Z","reply_to":"1","text":"You are not alone. Support helps, and we care."}""",
            """{"thread_id":"t2","post_id":"3","author":"cara","created_at":"2024-01-05T10:00:00Z","text":"Real help is close: share how you feel."}""",
            """{"thread_id":"t2","post_id":"4","author":"ann","created_at":"2024-01-06T10:00:00Z","reply_to":"3","text":"Thank you for the support 😀"}""",
        ]);
        return path;
    }

    [Fact]
    public async Task Code_prints_the_json_shape_of_the_issue()
    {
        var (code, output, error) = await RunAsync("code", Forum(), "--codebook", Huikuri, "--unit", "paragraph", "--bands", "3-,2,1", "--json");
        Assert.True(code == ExitCodes.Ok, error);
        using var json = JsonDocument.Parse(output);
        var root = json.RootElement;
        Assert.Equal(["unit", "documents", "units", "method", "codes", "cooccurrence"], root.EnumerateObject().Select(p => p.Name));
        Assert.Equal(("paragraph", 2, 5), (root.GetProperty("unit").GetString(), root.GetProperty("documents").GetInt32(), root.GetProperty("units").GetInt32()));
        var feel = root.GetProperty("codes").EnumerateArray().Single(c => c.GetProperty("code").GetString() == "Feel");
        Assert.Equal(["theme", "code", "hits", "units", "documents", "band", "published", "ratio"], feel.EnumerateObject().Select(p => p.Name));
        Assert.Equal((3, 3, 2, "3-"), (feel.GetProperty("hits").GetInt32(), feel.GetProperty("units").GetInt32(), feel.GetProperty("documents").GetInt32(), feel.GetProperty("band").GetString()));
        Assert.Equal(("Grand themes", 150, 0.02), (feel.GetProperty("theme").GetString(), feel.GetProperty("published").GetInt32(), feel.GetProperty("ratio").GetDouble()));
        var pair = root.GetProperty("cooccurrence").EnumerateArray().Single(p => p.GetProperty("a").GetString() == "Feel" && p.GetProperty("b").GetString() == "Alone");
        Assert.Equal(["a", "b", "n", "c"], pair.EnumerateObject().Select(p => p.Name));
        Assert.Equal(1, pair.GetProperty("n").GetInt32());
        Assert.Equal(1.0 / (3 + 2 - 1), pair.GetProperty("c").GetDouble(), 6);
    }

    [Fact]
    public async Task Without_json_a_table_sets_observed_beside_published_under_the_published_themes()
    {
        var (code, output, error) = await RunAsync("code", Forum(), "--codebook", Huikuri);
        Assert.True(code == ExitCodes.Ok, error);
        var lines = output.Split('\n');
        Assert.Equal("huikuri-2022: 5 paragraphs in 2 documents", lines[0]);
        Assert.Equal(["Theme", "Code", "Hits", "Paragraphs", "Documents", "Band", "Published", "Observed/published"], lines[2].Split("  ", StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));
        Assert.Matches("^-+(  -+){7}$", lines[3]);
        string[] Row(string name) => lines.Single(l => l.Split("  ", StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries) is [_, var c, ..] && c == name)
            .Split("  ", StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        Assert.Equal(["Grand themes", "Feel", "3", "3", "2", "150", "0.02"], Row("Feel"));
        Assert.Equal(["Grand themes", "Alone", "2", "2", "1", "100", "0.02"], Row("Alone"));
        Assert.Equal(["Peer-support", "Support", "2", "2", "2", "36", "0.06"], Row("Support"));
        Assert.Equal(["Self-perception", "Guilt", "0", "0", "0", "46", "0.00"], Row("Guilt"));
        Assert.Contains(lines, l => l.StartsWith("Published: Huikuri, S. & Insoll, T. (2022).", StringComparison.Ordinal));
        Assert.Contains("Method: unit paragraph; 18 documents; 3 communities; ATLAS.ti", lines);
        Assert.Equal(4, lines.Count(l => l.StartsWith("Gap: ", StringComparison.Ordinal)));
        Assert.Empty(error);
    }

    [Fact]
    public async Task Timing_goes_to_standard_error_and_leaves_the_json_alone()
    {
        var corpus = Forum();
        var plain = await RunAsync("code", corpus, "--codebook", Huikuri, "--json");
        var (code, output, error) = await RunAsync("code", corpus, "--codebook", Huikuri, "--json", "--timing");
        Assert.True(code == ExitCodes.Ok, error);
        Assert.Matches(@"^codebook=\d+\.\d{3} matcher=\d+\.\d{3} corpus=\d+\.\d{3} output=\d+\.\d{3}\r?\n$", error);
        Assert.Equal(plain.Output, output);
        Assert.Empty(plain.Error);
    }

    [Fact]
    public async Task Min_leaves_out_codes_and_html_and_qdpx_are_written()
    {
        var directory = _temp.NewFolder("code-cli");
        var html = Path.Combine(directory, "report.html");
        var qdpx = Path.Combine(directory, "out.qdpx");
        var (code, output, error) = await RunAsync("code", Forum(), "--codebook", Huikuri, "--min", "2", "--json", "--html", html, "--qdpx", qdpx);
        Assert.True(code == ExitCodes.Ok, error);
        using var json = JsonDocument.Parse(output);
        Assert.All(json.RootElement.GetProperty("codes").EnumerateArray(), c => Assert.True(c.GetProperty("units").GetInt32() >= 2));
        var page = HtmlPage.Parse(await File.ReadAllTextAsync(html));
        Assert.False(page.Has("script"));
        // The chart is inline SVG that names itself for a screen reader.
        var chart = page.One("svg");
        Assert.Equal("img", chart.GetAttribute("role"));
        Assert.Contains("chart-title", chart.GetAttribute("aria-labelledby")!.Split(' '));
        Assert.EndsWith("containing each code", chart.Text("title#chart-title"), StringComparison.Ordinal);
        using var zip = ZipFile.OpenRead(qdpx);
        Assert.NotNull(zip.GetEntry("project.qde"));
        Assert.Equal(2, zip.Entries.Count(e => e.FullName.StartsWith("sources/", StringComparison.Ordinal)));
    }

    [Fact]
    public async Task Kwic_shows_each_match_with_words_around_it()
    {
        var (code, output, error) = await RunAsync("code", "kwic", Forum(), "--codebook", Huikuri, "--code", "Alone", "--width", "2");
        Assert.True(code == ExitCodes.Ok, error);
        var lines = output.TrimEnd('\n').Split('\n');
        Assert.Equal(2, lines.Length);
        Assert.Equal(["I feel", "alone", "tonight."], lines[0].Split('\t')[1..].Select(s => s.Trim()));
        Assert.Equal(["are not", "alone", ". Support"], lines[1].Split('\t')[1..].Select(s => s.Trim()));
    }

    [Fact]
    public async Task Community_prints_members_and_writes_graphs()
    {
        var directory = _temp.NewFolder("community-cli");
        var graphml = Path.Combine(directory, "g.graphml");
        var gexf = Path.Combine(directory, "g.gexf");
        var (code, output, error) = await RunAsync("community", Forum(), "--json", "--graphml", graphml, "--gexf", gexf);
        Assert.True(code == ExitCodes.Ok, error);
        using var json = JsonDocument.Parse(output);
        Assert.Equal((4, 2, 3, 2), (json.RootElement.GetProperty("posts").GetInt32(), json.RootElement.GetProperty("threads").GetInt32(), json.RootElement.GetProperty("authors").GetInt32(), json.RootElement.GetProperty("edges").GetInt32()));
        var ann = json.RootElement.GetProperty("members").EnumerateArray().First();
        Assert.Equal("ann", ann.GetProperty("author").GetString());
        Assert.Equal(5.0, ann.GetProperty("tenure_days").GetDouble());
        Assert.True(File.Exists(graphml) && File.Exists(gexf));
    }

    [Fact]
    public async Task Community_with_a_moderator_list_prints_the_role_in_tables_and_json()
    {
        var directory = _temp.NewFolder("community-cli");
        var moderators = Path.Combine(directory, "moderators.txt");
        await File.WriteAllTextAsync(moderators, "bob\nquiet_quinn\n");
        var (code, output, error) = await RunAsync("community", Forum(), "--moderators", moderators);
        Assert.True(code == ExitCodes.Ok, error);
        var lines = output.Split('\n');
        Assert.Equal("4 posts in 2 threads by 3 posting members; 2 reply edges", lines[0]);
        Assert.Equal("Shares are of the members who post: readers who never post are not in post data.", lines[1]);
        static string[] Cells(string line) => line.Split("  ", StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        Assert.Equal(["Role", "Members", "Share"], Cells(lines[3]));
        Assert.Equal(["moderator", "1", "33.3 %"], Cells(lines[5]));
        Assert.Contains("Listed moderators with no post: quiet_quinn", lines);
        Assert.Contains(lines, l => Cells(l) is ["bob", "1", "0", "1", "0", "1", var roles] && roles.StartsWith("moderator", StringComparison.Ordinal));

        var (jsonCode, json, _) = await RunAsync("community", Forum(), "--moderators", moderators, "--json");
        Assert.Equal(ExitCodes.Ok, jsonCode);
        using var document = JsonDocument.Parse(json);
        Assert.Equal(["quiet_quinn"], document.RootElement.GetProperty("moderators_without_posts").EnumerateArray().Select(n => n.GetString()));

        var (missing, _, message) = await RunAsync("community", Forum(), "--moderators", Path.Combine(directory, "none.txt"));
        Assert.Equal(ExitCodes.Failure, missing);
        Assert.Contains("no such moderator list", message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("--unit", "chapter", "use hit, sentence, paragraph, post or thread")]
    [InlineData("--bands", "lots", "is not a count band")]
    [InlineData("--codebook", "/nonexistent.yaml", "no such codebook file")]
    public async Task Bad_options_exit_1_with_a_message(string option, string value, string message)
    {
        var args = new List<string> { "code", Forum(), "--codebook", Huikuri, "--json" };
        var at = args.IndexOf(option);
        if (at >= 0)
        {
            args[at + 1] = value;
        }
        else
        {
            args.AddRange([option, value]);
        }

        var (code, _, error) = await RunAsync([.. args]);
        Assert.Equal(ExitCodes.Failure, code);
        Assert.Contains(message, error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Convert_writes_a_qdc_that_codes_the_same()
    {
        var directory = _temp.NewFolder("code-cli");
        var qdc = Path.Combine(directory, "huikuri.qdc");
        var (code, _, error) = await RunAsync("code", "convert", Huikuri, qdc);
        Assert.True(code == ExitCodes.Ok, error);
        var corpus = Forum();
        var fromYaml = await RunAsync("code", corpus, "--codebook", Huikuri, "--json");
        var fromQdc = await RunAsync("code", corpus, "--codebook", qdc, "--json");

        // A .qdc carries themes, codes, colours and patterns; the study's method and reference counts stay in the YAML.
        using var yaml = JsonDocument.Parse(fromYaml.Output);
        using var back = JsonDocument.Parse(fromQdc.Output);
        static string Counts(JsonDocument json) => string.Join('\n', json.RootElement.GetProperty("codes").EnumerateArray().Select(c =>
            string.Join('|', CountMembers.Select(p => c.GetProperty(p).ToString())))
            .Concat(json.RootElement.GetProperty("cooccurrence").EnumerateArray().Select(p => p.ToString())));
        Assert.Equal(Counts(yaml), Counts(back));
        Assert.False(back.RootElement.TryGetProperty("method", out _));
    }
}
