using System.Globalization;
using System.Xml.Linq;

namespace Waymark.Content.Community;

/// <summary>The reply network for Gephi: GraphML and GEXF 1.3, directed, weight = replies, member measures as node attributes.</summary>
internal static class GraphExport
{
    private static readonly XNamespace GraphMlNs = "http://graphml.graphdrawing.org/xmlns";
    private static readonly XNamespace GexfNs = "http://gexf.net/1.3";

    private static readonly (string Id, string Type, Func<Member, string> Value)[] Attributes =
    [
        ("posts", "int", m => Int(m.Posts)),
        ("threads_started", "int", m => Int(m.ThreadsStarted)),
        ("partners", "int", m => Int(m.Partners)),
        ("betweenness", "double", m => Number(m.Betweenness)),
        ("pagerank", "double", m => Number(m.PageRank)),
        ("core", "int", m => Int(m.Core)),
        ("roles", "string", m => string.Join("; ", m.Roles)),
    ];

    public static XDocument GraphMl(CommunityFindings result)
    {
        ArgumentNullException.ThrowIfNull(result);
        var keys = Attributes.Select(a => Key(a.Id, "node", a.Type));
        var weightKey = Key("weight", "edge", "int");
        var nodes = result.Members.Select((m, i) => new XElement(
            GraphMlNs + "node",
            new XAttribute("id", NodeId(i)),
            new XElement(GraphMlNs + "data", new XAttribute("key", "label"), m.Author),
            Attributes.Select(a => new XElement(GraphMlNs + "data", new XAttribute("key", a.Id), a.Value(m)))));
        var labelKey = Key("label", "node", "string");
        var edges = Edges(result).Select(e => new XElement(
            GraphMlNs + "edge",
            new XAttribute("id", e.Id),
            new XAttribute("source", NodeId(e.From)),
            new XAttribute("target", NodeId(e.To)),
            new XElement(GraphMlNs + "data", new XAttribute("key", "weight"), Int(e.Weight))));
        return new XDocument(
            new XDeclaration("1.0", "utf-8", null),
            new XElement(
                GraphMlNs + "graphml",
                labelKey,
                keys,
                weightKey,
                new XElement(GraphMlNs + "graph", new XAttribute("id", "replies"), new XAttribute("edgedefault", "directed"), nodes, edges)));
    }

    public static XDocument Gexf(CommunityFindings result)
    {
        ArgumentNullException.ThrowIfNull(result);
        var attributes = new XElement(
            GexfNs + "attributes",
            new XAttribute("class", "node"),
            Attributes.Select((a, i) => new XElement(
                GexfNs + "attribute",
                new XAttribute("id", Int(i)),
                new XAttribute("title", a.Id),
                new XAttribute("type", a.Type == "int" ? "integer" : a.Type))));
        var nodes = result.Members.Select((m, i) => new XElement(
            GexfNs + "node",
            new XAttribute("id", NodeId(i)),
            new XAttribute("label", m.Author),
            new XElement(GexfNs + "attvalues", Attributes.Select((a, k) => new XElement(GexfNs + "attvalue", new XAttribute("for", Int(k)), new XAttribute("value", a.Value(m)))))));
        var edges = Edges(result).Select(e => new XElement(
            GexfNs + "edge",
            new XAttribute("id", e.Id),
            new XAttribute("source", NodeId(e.From)),
            new XAttribute("target", NodeId(e.To)),
            new XAttribute("weight", Int(e.Weight))));
        return new XDocument(
            new XDeclaration("1.0", "utf-8", null),
            new XElement(
                GexfNs + "gexf",
                new XAttribute("version", "1.3"),
                new XElement(GexfNs + "meta", new XElement(GexfNs + "creator", "Waymark")),
                new XElement(
                    GexfNs + "graph",
                    new XAttribute("defaultedgetype", "directed"),
                    attributes,
                    new XElement(GexfNs + "nodes", nodes),
                    new XElement(GexfNs + "edges", edges))));
    }

    private static XElement Key(string id, string target, string type) => new(
        GraphMlNs + "key",
        new XAttribute("id", id),
        new XAttribute("for", target),
        new XAttribute("attr.name", id),
        new XAttribute("attr.type", type));

    private static IEnumerable<(string Id, int From, int To, int Weight)> Edges(CommunityFindings result) =>
        result.Network.Edges.OrderBy(e => e.Key.From).ThenBy(e => e.Key.To).Select((e, i) => ($"e{i}", e.Key.From, e.Key.To, e.Value));

    private static string NodeId(int index) => "n" + Int(index);

    private static string Int(int value) => value.ToString(CultureInfo.InvariantCulture);

    private static string Number(double value) => value.ToString("R", CultureInfo.InvariantCulture);
}
