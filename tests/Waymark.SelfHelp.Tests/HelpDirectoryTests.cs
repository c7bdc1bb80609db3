using System.Globalization;
using Waymark.SelfHelp.Content;
using Waymark.SelfHelp.Listing;
using Waymark.Testing;

namespace Waymark.SelfHelp.Tests;

public sealed class HelpDirectoryTests : IDisposable
{
    private readonly TempFolder _temp = TempFolder.Create("HelpDirectoryTests");

    public void Dispose() => _temp.Dispose();

    private static readonly string ShippedPath = Path.Combine(TestEnvironment.RepositoryRoot, "content", "directory", "directory.yaml");

    [Fact]
    public void The_seed_holds_the_international_entries_with_sources()
    {
        var directory = HelpDirectory.Load(ShippedPath);

        foreach (var id in new[] { "inhope", "iwf", "iwf-portals", "ncmec-cybertipline", "stop-it-now-us", "stop-it-now-uk", "redirection", "troubled-desire", "prevent-it" })
        {
            var entry = Assert.Single(directory.Entries, entry => entry.Id == id);
            Assert.StartsWith("https://", entry.Source, StringComparison.Ordinal);
        }

        Assert.Equal(HelpDirectory.Global, directory.Countries[0]);
    }

    [Fact]
    public void Selecting_a_country_keeps_global_entries_and_that_country_only()
    {
        var directory = HelpDirectory.Load(ShippedPath);

        var groups = directory.Select("GB", null);

        Assert.Equal(["global", "GB"], groups.Select(group => group.Key));
        Assert.Contains(groups[1], entry => entry.Id == "iwf");
        Assert.DoesNotContain(groups.SelectMany(group => group), entry => entry.Country == "US");
        Assert.All(directory.Select(null, "de").SelectMany(group => group), entry => Assert.Contains("de", entry.Languages));
    }

    [Theory]
    [InlineData("2026-11-27", "", "2026-11-27", "Recent")]
    [InlineData("2026-06-01", "", "2026-11-27", "Recent")]
    [InlineData("2026-05-30", "", "2026-11-27", "Stale")]
    [InlineData("", "", "2026-11-27", "NeverVerified")]
    [InlineData("", "2026-11-27", "2026-11-27", "DeskChecked")]
    [InlineData("", "2026-06-01", "2026-11-27", "DeskChecked")]
    [InlineData("", "2026-05-30", "2026-11-27", "DeskCheckStale")]
    [InlineData("2026-05-30", "2026-11-27", "2026-11-27", "Stale")]
    public void Verification_and_desk_check_age_come_from_the_injected_clock(string verified, string deskChecked, string today, string expected)
    {
        var entry = Entry("x", "global", "helpline", ["public"], ["en"]) with
        {
            Verified = Day(verified),
            Checked = Day(deskChecked) is { } date ? new DeskCheck(date, "desk check against a stored copy") : null,
        };

        Assert.Equal(Enum.Parse<VerificationStatus>(expected), HelpDirectory.StatusOf(entry, new FixedClock(DateTimeOffset.Parse(today + "T12:00:00Z", CultureInfo.InvariantCulture))));
    }

