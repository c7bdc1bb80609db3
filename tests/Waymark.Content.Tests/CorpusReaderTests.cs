using Waymark.Content.Corpus;
using Waymark.Testing;

namespace Waymark.Content.Tests;

public sealed class CorpusReaderTests : IDisposable
{
    private readonly TempFolder _temp = TempFolder.Create("CorpusReaderTests");

    public void Dispose() => _temp.Dispose();

    private List<PostText> Posts(string name, string text)
    {
        var directory = _temp.NewFolder("corpus");
        var source = CorpusSource.Open([Files.Write(directory, name, text)]).Value!;
        var posts = source.Posts().ToList();
        Assert.All(posts, p => Assert.True(p.IsSuccess, p.Error));
        return [.. posts.Select(p => p.Value!)];
    }

    private string? Failure(string name, string text)
    {
        var directory = _temp.NewFolder("corpus");
        var source = CorpusSource.Open([Files.Write(directory, name, text)]).Value!;
        return source.Posts().Select(p => p.Error).LastOrDefault(e => e is not null);
    }

    [Fact]
    public void Csv_posts_keep_quoted_commas_quotes_and_line_breaks()
    {
        var posts = Posts("forum.csv", "thread_id,post_id,author,created_at,reply_to,text\r\n"
            + "t1,1,ann,2024-01-02T10:00:00Z,,\"Hello, all.\r\n\r\nSecond \"\"para\"\".\"\r\n"
            + "t1,2,bob,2024-01-03,1,I agree\r\n");
        Assert.Equal(2, posts.Count);
        Assert.Equal("Hello, all.\r\n\r\nSecond \"para\".", posts[0].Text);
        Assert.Equal(("t1", "2", "bob", "1"), (posts[1].Post.ThreadId, posts[1].Post.PostId, posts[1].Post.Author, posts[1].Post.ReplyTo));
        Assert.Equal(new DateTimeOffset(2024, 1, 2, 10, 0, 0, TimeSpan.Zero), posts[0].Post.CreatedAt);

        // Posts of a thread are laid out one after another, separated by a blank line.
        Assert.Equal(posts[0].Text.Length + 2, posts[1].Post.Offset);
    }

    [Fact]
    public void Json_lines_accept_numbers_as_ids_and_skip_blank_lines()
    {
        var posts = Posts("forum.jsonl", "{\"thread_id\":7,\"post_id\":1,\"author\":\"ann\",\"text\":\"Hi 😀\"}\n\n{\"thread_id\":7,\"post_id\":2,\"reply_to\":1,\"author\":\"bob\",\"text\":\"Hello\"}\n");
        Assert.Equal(["1", "2"], posts.Select(p => p.Post.PostId));
        Assert.Equal("1", posts[1].Post.ReplyTo);
        Assert.Equal("7", posts[0].Post.DocumentId);
    }

    [Theory]
    [InlineData("a.csv", "post_id,text\n1,x\n", "no 'thread_id' column")]
    [InlineData("a.csv", "thread_id,post_id,text\n1,2,\"open\n", "a.csv line 2, column text: a quoted field is not closed")]
    [InlineData("a.csv", "thread_id,post_id,text,created_at\n1,2,x,yesterday\n", "not an ISO 8601")]
    [InlineData("a.jsonl", "{\"thread_id\":1,\"post_id\":1,\"text\":\"x\"}\n{broken\n", "line 2: not valid JSON")]
    [InlineData("a.jsonl", "[1,2]\n", "expected a JSON object")]
    [InlineData("a.jsonl", "{\"thread_id\":1,\"post_id\":1}\n", "the text field is missing")]
    public void Bad_records_fail_with_file_line_and_reason(string name, string text, string message)
    {
        Assert.Contains(message, Failure(name, text), StringComparison.Ordinal);
    }

    [Fact]
    public void Html_text_drops_markup_scripts_and_never_resolves_entities_from_a_doctype()
    {
        const string html = """
            <!DOCTYPE html [<!ENTITY ext SYSTEM "file:///etc/passwd">]>
            <html><head><title>T</title><style>p{}</style></head>
            <body><h1>Peer   support</h1><p>I feel <b>alone</b> &amp; tired.<br>Next line</p>
            <script>var x = "<p>hidden</p>";</script><!-- a comment --><p>&ext; caf&eacute; &#128512;</p></body></html>
            """;
        var text = HtmlTextExtractor.Extract(html);
        Assert.Equal("Peer support\n\nI feel alone & tired.\nNext line\n\n&ext; café 😀", text);
    }

    [Fact]
    public void Directories_are_read_recursively_in_ordinal_order()
    {
        var directory = _temp.NewFolder("corpus");
        Files.Write(directory, "b/2.txt", "two");
        Files.Write(directory, "a.txt", "one");
        var source = CorpusSource.Open([directory]).Value!;
        Assert.Equal(["one", "two"], source.Paragraphs().Select(p => p.Value!.Text));
    }

    [Fact]
    public void A_missing_input_is_a_clear_failure()
    {
        Assert.Contains("no such file or directory", CorpusSource.Open(["/nonexistent/x.txt"]).Error, StringComparison.Ordinal);
    }
}
