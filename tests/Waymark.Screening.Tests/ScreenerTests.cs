using System.Text.Json;
using Waymark.Screening.Messages;
using Waymark.Screening.Terms;
using Waymark.Testing;

namespace Waymark.Screening.Tests;

public sealed class ScreenerTests : IDisposable
{
    private readonly TempFolder _temp = TempFolder.Create("ScreenerTests");

    public void Dispose() => _temp.Dispose();

    private static readonly Screener Screener = Placeholder.Create();

    [Theory]
    [InlineData("zorblat")]
    [InlineData("cheap ZORBLAT videos")]
    [InlineData("z o r b l a t")]
    [InlineData("z.o.r.b.l.a.t")]
    [InlineData("z0rbl4t")]
    [InlineData("zorb1at")]
    [InlineData("zorbIat")]
    [InlineData("z\u043Erbl\u0430t")] // Cyrillic о and а
    [InlineData("zörblât")]
    [InlineData("zor\u200Bblat")]
    [InlineData("zorrrrblaaaat")]
    [InlineData("q u e n m i x")]
    [InlineData("vrel dapto")]
    [InlineData("vrel -- dapto")]
    [InlineData("vrel.dapto")]
    [InlineData("vreldapto")]
    [InlineData("skarnish")]
    [InlineData("sk4rnish")]
    [InlineData("zor-blat")] // punctuation inside a word is also deleted (Ahmia compares so)
    [InlineData("zor_blat")]
    [InlineData("zor'blat")]
    [InlineData("zorb*lat")]
    [InlineData("new zo.r-blat 2025")]
    [InlineData("zor\u00A0blat")] // no-break space: not a space for Ahmia
    [InlineData("zor\tblat")]
    [InlineData("\uFFFDzorblat")] // an invalid byte decoded as U+FFFD
    [InlineData("zor\uFFFEblat")] // the noncharacter U+FFFE (valid UTF-8, %EF%BF%BE), which NFKC refuses: a break, deleted as Ahmia deletes it
    [InlineData("\uFFFEzorblat\uFFFF")]
    [InlineData("a z o r b l a t")] // spelt out beside one-letter words and digits
    [InlineData("i want z o r b l a t 4 u")]
    [InlineData("1 z.o.r.b.l.a.t x")]
    [InlineData("y v r e l  d a p t o o")]
    [InlineData("zorblat2025")] // digits glued to a word
    [InlineData("18zorblat")]
    [InlineData("the zorb lat")] // one space inside a word
    [InlineData("zo rblat")]
    [InlineData("ska rnish")] // a prefix term with one space inside
    [InlineData("q u e n r n i x 2")] // spelt out with a look-alike pair of letters
    public void Obfuscated_placeholder_terms_match(string query)
    {
        var result = Screener.Screen(query, "en");
        Assert.True(result.Matched, query);
        Assert.Equal("csam", result.Category);
    }

    [Theory]
    [InlineData("zorblats")] // token: a longer word is another word
    [InlineData("the z orblat")] // one letter beside a word is too often a real word
    [InlineData("zor blats")] // split, the second piece is another word
    [InlineData("zorblat2025s")] // glued digits split off the edges only
    [InlineData("dapto vrel")] // a phrase keeps its order
    [InlineData("vrel")]
    [InlineData("skarnival")] // allow-listed in English
    [InlineData("s k a r n i v a l")] // spelt out, the run is one word: allow-listed too
    [InlineData("sk4rnival")]
    [InlineData("weather in helsinki")]
    [InlineData("2024 news")]
    [InlineData("")]
    public void Innocent_queries_do_not_match(string query)
    {
        Assert.False(Screener.Screen(query, "en").Matched, query);
    }

    [Fact]
    public void Split_and_spelt_out_forms_are_found_without_growing_the_automaton()
    {
        // Only the terms' normal forms (and a phrase written together) are compiled: the forms with one space
        // inside and the letter-by-letter forms are found at query time, so a 10,000-term list stays small.
        var normalizer = Normalization.ScreeningNormalizer.CreateDefault();
        var terms = TermListParser.Parse("zorblat\t*\ttoken\tcsam\ttest\nskarnish\t*\tprefix\tcsam\ttest\n", "two.tsv").Value!;
        var index = TermIndex.Build(terms, normalizer).Value!;
        Assert.Equal(terms.Sum(t => normalizer.Normalize(t.Term).Count), index.PatternCount);
        Assert.Equal("zorblat", index.Find("the zor blat", "en")?.Term);
        Assert.Equal("skarnish", index.Find("skar nishes", "en")?.Term);
        Assert.Equal("zorblat", index.Find("x z o r b l a t 9", "en")?.Term);
        Assert.Null(index.Find("zorb lats", "en"));
    }

