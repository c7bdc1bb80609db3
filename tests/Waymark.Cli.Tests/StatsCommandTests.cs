using System.Text.Json;
using Waymark.Testing;

namespace Waymark.Cli.Tests;

public sealed class StatsCommandTests : IDisposable
{
    private readonly TempFolder _temp = TempFolder.Create("StatsCommandTests");

    public void Dispose() => _temp.Dispose();

    private static Task<(int Code, string Output, string Error)> RunAsync(params string[] args) => CliRun.RunAsync(args);

    private string Csv(string text)
    {
        var path = Path.Combine(_temp.NewFolder("stats"), "data.csv");
        File.WriteAllText(path, text);
        return path;
    }

    [Fact]
    public async Task Crosstab_prints_json_with_fisher_for_a_2x2_table()
    {
        var path = Csv("guess,truth,n\nMilk,Milk,3\nTea,Milk,1\nMilk,Tea,1\nTea,Tea,3\n");
        var (code, output, error) = await RunAsync("stats", "crosstab", path, "--row", "guess", "--col", "truth", "--weight", "n", "--json");
        Assert.True(code == ExitCodes.Ok, error);
        using var json = JsonDocument.Parse(output);
        Assert.Equal(0.48571428571428599, json.RootElement.GetProperty("fisher_exact").GetProperty("p").GetDouble(), 12);
    }

    [Fact]
    public async Task With_the_form_freq_crosstab_and_report_follow_its_choice_order_and_keep_unchosen_choices()
    {
        var form = _temp.File("form.xlsx");
        Waymark.Testing.XlsxWriter.Write(form, [
            ("survey", [["type", "name", "label"], ["select_one agree", "q", "Agreement"], ["select_one yesno", "y", "Yes or no"]]),
            ("choices", [["list_name", "name", "label"], ["agree", "strongly_disagree", "Strongly disagree"], ["agree", "disagree", "Disagree"], ["agree", "neutral", "Neither"], ["agree", "agree", "Agree"], ["agree", "strongly_agree", "Strongly agree"], ["yesno", "yes", "Yes"], ["yesno", "no", "No"]]),
            ("settings", [["form_id", "version"], ["order-test", "1"]]),
        ]);
        var path = Csv("q,y\nagree,yes\nstrongly_agree,no\ndisagree,yes\nagree,no\nstrongly_disagree,yes\nagree,yes\n");
        var (code, output, error) = await RunAsync("stats", "freq", path, "--var", "q", "--form", form);
        Assert.True(code == ExitCodes.Ok, error);
        using (var json = JsonDocument.Parse(output))
        {
            var levels = json.RootElement.GetProperty("levels").EnumerateArray().Select(l => (l.GetProperty("value").GetString(), l.GetProperty("count").GetDouble())).ToList();
            Assert.Equal([("strongly_disagree", 1.0), ("disagree", 1.0), ("neutral", 0.0), ("agree", 3.0), ("strongly_agree", 1.0)], levels);
        }

        (code, output, error) = await RunAsync("stats", "crosstab", path, "--row", "q", "--col", "y", "--form", form);
        Assert.True(code == ExitCodes.Ok, error);
        using (var json = JsonDocument.Parse(output))
        {
            Assert.Equal(["strongly_disagree", "disagree", "agree", "strongly_agree"], json.RootElement.GetProperty("rows").EnumerateArray().Select(r => r.GetString()));
            Assert.Equal(["yes", "no"], json.RootElement.GetProperty("cols").EnumerateArray().Select(r => r.GetString()));
            Assert.Equal(["neutral"], json.RootElement.GetProperty("empty_rows").EnumerateArray().Select(r => r.GetString()));
        }

        // Without the form: R's sorted order, as before.
        (code, output, _) = await RunAsync("stats", "freq", path, "--var", "q");
        using (var json = JsonDocument.Parse(output))
        {
            Assert.Equal(["agree", "disagree", "strongly_agree", "strongly_disagree"], json.RootElement.GetProperty("levels").EnumerateArray().Select(l => l.GetProperty("value").GetString()));
        }

        var spec = Csv("items:\n  - freq: q\n  - crosstab: [q, y]\n");
        var html = _temp.File("report.html");
        (code, _, error) = await RunAsync("report", path, "--spec", spec, "--out", html, "--form", form);
        Assert.True(code == ExitCodes.Ok, error);
        var page = await File.ReadAllTextAsync(html);
        Assert.True(page.IndexOf("strongly_disagree", StringComparison.Ordinal) < page.IndexOf(">neutral<", StringComparison.Ordinal), "the report lists the levels in the form's order");
        Assert.Contains("Nobody chose &#39;neutral&#39;", page, StringComparison.Ordinal);

        (code, _, error) = await RunAsync("stats", "freq", path, "--var", "q", "--form", path);
        Assert.Equal(ExitCodes.Failure, code);
        Assert.NotEmpty(error);
    }

