using Waymark.Surveys.XlsForm;
using Waymark.Testing;

namespace Waymark.Surveys.Tests;

/// <summary>
/// tools/xlsform_language.py, which adds a translator's two-column file to a survey's text source as one
/// more language: every text lands beside its English original, and a file that misses or invents a key
/// changes nothing.
/// </summary>
public sealed class SurveyLanguageToolTests : IDisposable
{
    private readonly TempFolder _temp = TempFolder.Create("SurveyLanguageToolTests");

    public void Dispose() => _temp.Dispose();

    private static readonly string Tool = Path.Combine(TestEnvironment.RepositoryRoot, "tools", "xlsform_language.py");

    private static string ShippedSource(string name) => Path.Combine(TestEnvironment.RepositoryRoot, "content", "surveys", name + ".xlsform.txt");

    private static ProgramRun Python(params string[] arguments) => ExternalProgram.Run("python3", arguments);

    [Theory]
    [InlineData("help-us-help-you")]
    [InlineData("no-need-for-help")]
    public void A_merged_language_gives_every_question_group_and_choice_its_text(string name)
    {
        var directory = _temp.NewFolder("xlsform-language");
        var source = Path.Combine(directory, name + ".xlsform.txt");
        File.Copy(ShippedSource(name), source);
        var english = Python(Tool, "extract", source).AssertSuccess().Output;
        var translated = Path.Combine(directory, "xx.tsv");
        File.WriteAllLines(translated, english.Split('\n', StringSplitOptions.RemoveEmptyEntries)
            .Select(line => line.Split('\t', 2)).Select(parts => $"{parts[0]}\t[xx] {parts[1]}"));

        Python(Tool, "merge", source, "Testish (xx)", translated).AssertSuccess();
        var workbook = Path.Combine(directory, name + ".xlsx");
        Python(Path.Combine(TestEnvironment.RepositoryRoot, "tools", "xlsform_from_text.py"), source, workbook).AssertSuccess();

        var build = XlsFormFile.Load(workbook);
        Assert.True(build.IsSuccess, string.Join("\n", build.Problems));
        var instrument = build.Instrument!;
        Assert.True(instrument.Settings.IsMachineDraft("xx"));
        var (written, generated) = Texts(instrument);
        Assert.True(written.Count > 30, $"{written.Count} texts");
        Assert.All(written, text => Assert.Equal("[xx] " + text.ByLanguage["en"], text.ByLanguage.GetValueOrDefault("xx")));
        // "Other" and "Specify other." come from or_other, not from the source: a language Waymark has no words for keeps the English.
        Assert.All(generated, text => Assert.Equal(text.ByLanguage["en"], text.ByLanguage.GetValueOrDefault("xx")));
    }

    [Theory]
    [InlineData("zh-hans", "其他", "请具体说明。")]
    [InlineData("zh-hant", "其他", "請具體說明。")]
    [InlineData("fi", "Muu", "Tarkenna.")]
    public void The_texts_or_other_adds_are_in_the_site_language_of_the_column(string code, string other, string specify)
    {
        var build = XlsFormFile.Load(Path.Combine(TestEnvironment.RepositoryRoot, "content", "surveys", "help-us-help-you.xlsx"));
        Assert.True(build.IsSuccess, string.Join("\n", build.Problems));

        var (_, generated) = Texts(build.Instrument!);

        Assert.NotEmpty(generated);
        Assert.All(generated, text => Assert.Equal(text.ByLanguage["en"] == "Other" ? other : specify, text.ByLanguage[code]));
    }

    /// <summary>The form's English texts: those its source writes, and those or_other adds.</summary>
    private static (List<LocalizedText> Written, List<LocalizedText> Generated) Texts(Instrument instrument)
    {
        var orOther = instrument.Questions.Where(q => q.Name.EndsWith("_other", StringComparison.Ordinal) && q.Relevant?.Contains("'other'", StringComparison.Ordinal) == true).ToHashSet();
        var generated = orOther.Select(q => q.Labels)
            .Concat(instrument.Questions.Where(q => orOther.Any(o => o.Name == q.Name + "_other")).SelectMany(q => q.Choices.Where(c => c.Name == Choice.OtherName)).Select(c => c.Labels))
            .ToList();
        var written = instrument.Questions.SelectMany(q => new[] { q.Labels, q.Hints, q.ConstraintMessages, q.RequiredMessages }.Concat(q.Choices.Select(c => c.Labels)))
            .Concat(instrument.Groups.Select(g => g.Labels))
            .Where(text => text.ByLanguage.ContainsKey("en") && !generated.Contains(text))
            .ToList();
        return (written, generated);
    }

    [Fact]
    public void A_file_that_misses_a_key_or_invents_one_is_refused_and_the_form_is_unchanged()
    {
        var directory = _temp.NewFolder("xlsform-language");
        var source = Path.Combine(directory, "form.xlsform.txt");
        File.Copy(ShippedSource("no-need-for-help"), source);
        var before = File.ReadAllText(source);
        var lines = Python(Tool, "extract", source).AssertSuccess().Output.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        var translated = Path.Combine(directory, "xx.tsv");
        File.WriteAllLines(translated, lines.Skip(1).Append("survey/zorblat/label\tnothing"));

        var run = Python(Tool, "merge", source, "Testish (xx)", translated);

        Assert.NotEqual(0, run.ExitCode);
        Assert.Contains("no text for " + lines[0].Split('\t')[0], run.Error, StringComparison.Ordinal);
        Assert.Contains("the form has no survey/zorblat/label", run.Error, StringComparison.Ordinal);
        Assert.Equal(before, File.ReadAllText(source));
    }
}