    [Fact]
    public void Help_comes_before_reporting_and_the_page_language_before_international_and_others()
    {
        var directory = new HelpDirectory([
            Entry("report-fi", "FI", "reporting-hotline", ["public", "parents"], ["fi"]),
            Entry("report-global", "global", "reporting-hotline", ["public"], ["en"]),
            Entry("parents-se", "SE", "helpline", ["parents"], ["sv"]),
            Entry("own-de", "DE", "therapy", ["worried-about-own-thoughts", "parents"], ["de"]),
            Entry("own-global", "global", "self-help", ["worried-about-own-thoughts"], ["en", "fi"]),
            Entry("own-global-en", "global", "self-help", ["worried-about-own-thoughts"], ["en"]),
            Entry("own-fi", "FI", "self-help", ["worried-about-own-thoughts"], ["fi"]),
            Entry("young-hr", "HR", "helpline", ["young-people", "parents"], ["hr"]),
            Entry("anyone-ua", "UA", "helpline", ["public"], ["uk"]),
        ]);

        var help = directory.Arrange(null, null, "fi", reportingFirst: false);

        Assert.Equal(["worried-about-own-thoughts", "young-people", "parents", "public", "report"], help.Select(group => group.Id));
        Assert.Equal(["own-global", "own-fi", "own-global-en", "own-de"], help[0].Entries.Select(entry => entry.Id));
        Assert.Equal(["report-fi", "report-global"], help[4].Entries.Select(entry => entry.Id));
        Assert.Equal(["young-hr"], help[1].Entries.Select(entry => entry.Id));

        var reporting = directory.Arrange(null, null, "fi", reportingFirst: true);

        Assert.Equal(["report", "worried-about-own-thoughts", "young-people", "parents", "public"], reporting.Select(group => group.Id));
        Assert.Equal(["report-global", "report-fi"], directory.Arrange(null, null, "en", reportingFirst: true)[0].Entries.Select(entry => entry.Id));
        Assert.Equal(["worried-about-own-thoughts", "report"], directory.Arrange("FI", null, "en", reportingFirst: false).Select(group => group.Id));
        Assert.All(directory.Arrange(null, "sv", "en", reportingFirst: false).SelectMany(group => group.Entries), entry => Assert.Contains("sv", entry.Languages));
    }

    [Fact]
    public void Every_desk_checked_entry_says_how_and_the_countries_of_the_ui_languages_have_a_reporting_route()
    {
        var directory = HelpDirectory.Load(ShippedPath);

        Assert.All(directory.Entries, entry => Assert.Null(entry.Verified));
        Assert.True(directory.Entries.Count(entry => entry.Checked is not null) >= 35);
        Assert.All(directory.Entries.Where(entry => entry.Checked is not null), entry => Assert.Matches("^desk check against (a )?stored cop(y|ies) ", entry.Checked!.How));
        var national = new Dictionary<string, string[]>
        {
            ["fi"] = ["FI"],
            ["sv"] = ["SE"],
            ["fr"] = ["FR"],
            ["nl"] = ["NL"],
            ["de"] = ["DE"],
            ["pt"] = ["BR", "PT"],
            ["el"] = ["GR"],
            ["pl"] = ["PL"],
            ["hr"] = ["HR"],
            ["bs"] = ["BA"],
            ["sr"] = ["RS"],
            ["es"] = ["ES"],
            ["it"] = ["IT"],
            ["hi"] = ["IN"],
            ["ta"] = ["IN", "LK"],
            ["fa"] = ["IR"],
            ["ne"] = ["NP"],
            ["ja"] = ["JP"],
            ["zh-hant"] = ["TW"],
            ["uk"] = ["UA"],
            ["ru"] = ["RU"],
            ["en"] = ["GB", "US"],
        };
        foreach (var (language, countries) in national)
        {
            Assert.Contains(directory.Entries, entry => entry.IsReporting && countries.Contains(entry.Country));
        }

        // Tamil and Persian readers have a reporting route that works in their language, not only one in their country.
        Assert.Contains(directory.Entries, entry => entry.IsReporting && entry.Country == "LK" && entry.Languages.Contains("ta"));
        Assert.Contains(directory.Entries, entry => entry.IsReporting && entry.Country == "IR" && entry.Languages.Contains("fa"));
        Assert.Contains(directory.Entries, entry => entry.Country == "FI" && !entry.IsReporting && entry.Audience.Contains("worried-about-own-thoughts") && entry.Serves("fi"));
        Assert.True(directory.Arrange(null, null, "fi", reportingFirst: false)[0].Entries[0].Serves("fi"));
    }

