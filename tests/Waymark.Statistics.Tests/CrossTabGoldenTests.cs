namespace Waymark.Statistics.Tests;

public sealed class CrossTabGoldenTests
{
    private static CrossTabulation Load(string csv, string row, string column)
    {
        var data = Dataset.ReadCsv(Golden.Csv(csv));
        Assert.True(data.IsSuccess, data.Error);
        var result = Analyse.CrossTabulate(data.Value!, row, column, "n");
        Assert.True(result.IsSuccess, result.Error);
        return result.Value!;
    }

    [Fact]
    public void Party_by_gender_matches_chisq_test()
    {
        var result = Load("party_gender.csv", "gender", "party");
        Golden.Equal("party.chisq", result.ChiSquare);
        Assert.Equal(2, result.DegreesOfFreedom);
        Golden.Equal("party.df", result.DegreesOfFreedom);
        Golden.Equal("party.p", result.P);
        Golden.Equal("party.cramer_v", result.CramersV);
        Golden.Equal("party.g2", result.LikelihoodRatio);
        Golden.Equal("party.stdres_F_Democrat", result.StandardisedResiduals[0, 0]);
        Golden.Equal("party.stdres_F_Republican", result.StandardisedResiduals[0, 2]);
        Assert.Null(result.ChiSquareYates);
        Assert.Null(result.Fisher);
    }

    [Fact]
    public void Aspirin_trial_matches_chisq_test_woolf_and_fisher_test()
    {
        var result = Load("aspirin_mi.csv", "group", "mi");
        // Sorted levels as R's factor(); swapping both rows and columns leaves every golden figure unchanged.
        Assert.Equal(["Aspirin", "Placebo"], result.RowLabels);
        Assert.Equal(["No", "Yes"], result.ColumnLabels);
        Golden.Equal("aspirin.chisq", result.ChiSquare);
        Golden.Equal("aspirin.chisq_yates", result.ChiSquareYates!.Value);
        Golden.Equal("aspirin.or", result.OddsRatio!.Estimate);
        Golden.Equal("aspirin.or_lo", result.OddsRatio.Low);
        Golden.Equal("aspirin.or_hi", result.OddsRatio.High);
        Golden.Equal("aspirin.fisher_p", result.Fisher!.PTwoSided);
        Golden.Equal("aspirin.fisher_cond_or", result.Fisher.ConditionalOddsRatio);
    }

    [Fact]
    public void Tea_tasting_matches_fisher_test()
    {
        var result = Load("tea.csv", "guess", "truth");
        Golden.Equal("tea.fisher_p_two_sided", result.Fisher!.PTwoSided);
        Golden.Equal("tea.fisher_p_greater", result.Fisher.PGreater);
        Golden.Equal("tea.fisher_cond_or", result.Fisher.ConditionalOddsRatio);
    }

    [Fact]
    public void Tea_tasting_confidence_interval_matches_the_printed_fisher_test()
    {
        // R prints "0.2117329 621.9337505" for fisher.test(TeaTasting); seven significant digits only.
        var fisher = Load("tea.csv", "guess", "truth").Fisher!;
        Assert.True(Math.Abs(fisher.ConfidenceLow - 0.2117329) < 5e-8, fisher.ConfidenceLow.ToString("R", System.Globalization.CultureInfo.InvariantCulture));
        Assert.True(Math.Abs(fisher.ConfidenceHigh - 621.9337505) < 5e-7, fisher.ConfidenceHigh.ToString("R", System.Globalization.CultureInfo.InvariantCulture));
        Assert.Equal(1 - Golden.Value("tea.fisher_p_greater") + (16.0 / 70), fisher.PLess, 12);
    }

    [Fact]
    public void A_zero_cell_gives_fisher_boundary_estimates_and_no_woolf_interval()
    {
        // fisher.test(matrix(c(0, 5, 5, 0), 2)): estimate 0, lower limit 0, p = 2/252.
        var result = Analyse.CrossTabulate(["a", "b"], ["x", "y"], new double[,] { { 0, 5 }, { 5, 0 } });
        Assert.True(result.IsSuccess, result.Error);
        var fisher = result.Value!.Fisher!;
        Assert.Equal(0, fisher.ConditionalOddsRatio);
        Assert.Equal(0, fisher.ConfidenceLow);
        Assert.Equal(2.0 / 252, fisher.PTwoSided, 14);
        Assert.Null(result.Value.OddsRatio);
    }

    [Fact]
    public void An_empty_category_is_refused_with_advice()
    {
        var result = Analyse.CrossTabulate(["a", "b"], ["x", "y"], new double[,] { { 0, 5 }, { 0, 3 } });
        Assert.False(result.IsSuccess);
        Assert.Contains("drop empty categories", result.Error, StringComparison.Ordinal);
    }
}
