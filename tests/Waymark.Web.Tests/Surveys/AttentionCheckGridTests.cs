using Waymark.Responses;
using Waymark.Surveys.XlsForm;
using Waymark.Testing;
using Waymark.Web.Surveys;

namespace Waymark.Web.Tests.Surveys;

/// <summary>
/// An attention check (parameters: attention_check=CHOICE) inside a grid is not one of its items: its
/// answer is dictated, so a sincere respondent who answers it as asked is not called a straight-liner,
/// and the check neither makes a grid nor breaks one.
/// </summary>
public sealed class AttentionCheckGridTests : IDisposable
{
    private readonly TempFolder _temp = TempFolder.Create("AttentionCheckGridTests");

    public void Dispose() => _temp.Dispose();

    [Fact]
    public void An_attention_check_sharing_the_grids_list_is_left_out_of_straightlining()
    {
        var entry = Entry(
            ["select_one freq", "g1", "Calm", ""],
            ["select_one freq", "g2", "Hopeful", ""],
            ["select_one freq", "gcheck", "To show you are reading, choose often.", "attention_check=often"]);
        Assert.Empty(entry.Grids); // two items and a check: no grid of three

        // Answering every row "often", the check as asked: no straight-lining (the old rule flagged it), and the check passes.
        var flags = Flags(entry, new() { ["g1"] = "often", ["g2"] = "often", ["gcheck"] = "often" });
        Assert.DoesNotContain(QualityFlag.StraightLining, flags);
        Assert.DoesNotContain(QualityFlag.AttentionCheck, flags);
    }

    [Fact]
    public void A_check_in_the_middle_neither_counts_nor_breaks_the_grid()
    {
        var entry = Entry(
            ["select_one freq", "g1", "Calm", ""],
            ["select_one freq", "g2", "Hopeful", ""],
            ["select_one freq", "gcheck", "Choose never.", "attention_check=never"],
            ["select_one freq", "g3", "Supported", ""]);
        Assert.Equal(["g1", "g2", "g3"], Assert.Single(entry.Grids));
        var flags = Flags(entry, new() { ["g1"] = "often", ["g2"] = "often", ["gcheck"] = "never", ["g3"] = "often" });
        Assert.Contains(QualityFlag.StraightLining, flags);
        Assert.DoesNotContain(QualityFlag.AttentionCheck, flags);
    }

    private static IReadOnlyList<string> Flags(SurveyEntry entry, Dictionary<string, string> answers) =>
        QualityCheck.ForResponse(new QualityInput(answers, entry.FreeTextQuestions, entry.Grids, entry.AttentionChecks, false, [60]));

    private SurveyEntry Entry(params string[][] rows)
    {
        var folder = _temp.NewFolder("attention-grid");
        var path = Path.Combine(folder, "grid.xlsx");
        List<IReadOnlyList<string>> survey = [["type", "name", "label", "parameters"], ["begin group", "page", "One page", ""]];
        survey.AddRange(rows);
        survey.Add(["end group", "", "", ""]);
        XlsxWriter.Write(path, [
            ("survey", survey),
            ("choices", [["list_name", "name", "label"], ["freq", "never", "Never"], ["freq", "sometimes", "Sometimes"], ["freq", "often", "Often"]]),
            ("settings", [["form_id", "version", "style"], ["grid-test", "1", "pages"]]),
        ]);
        var build = XlsFormFile.Load(path);
        Assert.True(build.IsSuccess, string.Join("\n", build.Problems));
        return SurveyEntry.Create(build.Instrument!, null, TimeProvider.System);
    }
}
