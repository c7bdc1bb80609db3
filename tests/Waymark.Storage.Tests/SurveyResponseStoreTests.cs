using Waymark.Testing;

namespace Waymark.Storage.Tests;

public sealed class SurveyResponseStoreTests : IDisposable
{
    private readonly TempFolder _temp = TempFolder.Create("SurveyResponseStoreTests");

    public void Dispose() => _temp.Dispose();

    private static readonly DateOnly Day = new(2026, 11, 27);

    [Theory]
    [MemberData(nameof(TestDatabases.Engines), MemberType = typeof(TestDatabases))]
    public async Task A_response_is_stored_once_per_id_with_its_day_payload_and_flags(DatabaseEngine engine)
    {
        await using var database = await WaymarkDatabase.OpenAsync(await TestDatabases.CreateAsync(engine, _temp));
        var first = new StoredResponse("b-id", "demo", Day, true, [1, 2, 3, 0, 255], "honeypot gibberish");
        var undated = new StoredResponse("a-id", "demo", null, false, "{}"u8.ToArray(), string.Empty);
        var other = new StoredResponse("c-id", "other", Day, false, [7], string.Empty);

        Assert.True(await database.SurveyResponses.AddAsync(first));
        Assert.False(await database.SurveyResponses.AddAsync(first with { Payload = [9] }));
        Assert.True(await database.SurveyResponses.AddAsync(undated));
        Assert.True(await database.SurveyResponses.AddAsync(other));

        var demo = await database.SurveyResponses.ReadAsync("demo");
        Assert.Equal(["a-id", "b-id"], demo.Select(r => r.Id));
        Assert.Null(demo[0].Day);
        Assert.False(demo[0].Sealed);
        Assert.Equal(Day, demo[1].Day);
        Assert.True(demo[1].Sealed);
        Assert.Equal(new byte[] { 1, 2, 3, 0, 255 }, demo[1].Payload);
        Assert.Equal("honeypot gibberish", demo[1].Flags);
        Assert.Equal(2, await database.SurveyResponses.CountAsync("demo"));
        Assert.Equal(3, (await database.SurveyResponses.ReadAsync(null)).Count);
    }

    [Theory]
    [MemberData(nameof(TestDatabases.Engines), MemberType = typeof(TestDatabases))]
    public async Task Drafts_are_found_until_they_expire_and_go_with_the_response_that_completes_them(DatabaseEngine engine)
    {
        await using var database = await WaymarkDatabase.OpenAsync(await TestDatabases.CreateAsync(engine, _temp));
        var store = database.SurveyResponses;
        await store.SaveDraftAsync(new StoredDraft("d1", "demo", [1], Day));
        await store.SaveDraftAsync(new StoredDraft("d1", "demo", [2], Day.AddDays(1)));
        await store.SaveDraftAsync(new StoredDraft("d2", "demo", [3], Day.AddDays(-1)));

        var found = await store.FindDraftAsync("d1", Day);
        Assert.NotNull(found);
        Assert.Equal(new byte[] { 2 }, found.Payload);
        Assert.Null(await store.FindDraftAsync("d2", Day));
        Assert.Null(await store.FindDraftAsync("missing", Day));

        Assert.Equal(1, await store.DeleteExpiredDraftsAsync(Day));
        Assert.True(await store.AddAsync(new StoredResponse("r1", "demo", null, false, [0], string.Empty), resumedDraftId: "d1"));
        Assert.Null(await store.FindDraftAsync("d1", Day));
    }

    [Theory]
    [MemberData(nameof(TestDatabases.Engines), MemberType = typeof(TestDatabases))]
    public async Task A_batch_is_one_transaction_that_reports_which_responses_were_new(DatabaseEngine engine)
    {
        await using var database = await WaymarkDatabase.OpenAsync(await TestDatabases.CreateAsync(engine, _temp));
        var store = database.SurveyResponses;
        await store.SaveDraftAsync(new StoredDraft("d9", "demo", [1], Day));
        Assert.True(await store.AddAsync(new StoredResponse("r1", "demo", Day, false, [1], string.Empty)));
        var inserted = await store.AddBatchAsync(
        [
            new ResponseSubmission(new StoredResponse("r2", "demo", Day, false, [2], string.Empty), null),
            new ResponseSubmission(new StoredResponse("r1", "demo", Day, false, [9], string.Empty), null),
            new ResponseSubmission(new StoredResponse("r3", "demo", null, true, [3], "fast"), "d9"),
        ]);

        Assert.Equal([true, false, true], inserted);
        Assert.Equal(["r1", "r2", "r3"], (await store.ReadAsync("demo")).Select(r => r.Id));
        Assert.Equal(new byte[] { 1 }, (await store.ReadAsync("demo"))[0].Payload);
        Assert.Null(await store.FindDraftAsync("d9", Day));
    }
}
