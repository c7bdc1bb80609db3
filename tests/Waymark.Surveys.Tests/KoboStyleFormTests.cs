using System.Globalization;
using Waymark.Surveys.Export;
using Waymark.Surveys.Paging;
using Waymark.Surveys.Responses;
using Waymark.Testing;

namespace Waymark.Surveys.Tests;

/// <summary>
/// A form as KoboToolbox writes it (device metadata rows, bind:: columns, translated labels and messages, media
/// columns, a cascading select whose lists repeat a name under allow_choice_duplicates, numeric choice names, a repeat)
/// imports with warnings only, runs page by page as a respondent would without JavaScript, and its export
/// loads in R, PSPP and (as a Stata data file) R's haven with the labels.
/// </summary>
public sealed class KoboStyleFormTests : IDisposable
{
    private readonly TempFolder _temp = TempFolder.Create("KoboStyleFormTests");

    public void Dispose() => _temp.Dispose();

    internal static readonly string[][] Survey =
    [
        ["type", "name", "label::English (en)", "label::Français (fr)", "required", "bind::relevant", "constraint", "bind::jr:constraintMsg::English (en)", "choice_filter", "image", "$kuid"],
        ["start", "start", string.Empty, string.Empty, string.Empty, string.Empty, string.Empty, string.Empty, string.Empty, string.Empty, "k0"],
        ["end", "end", string.Empty, string.Empty, string.Empty, string.Empty, string.Empty, string.Empty, string.Empty, string.Empty, "k1"],
        ["deviceid", "deviceid", string.Empty, string.Empty, string.Empty, string.Empty, string.Empty, string.Empty, string.Empty, string.Empty, "k2"],
        ["integer", "age", "How old are you?", "Quel âge avez-vous ?", "yes", string.Empty, ". >= 18", "Must be 18 or over", string.Empty, string.Empty, "k3"],
        ["select_one country", "country", "Country", "Pays", "yes", string.Empty, string.Empty, string.Empty, string.Empty, "globe.png", "k4"],
        ["select_one city", "city", "City", "Ville", "yes", "${age} >= 30", string.Empty, string.Empty, "country = ${country}", string.Empty, "k5"],
        ["select_one rating", "rating", "How helpful?", "Utile ?", string.Empty, string.Empty, string.Empty, string.Empty, string.Empty, string.Empty, "k6"],
        ["begin repeat", "member", "Household member", "Membre du foyer", string.Empty, string.Empty, string.Empty, string.Empty, string.Empty, string.Empty, "k7"],
        ["integer", "member_age", "Age of this member", "Âge de ce membre", string.Empty, string.Empty, ". < 130", "Must be under 130", string.Empty, string.Empty, "k8"],
        ["end repeat", string.Empty, string.Empty, string.Empty, string.Empty, string.Empty, string.Empty, string.Empty, string.Empty, string.Empty, "k9"],
    ];

    internal static readonly string[][] Choices =
    [
        ["list_name", "name", "label::English (en)", "label::Français (fr)", "media::image", "country"],
        ["country", "fi", "Finland", "Finlande", "fi.png", string.Empty],
        ["country", "se", "Sweden", "Suède", string.Empty, string.Empty],
        ["city", "hki", "Helsinki", "Helsinki", string.Empty, "fi"],
        ["city", "other", "Elsewhere in Finland", "Ailleurs en Finlande", string.Empty, "fi"],
        ["city", "sto", "Stockholm", "Stockholm", string.Empty, "se"],
        ["city", "other", "Elsewhere in Sweden", "Ailleurs en Suède", string.Empty, "se"],
        ["rating", "1", "Not at all", "Pas du tout", string.Empty, string.Empty],
        ["rating", "2", "Very", "Très", string.Empty, string.Empty],
        ["rating", "99", "Don't know", "Je ne sais pas", string.Empty, string.Empty],
    ];

    private static readonly string[] FinnishCities = ["hki", "other"];

    private static readonly string[] SwedishCities = ["sto", "other"];

    private static readonly string[] Ratings = ["1", "2", "99"];

    internal static readonly string[][] Settings = [["form_title", "form_id", "version", "allow_choice_duplicates", "default_language"], ["Kobo style", "kobo_style", "2026120601", "yes", "English (en)"]];

