namespace Waymark.Content.Corpus;

/// <summary>
/// One post (a CSV/JSON Lines record, a whole text or HTML file) and where it sits: its document is the
/// file, or for CSV/JSON Lines the thread, whose text is its posts joined by a blank line in input order;
/// <see cref="Offset"/> is the UTF-16 offset of the post's text in that document text. <see cref="ByModerator"/>:
/// the record's optional <c>moderator</c> column marks the post as written by a moderator of the forum.
/// </summary>
internal sealed record CorpusPost(
    string DocumentId,
    string ThreadId,
    string PostId,
    string? Author,
    DateTimeOffset? CreatedAt,
    string? ReplyTo,
    long Offset,
    bool ByModerator = false);

/// <summary>
/// One paragraph of a post, the element the coding pipeline streams: <see cref="Offset"/> is its UTF-16
/// offset in the DOCUMENT text (post offset plus offset inside the post).
/// </summary>
internal sealed record CorpusParagraph(CorpusPost Post, long Offset, string Text);

/// <summary>A post with its whole text, for community analysis and exports that need the text of each post.</summary>
internal sealed record PostText(CorpusPost Post, string Text);