    [Fact]
    public void The_allow_list_is_per_language()
    {
        Assert.False(Screener.Screen("skarnival", "en").Matched);
        Assert.True(Screener.Screen("skarnival", "fi").Matched);
    }

    [Theory]
    [InlineData("fi", "fi")]
    [InlineData("de", "de")]
    [InlineData("xx-unknown", "en")] // a language without messages: English text, its own code in the links
    public void A_warning_built_once_is_the_same_as_a_fresh_one_for_each_language(string language, string shownIn)
    {
        // Warnings are kept by language, variant and category: each language keeps its own links and text.
        var first = Screener.Screen("zorblat", language);
        var again = Screener.Screen("cheap zorblat", language);
        Assert.Equal(shownIn, first.Language);
        Assert.Equal(first.Variant, again.Variant);
        Assert.Equal(first.Message, again.Message);
        Assert.Equal(first.Links, again.Links);
        Assert.All(first.Links, link => Assert.EndsWith($"&lang={language}", link.Url, StringComparison.Ordinal));
        Assert.Equal(Screener.WarningText(language, first.Variant!).Title, first.Message!.Split("\n\n")[0]);
    }

    [Fact]
    public void A_match_carries_a_warning_with_click_through_links()
    {
        var result = Screener.Screen("zorblat", "fi");
        Assert.NotNull(result.Variant);
        Assert.Contains(result.Variant, Screener.Variants.Select(v => v.Id));
        Assert.False(string.IsNullOrWhiteSpace(result.Message));
        Assert.NotEmpty(result.Links);
        foreach (var link in result.Links)
        {
            Assert.Equal($"/go/{link.Id}?v={result.Variant}&lang=fi", link.Url);
            Assert.False(string.IsNullOrWhiteSpace(link.Title));
        }

        using var json = JsonDocument.Parse(result.ToJson());
        Assert.True(json.RootElement.GetProperty("matched").GetBoolean());
        Assert.Equal("csam", json.RootElement.GetProperty("category").GetString());
        Assert.Equal(result.Variant, json.RootElement.GetProperty("variant").GetString());
        Assert.Equal(result.Links.Count, json.RootElement.GetProperty("links").GetArrayLength());
        Assert.DoesNotContain("zorblat", result.ToJson(), StringComparison.Ordinal);
    }

    [Fact]
    public void Daily_rotation_changes_with_the_day_and_is_stable_within_it()
    {
        var time = new ManualTime(new DateTimeOffset(2026, 11, 27, 8, 0, 0, TimeSpan.Zero));
        var screener = Placeholder.Create(options: new ScreenerOptions { Time = time, Seed = 3 });
        var first = screener.Screen("zorblat", "en").Variant;
        time.Advance(TimeSpan.FromHours(10));
        Assert.Equal(first, screener.Screen("zorblat", "en").Variant);
        var seen = new HashSet<string?>();
        for (var day = 0; day < screener.Variants.Count; day++)
        {
            time.Advance(TimeSpan.FromDays(1));
            seen.Add(screener.Screen("zorblat", "en").Variant);
        }

        Assert.Equal(screener.Variants.Count, seen.Count); // every variant has its day
    }

    [Fact]
    public void Random_rotation_is_reproducible_from_its_seed()
    {
        string?[] Draw(int seed)
        {
            var screener = Placeholder.Create(options: new ScreenerOptions { Rotation = RotationMode.Random, Seed = seed });
            return Enumerable.Range(0, 20).Select(_ => screener.Screen("zorblat", "en").Variant).ToArray();
        }

        Assert.Equal(Draw(11), Draw(11));
        Assert.NotEqual(Draw(11), Draw(12));
        Assert.True(Draw(11).Distinct().Count() > 3);
    }

