using System.CommandLine;
using Waymark.Content;

namespace Waymark.Cli.Commands;

/// <summary><c>waymark community POSTS.jsonl --json [--graphml out.graphml] [--gexf out.gexf]</c>: members, reply network, roles.</summary>
internal static class CommunityCommand
{
    public static Command Create()
    {
        var corpus = CodeCommand.CorpusArgument();
        var json = new Option<bool>("--json") { Description = "Print machine-readable JSON (the only format so far)." };
        var graphml = new Option<string?>("--graphml") { Description = "Also write the reply network as GraphML." };
        var gexf = new Option<string?>("--gexf") { Description = "Also write the reply network as GEXF (Gephi)." };
        var command = new Command("community", "Community structure from posts: activity, reply network measures and role labels.") { corpus, json, graphml, gexf };
        command.SetAction((parseResult, _) => CodeCommand.PrintAsync(parseResult, "community", ContentAnalysis.Community(
            parseResult.GetValue(corpus)!, parseResult.GetValue(graphml), parseResult.GetValue(gexf))));
        return command;
    }
}
