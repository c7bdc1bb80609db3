using Waymark.SelfHelp.Content;
using Waymark.SelfHelp.Tools;
using Waymark.SelfHelp.Vault;
using Waymark.Testing;

namespace Waymark.SelfHelp.Tests;

/// <summary>
/// Exercises that show back what the person wrote before (<c>recalls:</c>): the shipped references are checked here apart
/// from the loader's own rule, broken ones stop loading, and the answers come from the progress in the reader's language.
/// </summary>
public sealed class EarlierAnswersTests : IDisposable
{
    private readonly TempFolder _temp = TempFolder.Create("EarlierAnswersTests");

    public void Dispose() => _temp.Dispose();

    private static readonly string ShippedRoot = Path.Combine(TestEnvironment.RepositoryRoot, "content");

    private static readonly ContentLibrary Shipped = ContentLibrary.Load(ShippedRoot, ["en", "ar"]);

    private static readonly Programme English = Shipped.ProgrammeIn("en");

    [Fact]
    public void Every_shipped_reference_names_an_exercise_that_comes_earlier_and_every_module_after_the_first_uses_one()
    {
        var modules = English.Modules.ToList();
        var references = 0;
        foreach (var (module, position) in modules.Select((module, index) => (module, index)))
        {
            foreach (var reference in module.Exercises.SelectMany(exercise => exercise.Recalls))
            {
                references++;
                var earlierModule = modules.FindIndex(candidate => candidate.Id == reference.Module) is var index and >= 0 && index < position;
                var tool = English.Tool(reference.Module) is { Id: not ToolIds.CheckIn };
                Assert.True(earlierModule || tool, $"{module.Id} recalls {reference}, which is neither an earlier module nor a tool");
                var source = English.Find(reference.Module) ?? English.Tool(reference.Module)!;
                var exercise = source.Exercises.SingleOrDefault(candidate => candidate.Id == reference.Exercise);
                Assert.True(exercise is not null, $"{module.Id} recalls {reference}: no such exercise");
                Assert.True(reference.Choice is null || exercise!.Choices.Any(choice => choice.Id == reference.Choice), $"{module.Id} recalls {reference}: no such field");
            }

            Assert.True(position == 0 || module.Exercises.Any(exercise => exercise.Recalls.Count > 0), $"{module.Id} uses nothing the person wrote before");
        }

        Assert.True(references >= 25, $"{references} references");
        Assert.Empty(English.Modules[0].Exercises.SelectMany(exercise => exercise.Recalls));
        Assert.Empty(English.Tools.SelectMany(tool => tool.Exercises).SelectMany(exercise => exercise.Recalls));
    }

