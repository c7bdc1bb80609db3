using System.Globalization;
using System.Text;
using System.Text.Json;

namespace Waymark.Content.Community;

/// <summary>
/// The JSON of <c>waymark community</c>: {"posts","threads","authors","edges","members":[{"author","posts",
/// "threads_started","replies_sent","replies_received","partners","first_post","last_post","tenure_days",
/// "in_degree","out_degree","in_weight","out_weight","betweenness","pagerank","core","roles"}]}, with "roles":
/// [{"role","members","share"}] (share of the posting members) and "moderators_without_posts" before the members;
/// dates are days (yyyy-MM-dd, UTC), members sorted by posts then name.
/// </summary>
internal static class CommunityJson
{
    public static string Write(CommunityFindings result)
    {
        using var stream = new MemoryStream();
        using (var w = new Utf8JsonWriter(stream, new JsonWriterOptions { Indented = true }))
        {
            w.WriteStartObject();
            w.WriteNumber("posts", result.Posts);
            w.WriteNumber("threads", result.Threads);
            w.WriteNumber("authors", result.Members.Count);
            w.WriteNumber("edges", result.Network.Edges.Count);
            w.WriteStartArray("roles");
            foreach (var share in result.RoleShares)
            {
                w.WriteStartObject();
                w.WriteString("role", share.Role);
                w.WriteNumber("members", share.Members);
                w.WriteNumber("share", Math.Round(share.Share, 6));
                w.WriteEndObject();
            }

            w.WriteEndArray();
            w.WriteStringArray("moderators_without_posts", result.ModeratorsWithoutPosts);
            w.WriteStartArray("members");
            foreach (var m in CommunityFindings.InReportOrder(result.Members))
            {
                w.WriteStartObject();
                w.WriteString("author", m.Author);
                w.WriteNumber("posts", m.Posts);
                w.WriteNumber("threads_started", m.ThreadsStarted);
                w.WriteNumber("replies_sent", m.RepliesSent);
                w.WriteNumber("replies_received", m.RepliesReceived);
                w.WriteNumber("partners", m.Partners);
                Date(w, "first_post", m.FirstPost);
                Date(w, "last_post", m.LastPost);
                if (m.TenureDays is { } days)
                {
                    w.WriteNumber("tenure_days", Math.Round(days, 2));
                }
                else
                {
                    w.WriteNull("tenure_days");
                }

                w.WriteNumber("in_degree", m.InDegree);
                w.WriteNumber("out_degree", m.OutDegree);
                w.WriteNumber("in_weight", m.InWeight);
                w.WriteNumber("out_weight", m.OutWeight);
                w.WriteNumber("betweenness", Math.Round(m.Betweenness, 6));
                w.WriteNumber("pagerank", Math.Round(m.PageRank, 6));
                w.WriteNumber("core", m.Core);
                w.WriteStringArray("roles", m.Roles);
                w.WriteEndObject();
            }

            w.WriteEndArray();
            w.WriteEndObject();
        }

        return Encoding.UTF8.GetString(stream.ToArray());
    }

    private static void Date(Utf8JsonWriter w, string name, DateTimeOffset? value)
    {
        if (value is { } v)
        {
            w.WriteString(name, v.UtcDateTime.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
        }
        else
        {
            w.WriteNull(name);
        }
    }
}
