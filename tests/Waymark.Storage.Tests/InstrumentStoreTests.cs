using Waymark.Testing;

namespace Waymark.Storage.Tests;

public sealed class InstrumentStoreTests : IDisposable
{
    private readonly TempFolder _temp = TempFolder.Create("InstrumentStoreTests");

    public void Dispose() => _temp.Dispose();

    private static readonly DateOnly Day = new(2026, 11, 27);

    private static NewInstrument Form(string formId, string version, byte fill = 1, byte[]? key = null) =>
        new(formId, version, "Title of " + formId, ["en", "ar"], [0x50, 0x4B, 3, 4, fill], key, Day, "ed");

    [Theory]
    [MemberData(nameof(TestDatabases.Engines), MemberType = typeof(TestDatabases))]
    public async Task The_pin_is_the_key_of_the_version_published_last_and_a_key_change_mark_is_cleared_by_publishing_or_a_new_draft(DatabaseEngine engine)
    {
        await using var database = await WaymarkDatabase.OpenAsync(await TestDatabases.CreateAsync(engine, _temp));
        var first = Enumerable.Repeat((byte)1, 32).ToArray();
        var second = Enumerable.Repeat((byte)2, 32).ToArray();
        var v1 = (await database.Instruments.SaveDraftAsync(Form("p", "1", key: first))).Value!.Id;
        Assert.Null(await database.Instruments.PinAsync("p"));
        Assert.True(await database.Instruments.SetStatusAsync(v1, InstrumentStatus.Published));
        var pinned = await database.Instruments.PinAsync("p");
        Assert.Equal(first, pinned!.PublicKey);
        Assert.Equal("1", pinned.Version);

        var v2 = (await database.Instruments.SaveDraftAsync(Form("p", "2", key: second))).Value!.Id;
        Assert.True(await database.Instruments.MarkKeyChangeAsync(v2, "ed"));
        Assert.Equal("ed", (await database.Instruments.FindAsync(v2))!.Info.KeyChangeRequestedBy);
        Assert.False(await database.Instruments.MarkKeyChangeAsync(v1, "ed")); // published: nothing to approve
        await database.Instruments.SaveDraftAsync(Form("p", "2", fill: 3, key: second));
        Assert.Null((await database.Instruments.FindAsync(v2))!.Info.KeyChangeRequestedBy);

        Assert.True(await database.Instruments.MarkKeyChangeAsync(v2, "ed"));
        Assert.True(await database.Instruments.SetStatusAsync(v2, InstrumentStatus.Published));
        Assert.Null((await database.Instruments.FindAsync(v2))!.Info.KeyChangeRequestedBy);
        Assert.Equal(second, (await database.Instruments.PinAsync("p"))!.PublicKey);

        var v3 = (await database.Instruments.SaveDraftAsync(Form("p", "3"))).Value!.Id;
        Assert.True(await database.Instruments.SetStatusAsync(v3, InstrumentStatus.Published));
        var pin = await database.Instruments.PinAsync("p");
        Assert.Equal("3", pin!.Version);
        Assert.Null(pin.PublicKey);
    }

    [Theory]
    [MemberData(nameof(TestDatabases.Engines), MemberType = typeof(TestDatabases))]
    public async Task A_draft_is_stored_with_its_bytes_key_day_and_uploader_and_replaced_while_still_a_draft(DatabaseEngine engine)
    {
        await using var database = await WaymarkDatabase.OpenAsync(await TestDatabases.CreateAsync(engine, _temp));
        var key = Enumerable.Range(0, 32).Select(i => (byte)i).ToArray();
        var saved = (await database.Instruments.SaveDraftAsync(Form("f", "1", key: key))).Value!;
        Assert.False(saved.ReplacedDraft);

        var stored = await database.Instruments.FindAsync(saved.Id);
        var info = stored!.Info;
        Assert.Equal((saved.Id, "f", "1", "Title of f", true, InstrumentStatus.Draft, Day, "ed", 0L),
            (info.Id, info.FormId, info.Version, info.Title, info.HasPublicKey, info.Status, info.Day, info.UploadedBy, info.Revision));
        Assert.Equal(["en", "ar"], info.Languages);
        Assert.Equal(new byte[] { 0x50, 0x4B, 3, 4, 1 }, stored.Xlsx);
        Assert.Equal(key, stored.PublicKey);

        var again = (await database.Instruments.SaveDraftAsync(Form("f", "1", fill: 2))).Value!;
        Assert.Equal((saved.Id, true), (again.Id, again.ReplacedDraft));
        stored = await database.Instruments.FindAsync(saved.Id);
        Assert.Equal(2, stored!.Xlsx[^1]);
        Assert.Null(stored.PublicKey);
        Assert.Single(await database.Instruments.ListAsync());
        Assert.Null(await database.Instruments.FindAsync(saved.Id + 100));
    }

