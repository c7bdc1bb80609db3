using System.Text.Json;
using Waymark.Content.Community;
using Waymark.Content.Corpus;
using Waymark.Testing;

namespace Waymark.Content.Tests;

/// <summary>
/// Moderators as a role of <c>waymark community</c>: named in a list or marked by the posts' <c>moderator</c> column
/// (CSV and JSON Lines), reported in the JSON, the HTML report (checked by the Nu HTML Checker) and the role shares.
/// </summary>
public sealed class ModeratorTests : IDisposable
{
    private readonly TempFolder _temp = TempFolder.Create("ModeratorTests");

    public void Dispose() => _temp.Dispose();

    private static CorpusPost Post(string thread, string id, string author, string? replyTo, int day, bool moderator = false) =>
        new(thread, thread, id, author, new DateTimeOffset(2024, 1, day, 12, 0, 0, TimeSpan.Zero), replyTo, 0, moderator);

    // ann starts t1, bob and cara reply; mod replies to cara with a post marked as a moderator's; dan posts once.
    private static readonly CorpusPost[] Forum =
    [
        Post("t1", "1", "ann", null, 1),
        Post("t1", "2", "bob", "1", 2),
        Post("t1", "3", "cara", "2", 3),
        Post("t1", "4", "mod", "3", 4, moderator: true),
        Post("t2", "5", "dan", null, 5),
    ];

    [Fact]
    public void Without_a_list_or_column_nobody_is_a_moderator()
    {
        var result = CommunityAnalysis.Analyse([.. Forum.Select(p => p with { ByModerator = false })]).Value!;
        Assert.DoesNotContain(result.Members, m => m.Roles.Contains("moderator"));
        Assert.Equal(0, result.RoleShares.Single(r => r.Role == "moderator").Members);
    }

    [Fact]
    public void A_marked_post_or_a_listed_name_makes_a_moderator_and_listed_names_without_posts_are_reported()
    {
        var result = CommunityAnalysis.Analyse(Forum, new HashSet<string>(StringComparer.Ordinal) { "bob", "eve", "Ann" }).Value!;
        Assert.Equal(["bob", "mod"], result.Members.Where(m => m.Roles.Contains("moderator")).Select(m => m.Author));
        Assert.Equal("moderator", result.Members.Single(m => m.Author == "mod").Roles[0]);
        Assert.Contains("peripheral", result.Members.Single(m => m.Author == "mod").Roles);

        // Names match exactly ("Ann" is not "ann"); listed names that never posted cannot be seen in post data.
        Assert.Equal(["Ann", "eve"], result.ModeratorsWithoutPosts);
        var moderators = result.RoleShares.Single(r => r.Role == "moderator");
        Assert.Equal((2, 5, 0.4), (moderators.Members, moderators.Of, moderators.Share));
        Assert.Equal(["moderator", "hub", "active conversationalist", "thread starter", "core member", "sharer", "peripheral"], result.RoleShares.Select(r => r.Role));
    }

    [Fact]
    public void The_moderator_column_is_read_from_csv_and_json_lines_and_a_bad_value_names_the_line()
    {
        var directory = _temp.NewFolder("moderators");
        var csv = Files.Write(directory, "forum.csv",
            "thread_id,post_id,author,reply_to,moderator,text\n"
            + "t1,1,ann,,,Hello all\n"
            + "t1,2,bob,1,TRUE,Welcome\n"
            + "t1,3,cara,2,no,Thanks\n");
        var jsonl = Files.Write(directory, "forum.jsonl",
            """{"thread_id":"t2","post_id":"4","author":"dan","moderator":true,"text":"Rules are pinned"}""" + "\n"
            + """{"thread_id":"t2","post_id":"5","author":"eve","reply_to":"4","moderator":0,"text":"Noted"}""" + "\n");
        var result = ContentAnalysis.Community([csv, jsonl], moderatorsPath: null);
        Assert.Null(result.Error);
        Assert.Equal(["bob", "dan"], result.Value!.Summary.Members.Where(m => m.Roles.Contains("moderator")).Select(m => m.Author).Order(StringComparer.Ordinal));

        var bad = Files.Write(directory, "bad.csv", "thread_id,post_id,author,moderator,text\nt1,1,ann,maybe,Hello\n");
        var refused = ContentAnalysis.Community([bad], moderatorsPath: null);
        Assert.Contains("bad.csv line 2: moderator 'maybe' must be true or false", refused.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void A_moderator_list_file_gives_the_role_in_json_and_html()
    {
        var directory = _temp.NewFolder("moderators");
        var jsonl = Files.Write(directory, "forum.jsonl", string.Join("\n",
            """{"thread_id":"t1","post_id":"1","author":"ann","text":"Hello all"}""",
            """{"thread_id":"t1","post_id":"2","author":"bob","reply_to":"1","text":"Welcome <b>here</b>"}""",
            """{"thread_id":"t1","post_id":"3","author":"cara","reply_to":"2","text":"Thanks"}""") + "\n");
        var list = Files.Write(directory, "moderators.txt", "\uFEFF  bob  \n\nsilent_sam\n");
        var html = Path.Combine(directory, "community.html");
        var result = ContentAnalysis.Community([jsonl], list);
        Assert.Null(result.Error);
        File.WriteAllText(html, result.Value!.ToHtml());

        using var json = JsonDocument.Parse(result.Value.ToJson());
        var root = json.RootElement;
        Assert.Equal(["posts", "threads", "authors", "edges", "roles", "moderators_without_posts", "members"], root.EnumerateObject().Select(p => p.Name));
        var moderator = root.GetProperty("roles").EnumerateArray().First();
        Assert.Equal(("moderator", 1, Math.Round(1.0 / 3, 6)), (moderator.GetProperty("role").GetString(), moderator.GetProperty("members").GetInt32(), moderator.GetProperty("share").GetDouble()));
        Assert.Equal(["silent_sam"], root.GetProperty("moderators_without_posts").EnumerateArray().Select(n => n.GetString()));
        var bob = root.GetProperty("members").EnumerateArray().Single(m => m.GetProperty("author").GetString() == "bob");
        Assert.Equal("moderator", bob.GetProperty("roles")[0].GetString());

        var page = File.ReadAllText(html);
        var report = HtmlPage.Parse(page);
        Assert.Equal(["1", "33.3 %"], report.Table("Roles among posting members").Row("moderator"));
        Assert.Contains("Readers who never post are not in it", page, StringComparison.Ordinal);
        Assert.Contains("Listed moderators with no post in the corpus: silent_sam.", page, StringComparison.Ordinal);
        Assert.Contains("moderator", report.Table("Members").Row("bob")[^1].Split(", "));
        PublishedComparisonTests.AssertValidHtml(html);
    }

    [Theory]
    [InlineData(null, "no such moderator list")]
    [InlineData("\n  \n", "holds no names")]
    public void A_missing_or_empty_moderator_list_is_refused(string? text, string message)
    {
        var directory = _temp.NewFolder("moderators");
        var corpus = Files.Write(directory, "forum.jsonl", """{"thread_id":"t1","post_id":"1","author":"ann","text":"Hello"}""" + "\n");
        var list = Path.Combine(directory, "moderators.txt");
        if (text is not null)
        {
            File.WriteAllText(list, text);
        }

        var result = ContentAnalysis.Community([corpus], list);
        Assert.Contains(message, result.Error, StringComparison.Ordinal);
    }
}
