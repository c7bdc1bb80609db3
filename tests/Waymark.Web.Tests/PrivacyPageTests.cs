using System.Globalization;
using System.Net;
using System.Text.Json.Serialization;
using System.Xml.Linq;
using Microsoft.Extensions.DependencyInjection;
using Waymark.SelfHelp.Vault;
using Waymark.Storage;
using Waymark.Testing;
using Waymark.Web.Localization;
using Waymark.Web.Privacy;

namespace Waymark.Web.Tests;

/// <summary>
/// The privacy page lists every kind of record the public site keeps: the list it is drawn from
/// (<see cref="StoredRecords"/>) matches the schema of both engines table by table and column by
/// column, and the page shows each record's text in every language.
/// </summary>
public sealed class PrivacyPageTests(Console.InProcessServer server) : IClassFixture<Console.InProcessServer>, IDisposable
{
    private readonly TempFolder _temp = TempFolder.Create("PrivacyPageTests");

    public void Dispose() => _temp.Dispose();

    private async Task<Dictionary<string, SortedSet<string>>> SchemaAsync(DatabaseEngine engine)
    {
        await using var database = await WaymarkDatabase.OpenAsync(await TestDatabases.CreateAsync(engine, _temp));
        await using var connection = await database.OpenConnectionAsync(CancellationToken.None);
        await using var command = connection.CreateCommand();
        command.CommandText = engine == DatabaseEngine.Sqlite
            ? "SELECT m.name, p.name FROM sqlite_master m, pragma_table_info(m.name) p WHERE m.type = 'table' AND m.name NOT LIKE 'sqlite_%'"
            : "SELECT table_name, column_name FROM information_schema.columns WHERE table_schema = current_schema()";
        var tables = new Dictionary<string, SortedSet<string>>(StringComparer.Ordinal);
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            var table = reader.GetString(0);
            if (!tables.TryGetValue(table, out var columns))
            {
                tables[table] = columns = new SortedSet<string>(StringComparer.Ordinal);
            }

            columns.Add(reader.GetString(1));
        }

        return tables;
    }

    [Theory]
    [MemberData(nameof(TestDatabases.Engines), MemberType = typeof(TestDatabases))]
    public async Task Every_table_is_on_the_privacy_page_or_named_as_holding_nothing_about_visitors(DatabaseEngine engine)
    {
        var schema = await SchemaAsync(engine);
        var listed = StoredRecords.Public.Select(r => r.Table).Concat(StoredRecords.NotAboutVisitors.Keys).ToList();
        Assert.Equal(listed.Count, listed.Distinct(StringComparer.Ordinal).Count());
        var unlisted = schema.Keys.Except(listed, StringComparer.Ordinal).ToList();
        Assert.True(unlisted.Count == 0, $"tables neither on the privacy page nor in StoredRecords.NotAboutVisitors: {string.Join(", ", unlisted)}");
        Assert.Empty(listed.Except(schema.Keys, StringComparer.Ordinal));
        foreach (var record in StoredRecords.Public)
        {
            // A new column in a public table changes what is kept: the page's text must be checked and this list updated.
            Assert.Equal(record.Columns.Order(StringComparer.Ordinal), schema[record.Table]);
        }
    }

    /// <summary>The strings of one language as the resource file holds them.</summary>
    private static Dictionary<string, string> Strings(Language language)
    {
        var suffix = language.Code == Languages.DefaultCode ? "" : "." + language.CultureName;
        var file = Path.Combine(TestEnvironment.RepositoryRoot, "src", "Waymark.Web", "Resources", $"SharedResource{suffix}.resx");
        return XDocument.Load(file).Root!.Elements("data").ToDictionary(d => (string)d.Attribute("name")!, d => (string?)d.Element("value") ?? "");
    }

    private IEnumerable<Waymark.Web.Surveys.SurveyEntry> Surveys =>
        server.Services.GetRequiredService<Waymark.Web.Surveys.SurveyCatalog>().All.Where(e => !e.Closed);

    [Fact]
    public async Task The_page_shows_every_kept_record_and_every_survey_with_its_sealing_in_every_language()
    {
        using var http = new HttpClient();
        foreach (var language in Languages.All)
        {
            var strings = Strings(language);
            var html = WebUtility.HtmlDecode(await http.GetStringAsync(new Uri(server.PublicUrl, $"/{language.Code}/privacy")));
            foreach (var key in StoredRecords.Public.SelectMany(r => r.TextKeys))
            {
                Assert.True(html.Contains(strings[key], StringComparison.Ordinal), $"{language.Code}: {key} is not on the privacy page");
            }

            Assert.Contains(strings["Privacy.SurveysHeading"], html, StringComparison.Ordinal);
            Assert.NotEmpty(Surveys);
            foreach (var entry in Surveys)
            {
                var title = entry.Instrument.Settings.TitleIn(language.Code) is { Length: > 0 } named ? named : entry.Id;
                var line = string.Format(CultureInfo.InvariantCulture, strings[entry.PublicKey is null ? "Privacy.Survey.Unsealed" : "Privacy.Survey.Sealed"], title);
                Assert.True(html.Contains(line, StringComparison.Ordinal), $"{language.Code}: '{line}' is not on the privacy page");
            }
        }
    }

    /// <summary>
    /// The words the English privacy page uses for each part of a self-help vault's plaintext (<c>Progress</c>, by
    /// its JSON name). The self-assessment and the safety plan are kept among the answers, under their tools' ids.
    /// </summary>
    private static readonly Dictionary<string, string[]> VaultParts = new(StringComparer.Ordinal)
    {
        ["completed"] = ["your progress"],
        ["answers"] = ["journal and exercise answers", "self-assessment", "safety plan"],
        ["checkIns"] = ["weekly check-ins"],
    };

    [Fact]
    public async Task The_page_names_every_part_of_what_a_self_help_vault_holds()
    {
        var stored = typeof(Progress).GetProperties()
            .Select(p => p.GetCustomAttributes(typeof(JsonPropertyNameAttribute), false).Cast<JsonPropertyNameAttribute>().SingleOrDefault()?.Name)
            .OfType<string>().Order(StringComparer.Ordinal).ToList();
        Assert.Equal(VaultParts.Keys.Order(StringComparer.Ordinal), stored);

        using var http = new HttpClient();
        var html = WebUtility.HtmlDecode(await http.GetStringAsync(new Uri(server.PublicUrl, "/en/privacy")));
        foreach (var words in VaultParts.Values.SelectMany(w => w))
        {
            Assert.True(html.Contains(words, StringComparison.Ordinal), $"The privacy page does not say that a vault holds '{words}'.");
        }
    }
}