    private static Instrument Import()
    {
        var build = XlsFormHeaderTests.Load(Survey, Choices, Settings);
        Assert.True(build.IsSuccess, string.Join("\n", build.Problems));
        Assert.DoesNotContain(build.Problems, p => p.Fatal);
        Assert.Equal(3, build.Problems.Count(p => p.Message.StartsWith("metadata '", StringComparison.Ordinal)));
        Assert.Equal(2, build.Problems.Count(p => p.Message.StartsWith("media (column", StringComparison.Ordinal)));
        return build.Instrument!;
    }

    [Fact]
    public void The_form_imports_with_its_logic_and_without_device_metadata()
    {
        var instrument = Import();
        Assert.Equal(["age", "country", "city", "rating", "member_age"], instrument.Questions.Select(q => q.Name));
        Assert.Equal("member", instrument.RepeatOf("member_age")!.Name);
        var city = instrument.Find("city")!;
        Assert.Equal(("${age} >= 30", "country = ${country}", "true()"), (city.Relevant, city.ChoiceFilter, city.Required));
        Assert.Equal("Must be 18 or over", instrument.Find("age")!.ConstraintMessages.For("en"));
        Assert.Equal("Quel âge avez-vous ?", instrument.Find("age")!.Labels.For("fr"));
    }

    /// <summary>One respondent through the pages as the no-JS flow posts them: answers, a refused age, back, skip logic.</summary>
    private static IReadOnlyDictionary<string, string> Respond(SurveyEngine engine, int age, string country, string? city, string rating)
    {
        var answers = engine.Start();
        // The repeat's one instance (an open repeat starts with one), posted as the page names its field.
        var posts = new Dictionary<string, string> { ["age"] = age.ToString(CultureInfo.InvariantCulture), ["country"] = country, ["rating"] = rating, ["member_age[1]"] = (age / 2).ToString(CultureInfo.InvariantCulture) };
        if (city is not null)
        {
            posts["city"] = city;
        }

        for (var page = engine.FirstPage(answers); page is { } p; page = engine.NextPage(p, answers))
        {
            var posted = engine.Pages[p].Questions.Select(q => engine.Instrument.RepeatOf(q.Name) is null ? q.Name : q.Name + "[1]").Where(posts.ContainsKey).Select(k => (k, posts[k])).ToArray();
            var result = engine.Submit(p, "en", answers, TestForms.Post(posted));
            if (result.Revealed.Count > 0)
            {
                result = engine.Submit(p, "en", result.Answers, TestForms.Post(posted)); // the page shown again with the questions it revealed
            }

            Assert.Empty(result.Errors);
            answers = result.Answers;
        }

        Assert.Empty(engine.ValidateAll(answers, "en"));
        return answers;
    }

    [Fact]
    public void A_respondent_goes_through_the_pages_with_skip_logic_cascading_choices_and_messages()
    {
        var engine = new SurveyEngine(Import());
        var refused = engine.Submit(engine.PageOf("age")!.Value, "en", engine.Start(), TestForms.Post(("age", "16")));
        Assert.Contains(refused.Errors, e => e.Question == "age" && e.Message == "Must be 18 or over");

        var young = Respond(engine, 25, "se", null, "99");
        Assert.False(young.ContainsKey("city")); // not relevant under 30
        var older = Respond(engine, 45, "se", "other", "2");
        Assert.Equal("other", older["city"]);
        var view = engine.View(engine.PageOf("city")!.Value, "fr", older);
        Assert.Equal(["Stockholm", "Ailleurs en Suède"], view.Questions.Single(q => q.Question.Name == "city").Choices.Select(c => c.Label));
    }

