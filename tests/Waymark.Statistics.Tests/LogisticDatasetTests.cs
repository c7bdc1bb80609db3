using Waymark.Testing;

namespace Waymark.Statistics.Tests;

/// <summary>
/// Logistic regression on real data sets that come with R (R/datasets.R writes them as CSV during the test),
/// every figure compared with R/reference.R: glm()'s to 1e-9, the exact profile-likelihood limits to 1e-9,
/// confint()'s spline to <see cref="RReference.ConfintPrecision"/>, AIC as R computes it, R's warnings.
/// </summary>
public sealed class LogisticDatasetTests : IClassFixture<LogisticDatasetTests.Folder>
{
    private static readonly Dictionary<string, string> Flags = new()
    {
        ["aliased"] = "singularities",
        ["non_integer"] = "non-integer #successes in a binomial glm!",
    };

    private readonly Folder _data;

    public LogisticDatasetTests(Folder data) => _data = data;

    public static TheoryData<string, string, string, string?, string> Models { get; } = new()
    {
        { "mtcars", "am", "wt,hp", null, "1" },
        { "infert", "case", "age,parity,education,spontaneous,induced", null, "1" },
        { "esoph", "case", "agegp,alcgp,tobgp", null, "1" },
        { "toothgrowth", "long", "supp,dose", null, "TRUE" },
        { "ucb", "Admit", "Gender,Dept", null, "Rejected" },
        { "birthwt", "low", "age,lwt,race,smoke,ptl,ht,ui", null, "1" },
        { "birthwt-weighted", "low", "age,lwt,race,smoke", "kg", "1" },
        { "pima", "type", "npreg,glu,bp,skin,bmi,ped,age", null, "Yes" },
    };

    [Theory]
    [MemberData(nameof(Models))]
    public void Glm_and_confint_of_r_are_reproduced(string name, string outcome, string predictors, string? weight, string success)
    {
        var path = Path.Combine(_data.Path, name + ".csv");
        Assert.True(File.Exists(path), $"R did not write {name}.csv (MASS missing? test.sh installs r-cran-mass).");
        var output = StatsJson.Logit(path, outcome, predictors.Split(','), weight);
        Assert.True(output.Error is null, output.Error);
        var r = RReference.Run("logit", path, outcome, predictors, weight ?? "-");
        RReference.AssertSame(r, output.Json!, Flags);
        Assert.Equal(success, r["$success"]);
        Assert.Equal(weight is null ? "FALSE" : "TRUE", r["!non_integer"]);
        Assert.Contains(r.Keys, k => k.StartsWith('~'));
    }

    /// <summary>The CSV files, written once per test run by R into a temporary folder.</summary>
    public sealed class Folder : IDisposable
    {
        private readonly TempFolder _folder = TempFolder.Create("logit-datasets");

        public Folder()
        {
            Path = _folder.Path;
            Assert.True(File.Exists(RReference.Rscript), $"{RReference.Rscript} is missing (test.sh installs r-base-core).");
            var script = System.IO.Path.Combine(TestEnvironment.RepositoryRoot, "tests", "Waymark.Statistics.Tests", "R", "datasets.R");
            ExternalProgram.Run(RReference.Rscript, ["--vanilla", script, Path]).AssertSuccess();
        }

        public string Path { get; }

        public void Dispose() => _folder.Dispose();
    }
}
