namespace Waymark.Content.Community;

/// <summary>Community-wide figures the role rules compare against.</summary>
internal sealed class RoleFacts(double[] betweenness, int[] core)
{
    /// <summary>The 90th percentile of the positive betweenness values (nearest rank), or +∞ when none is positive.</summary>
    public double HubThreshold { get; } = Percentile90(betweenness.Where(b => b > 0).Order().ToArray());

    public int MaxCore { get; } = core.Length == 0 ? 0 : core.Max();

    private static double Percentile90(double[] sorted) =>
        sorted.Length == 0 ? double.PositiveInfinity : sorted[Math.Max(0, (int)Math.Ceiling(0.9 * sorted.Length) - 1)];
}

/// <summary>
/// Role labels from stated, auditable rules (a member may have several; thresholds are constants here and in
/// docs/content-analysis.md):
/// <list type="bullet">
/// <item>moderator: named by the researcher (a list of moderator names, or a column marking moderators' posts): the
/// forum says who moderates, its reply structure does not;</item>
/// <item>hub: betweenness ≥ the community's 90th percentile of positive betweenness, with ≥ 3 partners;</item>
/// <item>active conversationalist: ≥ 5 replies sent to ≥ 3 distinct partners;</item>
/// <item>thread starter: ≥ 2 threads started and at least a third of their posts start threads;</item>
/// <item>core member: in the community's innermost k-core, when that core is at least 2;</item>
/// <item>sharer: ≥ 3 posts of which under a fifth are replies (posting rather than conversing);</item>
/// <item>peripheral: a single post.</item>
/// </list>
/// </summary>
internal static class Roles
{
    public const int HubPartners = 3;
    public const int ConversationalistReplies = 5;
    public const int ConversationalistPartners = 3;
    public const int StarterThreads = 2;
    public const int SharerPosts = 3;

    public const string Moderator = "moderator";

    /// <summary>Every role label, in the order members' labels and the role shares are listed.</summary>
    public static IReadOnlyList<string> All { get; } = [Moderator, "hub", "active conversationalist", "thread starter", "core member", "sharer", "peripheral"];

    public static IReadOnlyList<string> Label(bool moderator, int posts, int started, int sent, int partners, double betweenness, int core, RoleFacts facts)
    {
        ArgumentNullException.ThrowIfNull(facts);
        var roles = new List<string>();
        if (moderator)
        {
            roles.Add(Moderator);
        }

        if (betweenness > 0 && betweenness >= facts.HubThreshold && partners >= HubPartners)
        {
            roles.Add("hub");
        }

        if (sent >= ConversationalistReplies && partners >= ConversationalistPartners)
        {
            roles.Add("active conversationalist");
        }

        if (started >= StarterThreads && started * 3 >= posts)
        {
            roles.Add("thread starter");
        }

        if (facts.MaxCore >= 2 && core == facts.MaxCore)
        {
            roles.Add("core member");
        }

        if (posts >= SharerPosts && sent * 5 < posts)
        {
            roles.Add("sharer");
        }

        if (posts == 1)
        {
            roles.Add("peripheral");
        }

        return roles;
    }
}
