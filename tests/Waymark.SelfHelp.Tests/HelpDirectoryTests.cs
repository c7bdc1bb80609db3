using Waymark.SelfHelp.Content;
using Waymark.SelfHelp.Listing;
using Waymark.Testing;

namespace Waymark.SelfHelp.Tests;

public sealed class HelpDirectoryTests
{
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
    [InlineData("2026-11-27", "2026-11-27", "Recent")]
    [InlineData("2026-06-01", "2026-11-27", "Recent")]
    [InlineData("2026-05-30", "2026-11-27", "Stale")]
    [InlineData("", "2026-11-27", "NeverVerified")]
    public void Verification_age_comes_from_the_injected_clock(string verified, string today, string expected)
    {
        var entry = new DirectoryEntry("x", "Org", "global", "helpline", [], [new Channel("web", "https://example.org/", "")], ["en"], true, "unknown", "https://example.org/",
            verified.Length == 0 ? null : DateOnly.Parse(verified, System.Globalization.CultureInfo.InvariantCulture), "");

        Assert.Equal(Enum.Parse<VerificationStatus>(expected), HelpDirectory.StatusOf(entry, new FixedClock(DateTimeOffset.Parse(today + "T12:00:00Z", System.Globalization.CultureInfo.InvariantCulture))));
    }

    [Theory]
    [InlineData("country: Finland", "country is")]
    [InlineData("type: zorblat", "type is one of")]
    [InlineData("source: http://insecure.example/", "source URL")]
    [InlineData("verified: \"27.11.2026\"", "verified is a date")]
    public void Invalid_entries_are_refused_with_the_field_named(string replacement, string message)
    {
        var text = File.ReadAllText(ShippedPath);
        var field = replacement.Split(':')[0];
        var start = text.IndexOf($"    {field}:", StringComparison.Ordinal);
        var end = text.IndexOf('\n', start);
        var path = Path.Combine(TestEnvironment.NewTempDirectory("directory"), "directory.yaml");
        File.WriteAllText(path, text[..start] + "    " + replacement + text[end..]);

        var error = Assert.Throws<ContentException>(() => HelpDirectory.Load(path));

        Assert.Contains(message, error.Message, StringComparison.Ordinal);
        Assert.Contains("entry 'inhope'", error.Message, StringComparison.Ordinal);
    }

    private sealed class FixedClock(DateTimeOffset now) : TimeProvider
    {
        public override DateTimeOffset GetUtcNow() => now;
    }
}
