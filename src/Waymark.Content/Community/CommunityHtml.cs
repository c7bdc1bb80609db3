using System.Globalization;
using System.Net;
using System.Text;
using Waymark.Content.Reports;

namespace Waymark.Content.Community;

/// <summary>
/// A self-contained HTML page of <c>waymark community</c> (no script, no external resource): the counts, what post
/// data cannot show, the role shares among posting members, listed moderators who never posted, and the members.
/// Figures equal the JSON output.
/// </summary>
internal static class CommunityHtml
{
    public static string Write(CommunityFindings result, IReadOnlyList<string> corpus)
    {
        ArgumentNullException.ThrowIfNull(result);
        var html = new StringBuilder();
        html.Append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n<title>Community structure</title>\n");
        html.Append(HtmlReport.Style);
        html.Append("</head>\n<body>\n<main>\n<h1>Community structure</h1>\n");
        html.Append(CultureInfo.InvariantCulture, $"<p>Corpus: {E(string.Join(", ", corpus))}. Posts: {result.Posts}. Threads: {result.Threads}. Posting members: {result.Members.Count}. Reply edges: {result.Network.Edges.Count}.</p>\n");
        html.Append("<p>Post data shows only the members who post. Readers who never post are not in it, so every share below is a share of the posting members, not of everyone in the community.</p>\n");

        html.Append("<table>\n<caption>Roles among posting members</caption>\n<thead><tr><th scope=\"col\">Role</th><th scope=\"col\">Members</th><th scope=\"col\">Share</th></tr></thead>\n<tbody>\n");
        foreach (var share in result.RoleShares)
        {
            html.Append(CultureInfo.InvariantCulture, $"<tr><th scope=\"row\">{E(share.Role)}</th><td class=\"n\">{share.Members}</td><td class=\"n\">{share.Share:P1}</td></tr>\n");
        }

        html.Append("</tbody>\n</table>\n");
        if (result.ModeratorsWithoutPosts.Count > 0)
        {
            html.Append(CultureInfo.InvariantCulture, $"<p>Listed moderators with no post in the corpus: {E(string.Join(", ", result.ModeratorsWithoutPosts))}.</p>\n");
        }

        html.Append("<table>\n<caption>Members</caption>\n<thead><tr><th scope=\"col\">Author</th><th scope=\"col\">Posts</th><th scope=\"col\">Threads started</th>"
            + "<th scope=\"col\">Replies sent</th><th scope=\"col\">Replies received</th><th scope=\"col\">Partners</th><th scope=\"col\">Roles</th></tr></thead>\n<tbody>\n");
        foreach (var m in CommunityFindings.InReportOrder(result.Members))
        {
            html.Append(CultureInfo.InvariantCulture, $"<tr><th scope=\"row\">{E(m.Author)}</th><td class=\"n\">{m.Posts}</td><td class=\"n\">{m.ThreadsStarted}</td><td class=\"n\">{m.RepliesSent}</td><td class=\"n\">{m.RepliesReceived}</td><td class=\"n\">{m.Partners}</td><td>{E(string.Join(", ", m.Roles))}</td></tr>\n");
        }

        html.Append("</tbody>\n</table>\n</main>\n</body>\n</html>\n");
        return html.ToString();
    }

    private static string E(string text) => WebUtility.HtmlEncode(text);
}