    [Fact]
    public void Messages_fall_back_to_English_for_a_variant_a_language_lacks()
    {
        // The shipped translations are complete, so the fixture is a copy of the shipped folder with one partial language.
        var content = _temp.NewFolder("screening-partial");
        Directory.CreateDirectory(Path.Combine(content, "messages"));
        foreach (var file in new[] { "variants.tsv", "links.tsv", Path.Combine("messages", "en.txt") })
        {
            File.Copy(Path.Combine(ScreenerOptions.DefaultContentDirectory, file), Path.Combine(content, file));
        }

        File.WriteAllText(Path.Combine(content, "messages", "ar.txt"), ArabicChrome + "neutral.title = عنوان\nneutral.body = فقرة\nharm-positive.title = عنوان\nharm-positive.body = فقرة\n");
        File.WriteAllText(Path.Combine(content, "messages", "fi.txt"), "neutral.title = Otsikko\nneutral.body = Kappale\n");
        var screener = Placeholder.Create(options: new ScreenerOptions { ContentDirectory = content });

        var arabic = screener.WarningText("ar", "neutral");
        Assert.Equal("ar", arabic.Language);
        Assert.Equal("توقف هذا البحث", arabic.Heading);
        var fallback = screener.WarningText("ar", "legal-negative");
        Assert.Equal("en", fallback.Language);
        Assert.Equal("Viewing sexual images of children is a crime", fallback.Title);
        Assert.Equal("This search was stopped", fallback.Heading);

        // A variant without the heading and link titles in that language is not shown half translated: wholly English.
        var finnish = screener.WarningText("fi", "neutral");
        Assert.Equal(("en", "This search was stopped"), (finnish.Language, finnish.Heading));
        Directory.Delete(content, recursive: true);
    }

    // Every UI language: its own service where the directory has one with a web address in that language, otherwise
    // the international one (never the United States' line for a reader of Finnish, Arabic or Chinese). A missing
    // language is English; an unknown one gets the international service (the web host maps it to English first).
    [Theory]
    [InlineData("en", "https://www.stopitnow.org/")]
    [InlineData("ar", "https://troubled-desire.com/")]
    [InlineData("bs", "https://troubled-desire.com/")]
    [InlineData("de", "https://www.kein-taeter-werden.de/")]
    [InlineData("el", "https://troubled-desire.com/")]
    [InlineData("es", "https://troubled-desire.com/")]
    [InlineData("fa", "https://troubled-desire.com/")]
    [InlineData("fi", "https://www.seritatyo.fi/")]
    [InlineData("fr", "https://dispositifstop.fr/")]
    [InlineData("hi", "https://troubled-desire.com/")]
    [InlineData("hr", "https://troubled-desire.com/")]
    [InlineData("it", "https://troubled-desire.com/")]
    [InlineData("ja", "https://troubled-desire.com/")]
    [InlineData("ne", "https://troubled-desire.com/")]
    [InlineData("nl", "https://troubled-desire.com/")]
    [InlineData("pl", "https://troubled-desire.com/")]
    [InlineData("pt", "https://troubled-desire.com/")]
    [InlineData("ru", "https://troubled-desire.com/")]
    [InlineData("sr", "https://troubled-desire.com/")]
    [InlineData("sv", "https://troubled-desire.com/")]
    [InlineData("ta", "https://troubled-desire.com/")]
    [InlineData("uk", "https://lifelineukraine.com/")]
    [InlineData("zh-hans", "https://troubled-desire.com/")]
    [InlineData("zh-hant", "https://troubled-desire.com/")]
    [InlineData("FI", "https://www.seritatyo.fi/")]
    [InlineData(null, "https://www.stopitnow.org/")]
    [InlineData("xx", "https://troubled-desire.com/")]
    public void The_helpline_is_chosen_by_language_with_the_international_one_as_fallback(string? language, string expected)
    {
        Assert.Equal(expected, Screener.LinkTarget("helpline", language));
        Assert.Equal("/" + (language ?? "en").ToLowerInvariant() + "/help", Screener.LinkTarget("selfhelp", language));
    }

    [Fact]
    public void Per_language_rows_keep_the_warning_links_one_per_id_in_order()
    {
        var text = Screener.WarningText("fi", "neutral");

        Assert.Equal(["selfhelp", "survey", "helpline"], text.Links.Select(link => link.Id));
        Assert.Equal(3, Screener.Screen("zorblat", "fi").Links.Count);
    }

    [Theory]
    [InlineData("zorblat\thttps://example.org/\tfi\n", "overrides a link that has no row for every language")]
    [InlineData("helpline\thttps://example.org/\tfi,sv\nhelpline\thttps://example.net/\tsv\n", "has two rows for sv")]
    [InlineData("helpline\thttps://example.org/\n", "has two rows for every language")]
    [InlineData("helpline\tjavascript:alert(1)\tfi\n", "must be a path on this site")]
    [InlineData("helpline\thttps://example.org/\tfi\textra\n", "needs 2 or 3 tab-separated values")]
    public void Bad_per_language_rows_are_refused_with_the_reason(string extraRows, string message)
    {
        var content = _temp.NewFolder("screening-links");
        Directory.CreateDirectory(Path.Combine(content, "messages"));
        File.Copy(Path.Combine(ScreenerOptions.DefaultContentDirectory, "variants.tsv"), Path.Combine(content, "variants.tsv"));
        File.Copy(Path.Combine(ScreenerOptions.DefaultContentDirectory, "messages", "en.txt"), Path.Combine(content, "messages", "en.txt"));
        File.WriteAllText(Path.Combine(content, "links.tsv"), "selfhelp\t/{lang}/help\nhelpline\thttps://www.stopitnow.org/\n" + extraRows);
        var terms = TermListParser.Parse("zorblat\n", "placeholder.tsv");

        var screener = Waymark.Screening.Screener.Create(terms.Value!, new ScreenerOptions { ContentDirectory = content });

        Assert.False(screener.IsSuccess);
        Assert.Contains(message, screener.Error, StringComparison.Ordinal);
        Directory.Delete(content, recursive: true);
    }

