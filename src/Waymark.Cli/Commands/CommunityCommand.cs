using System.CommandLine;
using System.Globalization;
using System.Text;
using Waymark.Content;

namespace Waymark.Cli.Commands;

/// <summary>
/// <c>waymark community POSTS.jsonl [--moderators FILE] [--json] [--html F] [--graphml F] [--gexf F]</c>: members,
/// reply network, roles (moderators from a list of names or the posts' moderator column).
/// </summary>
internal static class CommunityCommand
{
    public static Command Create()
    {
        var corpus = CodeCommand.CorpusArgument();
        var json = new Option<bool>("--json") { Description = "Print machine-readable JSON instead of tables." };
        var moderators = new Option<string?>("--moderators") { Description = "A file of moderator names, one per line; their members get the moderator role." };
        var html = new Option<string?>("--html") { Description = "Also write a self-contained HTML report (no JavaScript) to this file." };
        var graphml = new Option<string?>("--graphml") { Description = "Also write the reply network as GraphML." };
        var gexf = new Option<string?>("--gexf") { Description = "Also write the reply network as GEXF (Gephi)." };
        var command = new Command("community", "Community structure from posts: activity, reply network measures and role labels, moderators included.")
        {
            corpus, json, moderators, html, graphml, gexf,
        };
        command.SetAction(async (parseResult, cancellationToken) =>
        {
            var result = ContentAnalysis.Community(parseResult.GetValue(corpus)!, parseResult.GetValue(moderators));
            if (!result.IsSuccess)
            {
                return await CodeCommand.FailAsync(parseResult, "community", result.Error!).ConfigureAwait(false);
            }

            var run = result.Value!;
            if (parseResult.GetValue(graphml) is { } graphMlPath)
            {
                run.ToGraphMl().Save(graphMlPath);
            }

            if (parseResult.GetValue(gexf) is { } gexfPath)
            {
                run.ToGexf().Save(gexfPath);
            }

            if (parseResult.GetValue(html) is { } htmlPath)
            {
                await File.WriteAllTextAsync(htmlPath, run.ToHtml(), cancellationToken).ConfigureAwait(false);
            }

            return await CodeCommand.PrintAsync(parseResult, "community", Result.Ok(parseResult.GetValue(json) ? run.ToJson() + "\n" : Table(run.Summary))).ConfigureAwait(false);
        });
        return command;
    }

    /// <summary>The terminal tables: counts, the role shares among posting members, then every member (most posts first).</summary>
    internal static string Table(CommunitySummary community)
    {
        var text = new StringBuilder();
        text.Append(CultureInfo.InvariantCulture, $"{community.Posts} posts in {community.Threads} threads by {community.Authors} posting members; {community.Edges} reply edges\n");
        text.Append("Shares are of the members who post: readers who never post are not in post data.\n\n");
        text.Append(TextTable.Render(
            ["Role", "Members", "Share"],
            community.Roles.Select(r => (IReadOnlyList<string>)[r.Role, Number(r.Members), r.Share.ToString("P1", CultureInfo.InvariantCulture)]),
            new HashSet<int> { 1, 2 }));
        if (community.ModeratorsWithoutPosts.Count > 0)
        {
            text.Append(CultureInfo.InvariantCulture, $"\nListed moderators with no post: {string.Join(", ", community.ModeratorsWithoutPosts)}\n");
        }

        text.Append('\n');
        text.Append(TextTable.Render(
            ["Author", "Posts", "Threads started", "Replies sent", "Replies received", "Partners", "Roles"],
            community.Members.Select(m => (IReadOnlyList<string>)[m.Author, Number(m.Posts), Number(m.ThreadsStarted), Number(m.RepliesSent), Number(m.RepliesReceived), Number(m.Partners), string.Join(", ", m.Roles)]),
            new HashSet<int> { 1, 2, 3, 4, 5 }));
        return text.ToString();
    }

    private static string Number(int value) => value.ToString(CultureInfo.InvariantCulture);
}
