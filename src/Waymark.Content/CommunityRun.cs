using System.Xml.Linq;
using Waymark.Content.Community;

namespace Waymark.Content;

/// <summary>
/// The result of a community analysis: the typed figures (<see cref="Summary"/>) and the renderers a host picks
/// from (JSON, a self-contained HTML report, the reply network as GraphML or GEXF).
/// </summary>
public sealed class CommunityRun
{
    private readonly CommunityFindings _result;
    private readonly IReadOnlyList<string> _corpus;

    internal CommunityRun(CommunityFindings result, IReadOnlyList<string> corpus)
    {
        _result = result;
        _corpus = corpus;
        Summary = CommunitySummary.From(result);
    }

    /// <summary>The role shares among posting members, listed moderators who never posted, and every member.</summary>
    public CommunitySummary Summary { get; }

    public string ToJson() => CommunityJson.Write(_result);

    /// <summary>A self-contained HTML report (no script).</summary>
    public string ToHtml() => CommunityHtml.Write(_result, _corpus);

    /// <summary>The reply network as GraphML (yEd, igraph, NetworkX).</summary>
    public XDocument ToGraphMl() => GraphExport.GraphMl(_result);

    /// <summary>The reply network as GEXF (Gephi).</summary>
    public XDocument ToGexf() => GraphExport.Gexf(_result);
}
