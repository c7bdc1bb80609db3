namespace Waymark.Surveys.Tests;

/// <summary>Instruments built in code for engine tests (the XLSForm tests use real files).</summary>
internal static class TestForms
{
    public static LocalizedText Localized(string en, string? ar = null) =>
        ar is null ? LocalizedText.Of("en", en) : new LocalizedText(new Dictionary<string, string> { ["en"] = en, ["ar"] = ar });

    public static Choice[] Choices(params string[] names) => names.Select(n => new Choice(n, Localized("Label " + n))).ToArray();

    public static Instrument Build(IReadOnlyList<Question> questions, IReadOnlyList<Group>? groups = null, string? style = null)
    {
        var build = Instrument.Create(new InstrumentSettings { FormId = "test", Title = "Test", Style = style, DefaultLanguage = "en" }, groups ?? [], questions);
        Assert.True(build.IsSuccess, string.Join("\n", build.Problems));
        return build.Instrument!;
    }

    public static Dictionary<string, IReadOnlyList<string>> Post(params (string Name, string Value)[] values) =>
        values.GroupBy(v => v.Name).ToDictionary(g => g.Key, g => (IReadOnlyList<string>)g.Select(v => v.Value).ToList());
}
