using System.Globalization;

namespace Waymark.Content.Corpus;

/// <summary>
/// The documented post fields of CSV and JSON Lines corpora and how a record becomes a <see cref="PostText"/>:
/// thread_id, post_id and text are required; author, created_at (ISO 8601), reply_to (a post_id) and moderator
/// (true/false, 1/0, yes/no: the post was written by a moderator) are optional.
/// The document of a post is its thread; <see cref="ThreadOffsets"/> places each post in the thread's text.
/// </summary>
internal static class PostFields
{
    public const string ThreadId = "thread_id";
    public const string PostId = "post_id";
    public const string Author = "author";
    public const string CreatedAt = "created_at";
    public const string ReplyTo = "reply_to";
    public const string Moderator = "moderator";
    public const string Text = "text";

    /// <summary>Separator between posts in a thread's document text.</summary>
    public const string PostSeparator = "\n\n";

    public static Result<PostText> Make(
        Func<string, string?> field, string where, ThreadOffsets offsets)
    {
        var thread = field(ThreadId);
        var post = field(PostId);
        var text = field(Text);
        if (string.IsNullOrEmpty(thread) || string.IsNullOrEmpty(post))
        {
            return Result.Fail<PostText>($"{where}: {ThreadId} and {PostId} must not be empty.");
        }

        if (text is null)
        {
            return Result.Fail<PostText>($"{where}: the {Text} field is missing.");
        }

        DateTimeOffset? created = null;
        var createdText = field(CreatedAt);
        if (!string.IsNullOrWhiteSpace(createdText))
        {
            if (!DateTimeOffset.TryParse(createdText, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var parsed))
            {
                return Result.Fail<PostText>($"{where}: {CreatedAt} '{createdText}' is not an ISO 8601 date and time.");
            }

            created = parsed;
        }

        var moderator = field(Moderator)?.Trim().ToUpperInvariant();
        if (moderator is not (null or "" or "TRUE" or "FALSE" or "1" or "0" or "YES" or "NO"))
        {
            return Result.Fail<PostText>($"{where}: {Moderator} '{field(Moderator)}' must be true or false (or 1/0, yes/no, or empty).");
        }

        var author = field(Author);
        var replyTo = field(ReplyTo);
        var corpusPost = new CorpusPost(
            thread,
            thread,
            post,
            string.IsNullOrEmpty(author) ? null : author,
            created,
            string.IsNullOrEmpty(replyTo) ? null : replyTo,
            offsets.Place(thread, text.Length),
            moderator is "TRUE" or "1" or "YES");
        return Result.Ok(new PostText(corpusPost, text));
    }
}

/// <summary>Where the next post of each thread starts in the thread's document text.</summary>
internal sealed class ThreadOffsets
{
    private readonly Dictionary<string, long> _lengths = new(StringComparer.Ordinal);

    public long Place(string thread, int textLength)
    {
        var offset = _lengths.TryGetValue(thread, out var length) ? length + PostFields.PostSeparator.Length : 0;
        _lengths[thread] = offset + textLength;
        return offset;
    }
}