    [Fact]
    public void The_export_loads_in_r_and_pspp_with_labels_and_the_author_s_codes()
    {
        Assert.True(File.Exists("/usr/bin/Rscript") && File.Exists("/usr/bin/pspp"), "R and PSPP are needed: ./test.sh installs them");
        var engine = new SurveyEngine(Import());
        var random = new Random(17);
        var responses = Enumerable.Range(0, 40).Select(i =>
        {
            var country = random.Next(2) == 0 ? "fi" : "se";
            var city = (country == "fi" ? FinnishCities : SwedishCities)[random.Next(2)];
            var answers = Respond(engine, 18 + random.Next(60), country, city, Ratings[random.Next(3)]);
            return new SurveyResponse($"r{i:D3}", new DateOnly(2026, 12, 1 + (i % 5)), answers, []);
        }).ToList();
        var directory = _temp.NewFolder("kobo-style");
        var export = SurveyExport.Create(engine.Instrument, responses, "en");
        Assert.Empty(export.Warnings);
        SurveyExport.WriteTo(export, directory);

        File.WriteAllText(Path.Combine(directory, "check.R"), """
            source("kobo_style.R")
            cat(nrow(d), paste(levels(d$city), collapse = "|"), paste(levels(d$rating), collapse = "|"), attr(d$age, "label"), sum(table(d$rating)), sep = "\n")
            """);
        var r = ExternalProgram.Run("/usr/bin/Rscript", ["--vanilla", "check.R"], directory).AssertSuccess().Combined.Split('\n');
        Assert.Equal(["40", "Helsinki|Elsewhere in Finland|Stockholm", "Not at all|Very|Don't know", "How old are you?", "40"], r.Take(5));

        File.AppendAllText(Path.Combine(directory, "kobo_style.sps"), "SAVE TRANSLATE /OUTFILE='codes.csv' /TYPE=CSV /REPLACE /FIELDNAMES.\nSAVE TRANSLATE /OUTFILE='labels.csv' /TYPE=CSV /REPLACE /FIELDNAMES /CELLS=LABELS.\n");
        var pspp = ExternalProgram.Run("/usr/bin/pspp", ["-O", "format=csv", "kobo_style.sps"], directory).AssertSuccess().Combined;
        Assert.DoesNotContain("error", pspp, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("warning", pspp, StringComparison.OrdinalIgnoreCase);
        var codes = File.ReadAllLines(Path.Combine(directory, "codes.csv"));
        var labels = File.ReadAllLines(Path.Combine(directory, "labels.csv"));
        var column = Array.IndexOf(codes[0].Split(','), "rating");
        for (var i = 0; i < responses.Count; i++)
        {
            var rating = responses[i].Answers["rating"];
            Assert.Equal(rating, codes[i + 1].Split(',')[column].Trim());
            Assert.Equal(rating switch { "1" => "Not at all", "2" => "Very", _ => "Don't know" }, labels[i + 1].Split(',')[column].Trim());
        }

        // The Stata data file, read with R's haven: the same codes, value labels and variable labels.
        var (variables, valueLabels, rows) = ExportSafetyTests.ReadDta(directory, "kobo_style.dta");
        Assert.Equal(["response_id", "response_date", "form_version", "language", "duration_s", "age", "country", "city", "rating", "member", "flags"], variables.Select(v => v[1]));
        Assert.Equal("How old are you?", variables.Single(v => v[1] == "age")[2]);
        Assert.Equal(["1=Not at all", "2=Very", "99=Don't know"], valueLabels.Where(l => l[1] == "rating").Select(l => l[2] + "=" + l[3]));
        Assert.Equal(["1=Helsinki", "2=Elsewhere in Finland", "3=Stockholm"], valueLabels.Where(l => l[1] == "city").Select(l => l[2] + "=" + l[3]));
        for (var i = 0; i < responses.Count; i++)
        {
            Assert.Equal(responses[i].Answers["rating"], rows[i + 1][8]);
            Assert.Equal(responses[i].Answers.GetValueOrDefault("city") switch { null => string.Empty, "hki" => "1", "other" => "2", _ => "3" }, rows[i + 1][7]);
        }

        // The repeat's long table: one row per instance with the response's id, in R, PSPP and haven with its label.
        File.WriteAllText(Path.Combine(directory, "member.R"), """
            source("kobo_style_member.R")
            cat(nrow(d), attr(d$member_age, "label"), sum(d$member_age), sep = "\n")
            """);
        var ages = responses.Sum(x => int.Parse(x.Answers["member_age[1]"], CultureInfo.InvariantCulture));
        Assert.Equal(["40", "Age of this member", ages.ToString(CultureInfo.InvariantCulture)], ExternalProgram.Run("/usr/bin/Rscript", ["--vanilla", "member.R"], directory).AssertSuccess().Combined.Split('\n').Take(3));
        var memberSpss = ExternalProgram.Run("/usr/bin/pspp", ["-O", "format=csv", "kobo_style_member.sps"], directory).AssertSuccess().Combined;
        Assert.DoesNotContain("error", memberSpss, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("warning", memberSpss, StringComparison.OrdinalIgnoreCase);
        var (memberVariables, _, memberRows) = ExportSafetyTests.ReadDta(directory, "kobo_style_member.dta");
        Assert.Equal(["response_id", "instance", "member_age"], memberVariables.Select(v => v[1]));
        Assert.Equal(responses.Select(x => x.Id), memberRows.Skip(1).Select(row => row[0]));
    }

}
