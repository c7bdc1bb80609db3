namespace Waymark.Responses.Tests;

public sealed class QualityCheckTests
{
    private static QualityInput Input(Dictionary<string, string> answers, bool honeypot = false, int[]? seconds = null, IReadOnlyList<IReadOnlyList<string>>? grids = null, Dictionary<string, string>? attention = null) =>
        new(answers, ["why"], grids ?? [], attention ?? [], honeypot, seconds ?? [60]);

    [Fact]
    public void A_careful_response_has_no_flag()
    {
        var answers = new Dictionary<string, string> { ["g1"] = "often", ["g2"] = "never", ["g3"] = "often", ["why"] = "I would like to talk to someone first.", ["check"] = "blue" };
        Assert.Empty(QualityCheck.ForResponse(Input(answers, grids: [["g1", "g2", "g3"]], attention: new() { ["check"] = "blue" })));
    }

    [Fact]
    public void Each_rule_raises_its_own_flag()
    {
        var answers = new Dictionary<string, string> { ["g1"] = "often", ["g2"] = "often", ["g3"] = "often", ["why"] = "asdfgh", ["check"] = "red" };
        var flags = QualityCheck.ForResponse(Input(answers, honeypot: true, seconds: [1, 2], grids: [["g1", "g2", "g3"]], attention: new() { ["check"] = "blue" }));
        Assert.Equal([QualityFlag.Honeypot, QualityFlag.StraightLining, QualityFlag.Gibberish, QualityFlag.AttentionCheck, QualityFlag.Fast], flags);
    }

    [Fact]
    public void Two_identical_grid_answers_or_an_unanswered_item_are_not_straight_lining()
    {
        var two = new Dictionary<string, string> { ["g1"] = "often", ["g2"] = "often" };
        Assert.Empty(QualityCheck.ForResponse(Input(two, grids: [["g1", "g2"]])));
        var gap = new Dictionary<string, string> { ["g1"] = "often", ["g2"] = "often", ["g3"] = string.Empty };
        Assert.Empty(QualityCheck.ForResponse(Input(gap, grids: [["g1", "g2", "g3"]])));
    }

    [Theory]
    [InlineData("aaaaaaa", true)]
    [InlineData("qwertyuiop", true)]
    [InlineData("xkcdvbnmz", true)]
    [InlineData("hjhjhjhjhjhj", true)]
    [InlineData("ok", false)]
    [InlineData("I do not need help, thank you.", false)]
    [InlineData("Strengths and rhythms", false)]
    [InlineData("En tarvitse apua nyt.", false)]
    [InlineData("لا أحتاج إلى مساعدة", false)]
    [InlineData("ممممممم", true)]
    public void Gibberish_heuristics(string text, bool expected) =>
        Assert.Equal(expected, GibberishDetector.LooksLikeGibberish(text));

    [Fact]
    public void Set_flags_mark_speeders_against_the_median_and_every_member_of_a_duplicate_group()
    {
        static ResponseRecord Record(string id, int seconds, string answer, params string[] flags) => new()
        {
            Id = id,
            Instrument = "demo",
            Answers = new Dictionary<string, string> { ["q1"] = answer, ["q2"] = "x" },
            PageSeconds = [seconds],
            Items = 2,
            Flags = flags,
        };

        var records = new[] { Record("a", 1, "one", QualityFlag.Fast), Record("b", 30, "two"), Record("c", 40, "two"), Record("d", 50, "three") };
        var flagged = QualityCheck.ForSet(records).ToDictionary(r => r.Id, r => r.Flags);

        Assert.Equal([QualityFlag.Fast, QualityFlag.Speeding], flagged["a"]);
        Assert.Equal([QualityFlag.Duplicate], flagged["b"]);
        Assert.Equal([QualityFlag.Duplicate], flagged["c"]);
        Assert.Empty(flagged["d"]);
    }

    [Fact]
    public void Fast_but_not_under_half_the_median_is_not_speeding()
    {
        var records = Enumerable.Range(0, 3).Select(i => new ResponseRecord
        {
            Id = "r" + i,
            Instrument = "demo",
            Answers = new Dictionary<string, string> { ["q"] = i.ToString(System.Globalization.CultureInfo.InvariantCulture) },
            PageSeconds = [4],
            Items = 10,
        }).ToList();
        Assert.All(QualityCheck.ForSet(records), r => Assert.DoesNotContain(QualityFlag.Speeding, r.Flags));
    }

    /// <summary>A repeat's questions are answered once per instance (<c>NAME[i]</c>): each rule reads every instance.</summary>
    [Fact]
    public void Each_rule_reads_every_instance_of_a_repeat()
    {
        QualityInput Repeat(Dictionary<string, string> answers, int[]? seconds = null) =>
            new(answers, ["note"], [["g1", "g2", "g3"]], new Dictionary<string, string> { ["check"] = "blue" }, false, seconds ?? [60]) { Repeats = ["person"] };

        // A careful response of two instances: nothing.
        var careful = new Dictionary<string, string>
        {
            ["person"] = "2",
            ["g1[1]"] = "often",
            ["g2[1]"] = "never",
            ["g3[1]"] = "often",
            ["check[1]"] = "blue",
            ["note[1]"] = "Likes the garden.",
            ["g1[2]"] = "never",
            ["g2[2]"] = "never",
            ["g3[2]"] = "often",
            ["check[2]"] = "blue",
        };
        Assert.Empty(QualityCheck.ForResponse(Repeat(careful)));

        // The grid straight-lined in the second instance only, the check failed there, gibberish in its note.
        var careless = new Dictionary<string, string>(careful) { ["g3[2]"] = "never", ["check[2]"] = "red", ["note[2]"] = "qwertyuiop" };
        Assert.Equal([QualityFlag.StraightLining, QualityFlag.Gibberish, QualityFlag.AttentionCheck], QualityCheck.ForResponse(Repeat(careless)));

        // The same answers spread over instances are no grid: one answer from each of three instances is not a run.
        var spread = new Dictionary<string, string> { ["person"] = "3", ["g1[1]"] = "often", ["g2[2]"] = "often", ["g3[3]"] = "often" };
        Assert.Empty(QualityCheck.ForResponse(Repeat(spread)));
    }

    [Fact]
    public void A_repeats_number_of_instances_is_not_an_answered_item()
    {
        var answers = new Dictionary<string, string> { ["person"] = "2", ["age[1]"] = "40", ["age[2]"] = "9" };
        Assert.Equal(2, QualityCheck.CountAnswered(answers, ["person"]));

        // Two answers in two seconds is not fast; counting the instance number as a third item would call it so.
        var input = new QualityInput(answers, [], [], new Dictionary<string, string>(), false, [2]) { Repeats = ["person"] };
        Assert.Empty(QualityCheck.ForResponse(input));
        Assert.Equal([QualityFlag.Fast], QualityCheck.ForResponse(input with { Repeats = [] }));
    }
}
