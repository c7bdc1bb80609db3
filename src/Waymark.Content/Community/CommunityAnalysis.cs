using Waymark.Content.Corpus;

namespace Waymark.Content.Community;

/// <summary>One member's activity, network position and role labels.</summary>
internal sealed record Member(
    string Author,
    int Posts,
    int ThreadsStarted,
    int RepliesSent,
    int RepliesReceived,
    int Partners,
    DateTimeOffset? FirstPost,
    DateTimeOffset? LastPost,
    int InDegree,
    int OutDegree,
    int InWeight,
    int OutWeight,
    double Betweenness,
    double PageRank,
    int Core,
    IReadOnlyList<string> Roles)
{
    public double? TenureDays => FirstPost is { } first && LastPost is { } last ? (last - first).TotalDays : null;
}

/// <summary>The community: posts, threads, members, the reply network, and listed moderators who never posted.</summary>
internal sealed record CommunityFindings(int Posts, int Threads, IReadOnlyList<Member> Members, ReplyNetwork Network)
{
    /// <summary>Names on the moderator list with no post in the corpus (sorted): they moderate unseen in post data.</summary>
    public IReadOnlyList<string> ModeratorsWithoutPosts { get; init; } = [];

    /// <summary>How many posting members hold each role, in <see cref="Roles.All"/> order, and their share of the posting members.</summary>
    public IReadOnlyList<RoleShare> RoleShares =>
        [.. Roles.All.Select(role => new RoleShare(role, Members.Count(m => m.Roles.Contains(role)), Members.Count))];

    /// <summary>Members as every output lists them: most posts first, then by name.</summary>
    public static IEnumerable<Member> InReportOrder(IEnumerable<Member> members) =>
        members.OrderByDescending(m => m.Posts).ThenBy(m => m.Author, StringComparer.Ordinal);
}

/// <summary>
/// Community structure from posts with authors and reply relations (docs/content-analysis.md "Community").
/// A thread's starter is the author of its earliest post (by created_at, else input order); a reply is a post
/// whose reply_to names another post (looked up in the same thread first, then anywhere); posts without an
/// author are counted as "(unknown)" and take part like any member. A member is a moderator when named in
/// the list of moderators (exact names) or when any of their posts is marked as a moderator's.
/// </summary>
internal static class CommunityAnalysis
{
    public const string UnknownAuthor = "(unknown)";

    public static Result<CommunityFindings> Analyse(IReadOnlyList<CorpusPost> posts, IReadOnlySet<string>? moderators = null)
    {
        ArgumentNullException.ThrowIfNull(posts);
        moderators ??= new HashSet<string>(StringComparer.Ordinal);
        if (posts.Count == 0)
        {
            return Result.Fail<CommunityFindings>("the corpus has no posts; community analysis needs CSV or JSON Lines posts with authors.");
        }

        var authors = posts.Select(AuthorOf).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList();
        var index = authors.Select((a, i) => (a, i)).ToDictionary(x => x.a, x => x.i, StringComparer.Ordinal);
        var byThreadAndId = new Dictionary<(string, string), CorpusPost>();
        var byId = new Dictionary<string, CorpusPost>(StringComparer.Ordinal);
        foreach (var post in posts)
        {
            byThreadAndId.TryAdd((post.ThreadId, post.PostId), post);
            byId.TryAdd(post.PostId, post);
        }

        var network = new ReplyNetwork(authors.Count);
        var postCount = new int[authors.Count];
        var started = new int[authors.Count];
        var sent = new int[authors.Count];
        var received = new int[authors.Count];
        var partners = authors.Select(_ => new HashSet<int>()).ToArray();
        var moderating = authors.Select(moderators.Contains).ToArray();
        var first = new DateTimeOffset?[authors.Count];
        var last = new DateTimeOffset?[authors.Count];
        foreach (var post in posts)
        {
            var a = index[AuthorOf(post)];
            postCount[a]++;
            moderating[a] |= post.ByModerator;
            if (post.CreatedAt is { } at)
            {
                first[a] = first[a] is { } f && f <= at ? f : at;
                last[a] = last[a] is { } l && l >= at ? l : at;
            }

            if (post.ReplyTo is { } target
                && (byThreadAndId.TryGetValue((post.ThreadId, target), out var parent) || byId.TryGetValue(target, out parent)))
            {
                var b = index[AuthorOf(parent)];
                if (a != b)
                {
                    sent[a]++;
                    received[b]++;
                    partners[a].Add(b);
                    partners[b].Add(a);
                    network.AddReply(a, b);
                }
            }
        }

        foreach (var thread in posts.Select((p, order) => (p, order)).GroupBy(x => x.p.ThreadId, StringComparer.Ordinal))
        {
            var starter = thread.OrderBy(x => x.p.CreatedAt ?? DateTimeOffset.MaxValue).ThenBy(x => x.order).First().p;
            started[index[AuthorOf(starter)]]++;
        }

        var inDegree = network.InDegree();
        var outDegree = network.OutDegree();
        var inWeight = network.InWeight();
        var outWeight = network.OutWeight();
        var betweenness = network.Betweenness();
        var pageRank = network.PageRank();
        var core = network.CoreNumbers();
        var facts = new RoleFacts(betweenness, core);
        var members = authors.Select((author, i) => new Member(
            author, postCount[i], started[i], sent[i], received[i], partners[i].Count, first[i], last[i],
            inDegree[i], outDegree[i], inWeight[i], outWeight[i], betweenness[i], pageRank[i], core[i],
            Roles.Label(moderating[i], postCount[i], started[i], sent[i], partners[i].Count, betweenness[i], core[i], facts))).ToList();
        return Result.Ok(new CommunityFindings(posts.Count, posts.Select(p => p.ThreadId).Distinct(StringComparer.Ordinal).Count(), members, network)
        {
            ModeratorsWithoutPosts = [.. moderators.Where(name => !index.ContainsKey(name)).Order(StringComparer.Ordinal)],
        });
    }

    private static string AuthorOf(CorpusPost post) => post.Author ?? UnknownAuthor;
}