    [Theory]
    [InlineData("[my-pattern/triggers, why-change/reasons]", "[online-habits/barriers]", "does not come earlier in the programme")]
    [InlineData("[my-pattern/triggers, why-change/reasons]", "[managing-urges/confidence]", "does not come earlier in the programme")]
    [InlineData("[my-pattern/triggers, why-change/reasons]", "[my-pattern/zorblat]", "has no exercise 'zorblat'")]
    [InlineData("[my-pattern/triggers, why-change/reasons]", "[my-pattern/triggers/zorblat]", "has no field or option 'zorblat'")]
    [InlineData("[my-pattern/triggers, why-change/reasons]", "[zorblat/triggers]", "no module or tool 'zorblat'")]
    [InlineData("[my-pattern/triggers, why-change/reasons]", "[check-in/steps]", "check-ins are kept by week")]
    [InlineData("[my-pattern/triggers, why-change/reasons]", "[my-pattern]", "not module/exercise")]
    public void A_reference_to_no_earlier_exercise_stops_loading_with_the_file_named(string from, string to, string message)
    {
        var root = ContentLibraryTests.CopyShipped(_temp);
        var path = Path.Combine(root, "selfhelp", "en", "05-managing-urges.md");
        File.WriteAllText(path, File.ReadAllText(path).Replace("recalls: " + from, "recalls: " + to, StringComparison.Ordinal));

        var error = Assert.Throws<ContentException>(() => ContentLibrary.Load(root, ["en"]));

        Assert.Equal(path, error.Path);
        Assert.Contains("exercise 'strategies' recalls", error.Message, StringComparison.Ordinal);
        Assert.Contains(message, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_tool_that_recalls_stops_loading()
    {
        var root = ContentLibraryTests.CopyShipped(_temp);
        var path = Path.Combine(root, "selfhelp", "en", "safety-plan.md");
        File.WriteAllText(path, File.ReadAllText(path).Replace("  - id: plan\n", "  - id: plan\n    recalls: [why-change/reasons]\n", StringComparison.Ordinal));

        var error = Assert.Throws<ContentException>(() => ContentLibrary.Load(root, ["en"]));

        Assert.Contains("only modules do, tools do not", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Earlier_answers_come_from_the_progress_by_kind_and_unanswered_ones_are_empty()
    {
        var progress = new Progress();
        progress.Record("my-pattern", new Dictionary<string, string> { ["triggers.stress"] = "on", ["triggers.late-night"] = "on", ["cycle"] = "A quiet evening\n<b>alone</b>" });
        progress.Record("why-change", new Dictionary<string, string> { ["readiness"] = "7" });
        progress.Record("safety-plan", new Dictionary<string, string> { ["plan.warning-signs"] = "Sleeping badly", ["plan.coping"] = "A long walk", ["plan.people"] = "My sister" });
        var relapse = English.Find("relapse-prevention")!.Exercises.Single();

        var recalled = EarlierAnswers.For(English, relapse, progress);

        Assert.Equal(relapse.Recalls.Count, recalled.Count);
        var triggers = recalled.Single(answer => answer.Source.Id == "my-pattern");
        Assert.Equal(["Stress at work, at home or with money", "Being alone online late at night"], triggers.Items.Select(item => item.Text));
        Assert.All(triggers.Items, item => Assert.Null(item.Label));
        // Only the field the reference names: the safety plan's people are not part of the relapse-prevention plan.
        var signs = recalled.Where(answer => answer.Source.Id == "safety-plan").SelectMany(answer => answer.Items).ToList();
        Assert.Equal("My warning signs (thoughts, feelings, situations that tell me a crisis may be coming)", signs[0].Label);
        Assert.Equal(["Sleeping badly", "A long walk"], signs.Select(item => item.Text));
        Assert.False(recalled.Single(answer => answer.Source.Id == "online-habits").IsAnswered);

        var keeping = English.Find("keeping-going")!.Exercises.Single(exercise => exercise.Id == "progress");
        Assert.Equal("7", EarlierAnswers.For(English, keeping, progress).Single(answer => answer.Source.Id == "why-change").Items.Single().Text);
        var excuses = English.Find("excusing-thoughts")!.Exercises.Single(exercise => exercise.Id == "answers");
        Assert.Equal("A quiet evening\n<b>alone</b>", EarlierAnswers.For(English, excuses, progress).Single().Items.Single().Text);
    }

    [Fact]
    public void A_translation_recalls_what_english_declares_in_the_readers_language()
    {
        var arabic = Shipped.ProgrammeIn("ar");
        var progress = new Progress();
        progress.Record("my-pattern", new Dictionary<string, string> { ["triggers.stress"] = "on" });
        var englishStrategies = English.Find("managing-urges")!.Exercises.Single(exercise => exercise.Id == "strategies");
        var strategies = arabic.Find("managing-urges")!.Exercises.Single(exercise => exercise.Id == "strategies");

        var recalled = EarlierAnswers.For(arabic, strategies, progress);

        Assert.Equal(englishStrategies.Recalls, strategies.Recalls);
        var triggers = recalled.Single(answer => answer.Source.Id == "my-pattern");
        Assert.Equal("ar", triggers.Source.Language.Code);
        var arabicStress = arabic.Find("my-pattern")!.Exercises.Single(exercise => exercise.Id == "triggers").Choices.Single(choice => choice.Id == "stress").Label;
        Assert.Equal(arabicStress, triggers.Items.Single().Text);
        Assert.NotEqual("Stress at work, at home or with money", arabicStress);
    }
}
