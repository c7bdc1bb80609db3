using Waymark.Testing;

namespace Waymark.Storage.Tests;

public sealed class ResponseMarkStoreTests : IDisposable
{
    private readonly TempFolder _temp = TempFolder.Create("ResponseMarkStoreTests");

    public void Dispose() => _temp.Dispose();

    [Theory]
    [MemberData(nameof(TestDatabases.Engines), MemberType = typeof(TestDatabases))]
    public async Task A_mark_sets_a_response_aside_is_changed_and_reversed_and_never_touches_the_response(DatabaseEngine engine)
    {
        await using var database = await WaymarkDatabase.OpenAsync(await TestDatabases.CreateAsync(engine, _temp));
        var response = new StoredResponse("r-1", "demo", new DateOnly(2026, 12, 6), false, [1, 2, 3], "fast");
        Assert.True(await database.SurveyResponses.AddAsync(response));
        Assert.True(await database.SurveyResponses.AddAsync(response with { Id = "r-2", Instrument = "other" }));
        var marks = database.ResponseMarks;

        Assert.True(await marks.MarkAsync("demo", "r-1", "test"));
        Assert.False(await marks.MarkAsync("demo", "r-2", "junk")); // another instrument's response
        Assert.False(await marks.MarkAsync("demo", "no-such", "junk"));
        Assert.Equal(new Dictionary<string, string> { ["r-1"] = "test" }, await marks.ReadAsync("demo"));
        Assert.Empty(await marks.ReadAsync("other"));

        Assert.True(await marks.MarkAsync("demo", "r-1", "junk"));
        Assert.Equal("junk", (await marks.ReadAsync("demo"))["r-1"]);
        await Assert.ThrowsAsync<ArgumentOutOfRangeException>(() => marks.MarkAsync("demo", "r-1", "deleted"));

        Assert.True(await marks.UnmarkAsync("demo", "r-1"));
        Assert.False(await marks.UnmarkAsync("demo", "r-1"));
        Assert.Empty(await marks.ReadAsync("demo"));

        var stored = Assert.Single(await database.SurveyResponses.ReadAsync("demo"));
        Assert.Equal(response, stored with { Payload = response.Payload });
        Assert.Equal(response.Payload, stored.Payload);
    }
}
