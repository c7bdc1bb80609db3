using Waymark.Testing;

namespace Waymark.Storage.Tests;

/// <summary>The console's counts come from the clear columns (instrument, day, language, flags) only.</summary>
public sealed class ResponseCountTests : IDisposable
{
    private readonly TempFolder _temp = TempFolder.Create("ResponseCountTests");

    public void Dispose() => _temp.Dispose();

    private static readonly DateOnly Monday = new(2026, 11, 23);
    private static readonly DateOnly Tuesday = new(2026, 11, 24);

    [Theory]
    [MemberData(nameof(TestDatabases.Engines), MemberType = typeof(TestDatabases))]
    public async Task Counts_group_by_instrument_day_language_and_flags_and_pages_follow_id_order(DatabaseEngine engine)
    {
        await using var database = await WaymarkDatabase.OpenAsync(await TestDatabases.CreateAsync(engine, _temp));
        var store = database.SurveyResponses;
        await store.AddBatchAsync(
        [
            new(new StoredResponse("r1", "demo", Monday, true, [1], "", "en"), null),
            new(new StoredResponse("r2", "demo", Monday, true, [2], "", "en"), null),
            new(new StoredResponse("r3", "demo", Tuesday, true, [3], "fast honeypot", "ar"), null),
            new(new StoredResponse("r4", "demo", null, false, [4], "fast"), null),
            new(new StoredResponse("r5", "other", Tuesday, false, [5], "", "de"), null),
        ]);

        var counts = await store.CountByMetadataAsync();

        Assert.Equal(5, counts.Sum(c => c.Count));
        Assert.Equal(2, counts.Single(c => c.Instrument == "demo" && c.Day == Monday && c.Language == "en" && c.Flags.Length == 0).Count);
        Assert.Equal(1, counts.Single(c => c.Instrument == "demo" && c.Day == Tuesday && c.Language == "ar").Count);
        Assert.Equal("fast honeypot", counts.Single(c => c.Language == "ar").Flags);
        Assert.Equal(1, counts.Single(c => c.Instrument == "demo" && c.Day is null && c.Language is null).Count);
        Assert.Equal(4, counts.Count);

        var all = await store.ReadAsync("demo");
        Assert.Equal(["r1", "r2", "r3", "r4"], all.Select(r => r.Id));
        Assert.Equal("ar", all[2].Language);
        Assert.Null(all[3].Language);
        var page = await store.ReadPageAsync("demo", 1, 2);
        Assert.Equal(["r2", "r3"], page.Select(r => r.Id));
        Assert.Empty(await store.ReadPageAsync("demo", 4, 2));
    }

    [Theory]
    [MemberData(nameof(TestDatabases.Engines), MemberType = typeof(TestDatabases))]
    public async Task Flags_stored_in_clear_beside_sealed_answers_before_are_emptied_and_counts_say_which_rows_are_sealed(DatabaseEngine engine)
    {
        var settings = await TestDatabases.CreateAsync(engine, _temp);
        await using (var old = await WaymarkDatabase.OpenAsync(settings, upToVersion: 95))
        {
            await old.SurveyResponses.AddBatchAsync(
            [
                new(new StoredResponse("s1", "demo", Monday, true, [1], "honeypot fast", "en"), null),
                new(new StoredResponse("s2", "demo", Monday, true, [2], "", "en"), null),
                new(new StoredResponse("u1", "open", Monday, false, [3], "straightlining", "en"), null),
            ]);
        }

        await using var database = await WaymarkDatabase.OpenAsync(settings);
        var stored = (await database.SurveyResponses.ReadAsync("demo")).Concat(await database.SurveyResponses.ReadAsync("open")).ToDictionary(r => r.Id, r => r.Flags);
        Assert.Equal(new Dictionary<string, string> { ["s1"] = "", ["s2"] = "", ["u1"] = "straightlining" }, stored);

        var counts = await database.SurveyResponses.CountByMetadataAsync();
        Assert.Equal((2L, true, ""), counts.Where(c => c.Instrument == "demo").Select(c => (c.Count, c.Sealed, c.Flags)).Single());
        Assert.Equal((1L, false, "straightlining"), counts.Where(c => c.Instrument == "open").Select(c => (c.Count, c.Sealed, c.Flags)).Single());
    }
}