    [Theory]
    [InlineData(RotationMode.Daily)]
    [InlineData(RotationMode.Random)]
    public void Variants_rotate_only_among_those_the_reader_s_language_has(RotationMode mode)
    {
        var content = _temp.NewFolder("screening-rotation");
        Directory.CreateDirectory(Path.Combine(content, "messages"));
        foreach (var file in new[] { "variants.tsv", "links.tsv", Path.Combine("messages", "en.txt") })
        {
            File.Copy(Path.Combine(ScreenerOptions.DefaultContentDirectory, file), Path.Combine(content, file));
        }

        File.WriteAllText(Path.Combine(content, "messages", "ar.txt"), ArabicChrome + "neutral.title = عنوان\nneutral.body = فقرة\nharm-positive.title = عنوان\nharm-positive.body = فقرة\n");
        var time = new ManualTime(new DateTimeOffset(2026, 11, 27, 8, 0, 0, TimeSpan.Zero));
        var screener = Placeholder.Create(options: new ScreenerOptions { ContentDirectory = content, Rotation = mode, Seed = 5, Time = time });

        var arabic = new HashSet<string?>();
        var english = new HashSet<string?>();
        for (var i = 0; i < 60; i++)
        {
            time.Advance(TimeSpan.FromDays(1));
            var result = screener.Screen("zorblat", "ar");
            Assert.Equal("ar", result.Language);
            arabic.Add(result.Variant);
            arabic.Add(screener.ChooseVariant(null, "ar"));
            english.Add(screener.Screen("zorblat", "en").Variant);
        }

        Assert.Equal(["harm-positive", "neutral"], arabic.Order(StringComparer.Ordinal));
        Assert.Equal(screener.Variants.Count, english.Count);
        Assert.Equal(["neutral", "harm-positive"], screener.VariantsIn("ar").Select(variant => variant.Id));

        // A variant asked for by id that the language lacks is replaced by one it has, never shown in English.
        Assert.Contains(screener.ChooseVariant("legal-negative", "ar"), arabic);
        Assert.Equal("legal-negative", screener.ChooseVariant("legal-negative", "en"));
        Assert.Equal("harm-positive", screener.ChooseVariant("harm-positive", "ar"));

        // A language with no complete variant gets every English variant (the page says it is English).
        Assert.Equal(screener.Variants, screener.VariantsIn("ja"));
        Directory.Delete(content, recursive: true);
    }

    /// <summary>The heading, help heading and a title for every help link of links.tsv, in Arabic.</summary>
    private static string ArabicChrome => "heading = توقف هذا البحث\nhelp = مساعدة\n" + string.Concat(
        File.ReadLines(Path.Combine(ScreenerOptions.DefaultContentDirectory, "links.tsv"))
            .Where(line => line.Length > 0 && !line.StartsWith('#'))
            .Select(line => $"link.{line.Split('\t')[0]} = رابط\n"));

    [Fact]
    public void Only_listed_links_have_targets()
    {
        Assert.Equal("/fi/help", Screener.LinkTarget("selfhelp", "fi"));
        Assert.Null(Screener.LinkTarget("https://elsewhere.example/", "en"));
        Assert.Null(Screener.LinkTarget("nosuchlink", "en"));
    }

    [Fact]
    public void The_shipped_default_list_loads_and_matches_generic_phrases()
    {
        var loaded = Screener.Load(new ScreenerOptions());
        Assert.True(loaded.IsSuccess, loaded.Error);
        var screener = loaded.Value!;
        Assert.True(screener.Screen("Child  P0rnography", "en").Matched);
        Assert.True(screener.Screen("c.s.a.m", "en").Matched);
        Assert.False(screener.Screen("child psychology", "en").Matched);
    }

    private sealed class ManualTime(DateTimeOffset now) : TimeProvider
    {
        private DateTimeOffset _now = now;

        public override DateTimeOffset GetUtcNow() => _now;

        public void Advance(TimeSpan by) => _now += by;
    }
}