    [Fact]
    public void Each_per_language_helpline_of_the_warning_is_a_directory_service_in_that_language()
    {
        var directory = HelpDirectory.Load(ShippedPath);
        var rows = File.ReadAllLines(Path.Combine(TestEnvironment.RepositoryRoot, "content", "screening", "links.tsv"))
            .Where(line => line.Length > 0 && !line.StartsWith('#'))
            .Select(line => line.Split('\t'))
            .Where(fields => fields[0] == "helpline")
            .ToList();

        Assert.Single(rows, fields => fields.Length == 2);
        // The fallback is an international service for people worried about their own thoughts, not one country's line.
        Assert.Contains(directory.Entries, entry => entry.IsGlobal && !entry.IsReporting
            && entry.Audience.Contains("worried-about-own-thoughts")
            && entry.Channels.Any(channel => channel.Kind == "web" && channel.Address == rows.Single(fields => fields.Length == 2)[1]));
        foreach (var fields in rows.Where(fields => fields.Length == 3))
        {
            var languages = fields[2].Split(',');
            Assert.Contains(directory.Entries, entry =>
                !entry.IsReporting
                && entry.Channels.Any(channel => channel.Kind == "web" && channel.Address == fields[1])
                && languages.All(entry.Serves));
        }
    }

    [Theory]
    [InlineData("GB", "en", "stop-it-now-uk")]
    [InlineData("US", "en", "stop-it-now-us")]
    [InlineData("FI", "en", "fi-mielenterveystalo-self-help")]
    [InlineData("FI", "fi", "fi-mielenterveystalo-self-help")]
    [InlineData("DE", "ar", "kein-taeter-werden")]
    [InlineData("FR", "fr", "fr-stop")]
    [InlineData("SA", "ar", null)]
    [InlineData("global", "en", null)]
    [InlineData("", "en", null)]
    [InlineData(null, "en", null)]
    [InlineData("gb", "en", null)]
    public void A_country_the_visitor_chose_selects_the_directory_service_there_preferring_the_language(string? country, string language, string? expected)
    {
        var directory = HelpDirectory.Load(ShippedPath);

        var entry = directory.HelplineIn(country, language);

        Assert.Equal(expected, entry?.Id);
        if (entry is not null)
        {
            Assert.StartsWith("https://", HelpDirectory.WebAddressOf(entry), StringComparison.Ordinal);
            Assert.Contains(country!, directory.HelplineCountries());
        }

        Assert.DoesNotContain("global", directory.HelplineCountries());
        Assert.All(directory.HelplineCountries(), code => Assert.NotNull(directory.HelplineIn(code, language)));
    }

    [Fact]
    public void Notes_come_from_the_language_files_beside_the_directory_and_english_where_a_language_lacks_one()
    {
        var path = CopyOfShipped(out var notes);
        File.WriteAllText(Path.Combine(notes, "fi.txt"), "# translation: machine-draft\n# sourceSha256: 0123456789abcdef\n\ninhope = Suomeksi: jäsenpalvelujen verkosto.\n");
        File.Delete(Path.Combine(notes, "zh-hant.txt"));
        File.WriteAllText(Path.Combine(notes, "zh-Hant.txt"), "iwf = 英國的檢舉熱線。\n");
        File.Delete(Path.Combine(notes, "sv.txt"));

        var directory = HelpDirectory.Load(path);

        var inhope = Assert.Single(directory.Entries, entry => entry.Id == "inhope");
        Assert.Equal("Network of member hotlines in more than 50 countries; its site lists the hotline for each country, where reports can be made anonymously.", inhope.Notes);
        Assert.Equal("Suomeksi: jäsenpalvelujen verkosto.", inhope.NoteIn("fi"));
        Assert.Null(inhope.NoteIn("sv"));
        Assert.Null(Assert.Single(directory.Entries, entry => entry.Id == "iwf").NoteIn("fi"));
        Assert.Equal("英國的檢舉熱線。", Assert.Single(directory.Entries, entry => entry.Id == "iwf").NoteIn("zh-hant"));
    }