    [Fact]
    public async Task Describe_prints_r_summary_figures_and_hist_classes()
    {
        var path = Csv("x\n1\n2\n2\n3\n10\n\n");
        var (code, output, error) = await RunAsync("stats", "describe", path, "--var", "x");
        Assert.True(code == ExitCodes.Ok, error);
        using var json = JsonDocument.Parse(output);
        Assert.Equal(5, json.RootElement.GetProperty("n").GetInt32());
        Assert.Equal(3.6, json.RootElement.GetProperty("mean").GetDouble(), 12);
        Assert.Equal(2, json.RootElement.GetProperty("median").GetDouble());
        // R: hist(c(1, 2, 2, 3, 10))$breaks is 0 2 4 6 8 10, counts 3 1 0 0 1.
        Assert.Equal([0.0, 2, 4, 6, 8, 10], json.RootElement.GetProperty("histogram").GetProperty("breaks").EnumerateArray().Select(b => b.GetDouble()));
        Assert.Equal([3, 1, 0, 0, 1], json.RootElement.GetProperty("histogram").GetProperty("counts").EnumerateArray().Select(b => b.GetInt32()));
    }

    [Fact]
    public async Task A_missing_column_exits_1_and_names_the_columns()
    {
        var path = Csv("a,b\n1,0\n");
        var (code, _, error) = await RunAsync("stats", "freq", path, "--var", "c", "--json");
        Assert.Equal(ExitCodes.Failure, code);
        Assert.Contains("no column 'c'", error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Logit_rejects_a_non_binary_outcome_with_exit_1()
    {
        var path = Csv("y,x\n0,1\n3,2\n1,3\n0,4\n");
        var (code, _, error) = await RunAsync("stats", "logit", path, "--outcome", "y", "--predictors", "x", "--json");
        Assert.Equal(ExitCodes.Failure, code);
        Assert.Contains("must be 0 or 1", error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Logit_takes_a_reference_level_and_weights()
    {
        var path = Csv("y,g,n\n0,a,3\n1,a,1\n0,b,1\n1,b,2\n0,c,2\n1,c,2\n");
        var (code, output, error) = await RunAsync("stats", "logit", path, "--outcome", "y", "--predictors", "g", "--weight", "n", "--ref", "g=b", "--json");
        Assert.True(code == ExitCodes.Ok, error);
        using var json = JsonDocument.Parse(output);
        var terms = json.RootElement.GetProperty("coefficients").EnumerateArray().Select(c => c.GetProperty("term").GetString());
        Assert.Equal(["(Intercept)", "ga", "gc"], terms);
        Assert.Equal(11, json.RootElement.GetProperty("n").GetDouble());
    }

    [Fact]
    public async Task Logit_takes_a_yes_no_outcome_and_gives_both_intervals()
    {
        var path = Csv("y,x\nno,1\nyes,2\nno,3\nyes,4\nno,5\nyes,6\nyes,3\nno,4\n");
        var (code, output, error) = await RunAsync("stats", "logit", path, "--outcome", "y", "--predictors", "x", "--json");
        Assert.True(code == ExitCodes.Ok, error);
        using var json = JsonDocument.Parse(output);
        Assert.Equal("yes", json.RootElement.GetProperty("success").GetString());
        var x = json.RootElement.GetProperty("coefficients")[1];
        var wald = x.GetProperty("ci").EnumerateArray().Select(v => v.GetDouble()).ToArray();
        var profile = x.GetProperty("ci_profile").EnumerateArray().Select(v => v.GetDouble()).ToArray();
        Assert.True(profile[0] < x.GetProperty("odds_ratio").GetDouble() && x.GetProperty("odds_ratio").GetDouble() < profile[1]);
        Assert.NotEqual(wald[0], profile[0]);

        (code, output, error) = await RunAsync("stats", "logit", path, "--outcome", "y", "--predictors", "x", "--wald-only", "--json");
        Assert.True(code == ExitCodes.Ok, error);
        using var waldOnly = JsonDocument.Parse(output);
        Assert.False(waldOnly.RootElement.GetProperty("coefficients")[1].TryGetProperty("ci_profile", out _));
    }

    [Fact]
    public async Task Timing_goes_to_standard_error_and_leaves_the_json_alone()
    {
        var path = Csv("a,b\nx,1\ny,2\nx,3\n");
        var (code, output, error) = await RunAsync("stats", "freq", path, "--var", "a", "--json", "--timing");
        Assert.Equal(ExitCodes.Ok, code);
        Assert.Matches(@"^read=\d+\.\d{3} analysis=\d+\.\d{3}", error);
        using var json = JsonDocument.Parse(output);
        Assert.Equal(3, json.RootElement.GetProperty("rows_used").GetInt32());
    }
}