    [Theory]
    [MemberData(nameof(TestDatabases.Engines), MemberType = typeof(TestDatabases))]
    public async Task A_published_version_is_never_replaced_and_statuses_move_only_as_allowed(DatabaseEngine engine)
    {
        await using var database = await WaymarkDatabase.OpenAsync(await TestDatabases.CreateAsync(engine, _temp));
        var id = (await database.Instruments.SaveDraftAsync(Form("f", "1"))).Value!.Id;
        Assert.Equal(0, await database.Instruments.CatalogVersionAsync());
        Assert.False(await database.Instruments.SetStatusAsync(id, InstrumentStatus.Closed)); // a draft cannot be closed
        Assert.Equal(0, await database.Instruments.CatalogVersionAsync()); // the refused change left no trace
        Assert.True(await database.Instruments.SetStatusAsync(id, InstrumentStatus.Published));
        Assert.False(await database.Instruments.SetStatusAsync(id, InstrumentStatus.Published)); // already published
        Assert.Equal(1, await database.Instruments.CatalogVersionAsync());

        var refused = await database.Instruments.SaveDraftAsync(Form("f", "1", fill: 9));
        Assert.False(refused.IsSuccess);
        Assert.Contains("already published", refused.Error, StringComparison.Ordinal);
        Assert.Equal(1, (await database.Instruments.FindAsync(id))!.Xlsx[^1]);

        Assert.True(await database.Instruments.SetStatusAsync(id, InstrumentStatus.Closed));
        Assert.True(await database.Instruments.SetStatusAsync(id, InstrumentStatus.Published)); // reopened
        Assert.Equal(3, await database.Instruments.CatalogVersionAsync());
        await Assert.ThrowsAsync<ArgumentOutOfRangeException>(() => database.Instruments.SetStatusAsync(id, InstrumentStatus.Draft));
        Assert.False(await database.Instruments.SetStatusAsync(id + 100, InstrumentStatus.Published));
    }

    [Theory]
    [MemberData(nameof(TestDatabases.Engines), MemberType = typeof(TestDatabases))]
    public async Task The_current_row_of_a_form_is_its_latest_publish_or_close(DatabaseEngine engine)
    {
        await using var database = await WaymarkDatabase.OpenAsync(await TestDatabases.CreateAsync(engine, _temp));
        var v1 = (await database.Instruments.SaveDraftAsync(Form("f", "1"))).Value!.Id;
        var v2 = (await database.Instruments.SaveDraftAsync(Form("f", "2"))).Value!.Id;
        var other = (await database.Instruments.SaveDraftAsync(Form("a", "1"))).Value!.Id;
        Assert.Empty(await database.Instruments.CurrentAsync()); // drafts are never current

        await database.Instruments.SetStatusAsync(v1, InstrumentStatus.Published);
        await database.Instruments.SetStatusAsync(other, InstrumentStatus.Published);
        Assert.Equal([(other, InstrumentStatus.Published), (v1, InstrumentStatus.Published)], await CurrentAsync(database));

        await database.Instruments.SetStatusAsync(v2, InstrumentStatus.Published);
        Assert.Equal([(other, InstrumentStatus.Published), (v2, InstrumentStatus.Published)], await CurrentAsync(database));

        // Closing v2 closes the form: it does not fall back to v1.
        await database.Instruments.SetStatusAsync(v2, InstrumentStatus.Closed);
        Assert.Equal([(other, InstrumentStatus.Published), (v2, InstrumentStatus.Closed)], await CurrentAsync(database));

        // Publishing v1 again (the latest action) serves v1.
        await database.Instruments.SetStatusAsync(v1, InstrumentStatus.Closed);
        await database.Instruments.SetStatusAsync(v1, InstrumentStatus.Published);
        Assert.Equal([(other, InstrumentStatus.Published), (v1, InstrumentStatus.Published)], await CurrentAsync(database));
        Assert.Equal([other, v2, v1], (await database.Instruments.ListAsync()).Select(i => i.Id));
    }

    [Theory]
    [MemberData(nameof(TestDatabases.Engines), MemberType = typeof(TestDatabases))]
    public async Task Oversized_or_empty_forms_and_bad_keys_are_refused(DatabaseEngine engine)
    {
        await using var database = await WaymarkDatabase.OpenAsync(await TestDatabases.CreateAsync(engine, _temp));
        var big = Form("f", "1") with { Xlsx = new byte[InstrumentStore.MaxXlsxBytes + 1] };
        Assert.Contains("5 MB", (await database.Instruments.SaveDraftAsync(big)).Error, StringComparison.Ordinal);
        Assert.False((await database.Instruments.SaveDraftAsync(Form("f", "1") with { Xlsx = [] })).IsSuccess);
        await Assert.ThrowsAnyAsync<System.Data.Common.DbException>(() => database.Instruments.SaveDraftAsync(Form("f", "1", key: [1, 2, 3])));
        Assert.Empty(await database.Instruments.ListAsync());
    }

    private static async Task<List<(long, InstrumentStatus)>> CurrentAsync(WaymarkDatabase database) =>
        (await database.Instruments.CurrentAsync()).Select(i => (i.Id, i.Status)).ToList();
}
