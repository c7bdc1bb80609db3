using Waymark.Content.Community;

namespace Waymark.Content;

/// <summary>
/// The figures of one <c>waymark community</c> run for a host to render (the command line's table): the role shares
/// among posting members, listed moderators who never posted, and the members (most posts first). The JSON and HTML
/// outputs hold the same.
/// </summary>
public sealed record CommunitySummary(
    int Posts,
    int Threads,
    int Authors,
    int Edges,
    IReadOnlyList<RoleShare> Roles,
    IReadOnlyList<string> ModeratorsWithoutPosts,
    IReadOnlyList<CommunityMemberRow> Members)
{
    internal static CommunitySummary From(CommunityFindings result) => new(
        result.Posts,
        result.Threads,
        result.Members.Count,
        result.Network.Edges.Count,
        result.RoleShares,
        result.ModeratorsWithoutPosts,
        [.. CommunityFindings.InReportOrder(result.Members).Select(m => new CommunityMemberRow(m.Author, m.Posts, m.ThreadsStarted, m.RepliesSent, m.RepliesReceived, m.Partners, m.Roles))]);
}

/// <summary>How many posting members hold a role, of <paramref name="Of"/> posting members.</summary>
public sealed record RoleShare(string Role, int Members, int Of)
{
    /// <summary>The role's share of the posting members (readers who never post are not in the data).</summary>
    public double Share => Of == 0 ? 0 : (double)Members / Of;
}

/// <summary>One member's activity and role labels.</summary>
public sealed record CommunityMemberRow(string Author, int Posts, int ThreadsStarted, int RepliesSent, int RepliesReceived, int Partners, IReadOnlyList<string> Roles);