    [Fact]
    public void The_shipped_notes_are_complete_in_english_and_every_translated_note_names_an_entry()
    {
        var directory = HelpDirectory.Load(ShippedPath);
        var notes = HelpDirectory.ReadNotes(Path.Combine(Path.GetDirectoryName(ShippedPath)!, HelpDirectory.NotesFolder));

        Assert.All(directory.Entries, entry => Assert.False(string.IsNullOrWhiteSpace(entry.Notes), entry.Id));
        Assert.Equal(directory.Entries.Select(entry => entry.Id).Order(StringComparer.Ordinal), notes["en"].Keys.Order(StringComparer.Ordinal));
    }

    [Theory]
    [InlineData("en.txt", "inhope", "", "notes/en.txt has no note for entry 'inhope': add a line 'inhope = one or two sentences about the service'.")]
    [InlineData("fi.txt", "zorblat", "zorblat = Ei tällaista palvelua.", "notes/fi.txt has a note for 'zorblat', which directory.yaml has no entry for.")]
    [InlineData("fi.txt", "inhope", "inhope = Kahdesti.\ninhope = Kolmesti.", "notes/fi.txt line 2 repeats the note for 'inhope'.")]
    [InlineData("fi.txt", "inhope", "inhope =", "notes/fi.txt line 1 is not 'id = note'.")]
    [InlineData("FI.txt", "inhope", "inhope = Toinen tiedosto.", "names a language that another file in the folder names too (file names are read in lower case): keep one.")]
    public void Broken_note_files_are_refused_with_the_file_and_line_named(string file, string id, string replacement, string message)
    {
        var path = CopyOfShipped(out var notes);
        var target = Path.Combine(notes, file);
        var lines = file == "en.txt"
            ? File.ReadAllLines(target).Where(line => !line.StartsWith(id + " =", StringComparison.Ordinal)).ToList()
            : [replacement];
        File.WriteAllText(target, string.Join("\n", lines) + "\n");

        var error = Assert.Throws<ContentException>(() => HelpDirectory.Load(path));

        Assert.EndsWith(message, error.Message.Replace('\\', '/'), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("country: Finland", "country is")]
    [InlineData("type: zorblat", "type is one of")]
    [InlineData("source: http://insecure.example/", "source URL")]
    [InlineData("verified: \"27.11.2026\"", "verified is a date")]
    [InlineData("audience: [zorblat]", "audience is one or more of")]
    public void Invalid_entries_are_refused_with_the_field_named(string replacement, string message)
    {
        var text = File.ReadAllText(ShippedPath);
        var field = replacement.Split(':')[0];
        var start = text.IndexOf($"    {field}:", StringComparison.Ordinal);
        var end = text.IndexOf('\n', start);
        var path = CopyOfShipped(out _);
        File.WriteAllText(path, text[..start] + "    " + replacement + text[end..]);

        var error = Assert.Throws<ContentException>(() => HelpDirectory.Load(path));

        Assert.Contains(message, error.Message, StringComparison.Ordinal);
        Assert.Contains("entry 'inhope'", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("24 hours", OpeningDays.AroundTheClock, null)]
    [InlineData("every day 16:00–21:00", OpeningDays.EveryDay, "16:00–21:00")]
    [InlineData("every day 22:00–01:00", OpeningDays.EveryDay, "22:00–01:00")]
    [InlineData("weekdays 07:30–15:30", OpeningDays.Weekdays, "07:30–15:30")]
    [InlineData("every day 08:00–23:00 CET", OpeningDays.EveryDay, "08:00–23:00 CET")]
    public void Opening_hours_are_read_as_days_and_times(string text, OpeningDays days, string? times)
    {
        Assert.Equal(new OpeningHours(days, times), OpeningHours.Parse(text).Value);
    }

    [Theory]
    [InlineData("police hotline")]
    [InlineData("24/7")]
    [InlineData("every day 9:00–17:00")]
    [InlineData("every day 09:00-17:00")] // a hyphen, not the en dash the directory writes
    [InlineData("weekdays 09:00–25:00")]
    [InlineData("weekdays 09:61–17:00")]
    [InlineData("Monday to Friday 09:00–17:00")]
    [InlineData("every day 09:00–17:00 central European time")]
    public void Opening_hours_in_words_are_refused_with_the_forms_named(string text)
    {
        var parsed = OpeningHours.Parse(text);

        Assert.False(parsed.IsSuccess);
        Assert.Contains($"hours '{text}' is not one of '24 hours'", parsed.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void Every_channel_of_the_shipped_directory_is_an_address_and_structured_hours()
    {
        var channels = HelpDirectory.Load(ShippedPath).Entries.SelectMany(entry => entry.Channels).ToList();

        Assert.Contains(channels, channel => channel.Hours?.Days == OpeningDays.AroundTheClock);
        Assert.Contains(channels, channel => channel.Hours?.Days == OpeningDays.Weekdays);
        Assert.All(channels.Where(channel => channel.Kind is "web" or "onion" or "chat"), channel =>
            Assert.True(channel.Address.StartsWith("http", StringComparison.Ordinal) || channel.Address.StartsWith("WhatsApp ", StringComparison.Ordinal) || channel.Address.StartsWith("Telegram ", StringComparison.Ordinal), channel.Address));
    }

    [Theory]
    [InlineData("        hours: 24 hours", "        hours: police hotline", "hours 'police hotline' is not one of")]
    [InlineData("        address: https://www.stopitnow.org.uk/\n    languages", "        address: chat on its website\n    languages", "a chat channel's address is its URL (https://…) or a messenger")]
    [InlineData("        address: https://www.stopitnow.org.uk/\n    languages", "        address: https://www.stopitnow.org.uk/ and e-mail\n    languages", "a chat channel's address is its URL")]
    public void A_channel_described_in_words_is_refused(string shipped, string replacement, string message)
    {
        shipped = shipped.Replace("\\n", "\n", StringComparison.Ordinal);
        replacement = replacement.Replace("\\n", "\n", StringComparison.Ordinal);
        var text = File.ReadAllText(ShippedPath);
        var start = text.IndexOf(shipped, StringComparison.Ordinal);
        Assert.True(start >= 0, shipped);
        var path = CopyOfShipped(out _);
        File.WriteAllText(path, text[..start] + replacement + text[(start + shipped.Length)..]);

        var error = Assert.Throws<ContentException>(() => HelpDirectory.Load(path));

        Assert.Contains(message, error.Message, StringComparison.Ordinal);
    }

    private static DirectoryEntry Entry(string id, string country, string type, IReadOnlyList<string> audience, IReadOnlyList<string> languages) =>
        new(id, "Organisation " + id, country, type, audience, [new Channel("web", "https://example.org/")], languages, true, "unknown", "https://example.org/", null, "");

    /// <summary>A copy of the shipped directory.yaml and its notes folder in a fresh folder; the path of the copy's directory.yaml.</summary>
    private string CopyOfShipped(out string notes)
    {
        var folder = _temp.NewFolder("directory");
        notes = Path.Combine(folder, HelpDirectory.NotesFolder);
        Directory.CreateDirectory(notes);
        foreach (var file in Directory.EnumerateFiles(Path.Combine(Path.GetDirectoryName(ShippedPath)!, HelpDirectory.NotesFolder)))
        {
            File.Copy(file, Path.Combine(notes, Path.GetFileName(file)));
        }

        var path = Path.Combine(folder, "directory.yaml");
        File.Copy(ShippedPath, path);
        return path;
    }

    private static DateOnly? Day(string text) => text.Length == 0 ? null : DateOnly.Parse(text, CultureInfo.InvariantCulture);

    private sealed class FixedClock(DateTimeOffset now) : TimeProvider
    {
        public override DateTimeOffset GetUtcNow() => now;
    }
}
