using Waymark.Testing;

namespace Waymark.Storage.Tests;

public sealed class ScreeningTermListStoreTests : IDisposable
{
    private readonly TempFolder _temp = TempFolder.Create("ScreeningTermListStoreTests");

    public void Dispose() => _temp.Dispose();

    private static readonly DateOnly Day = new(2026, 11, 27);

    [Theory]
    [MemberData(nameof(TestDatabases.Engines), MemberType = typeof(TestDatabases))]
    public async Task Every_change_raises_the_version_and_lists_read_back_as_stored(DatabaseEngine engine)
    {
        var settings = await TestDatabases.CreateAsync(engine, _temp);
        await using (var database = await WaymarkDatabase.OpenAsync(settings))
        {
            var store = database.ScreeningTermLists;
            Assert.Equal(0, await store.VersionAsync());
            var first = await store.AddAsync("placeholder one", "zorblat\t*\ttoken\n", "ed", Day);
            var second = await store.AddAsync("placeholder two", "quenmix\n", "ed", Day, active: false);
            Assert.Equal(2, await store.VersionAsync());

            var all = await store.ReadAllAsync();
            Assert.Equal(2, all.Version);
            Assert.Equal([first, second], all.Lists.Select(l => l.Id));
            Assert.Equal(new StoredTermList(first, "placeholder one", "zorblat\t*\ttoken\n", true, "ed", Day), all.Lists[0]);
            Assert.False(all.Lists[1].Active);

            Assert.True(await store.SetActiveAsync(second, true));
            Assert.True(await store.SetActiveAsync(first, false));
            Assert.Equal(4, await store.VersionAsync());
            Assert.Equal([second, first], (await store.ReadAllAsync()).Lists.Select(l => l.Id));

            // A change to nothing is no change: the version stays.
            Assert.False(await store.SetActiveAsync(999, true));
            Assert.False(await store.RemoveAsync(999));
            Assert.Equal(4, await store.VersionAsync());
            Assert.True(await store.RemoveAsync(first));
            Assert.Equal(5, await store.VersionAsync());
        }

        await using (var reopened = await WaymarkDatabase.OpenAsync(settings))
        {
            var all = await reopened.ScreeningTermLists.ReadAllAsync();
            Assert.Equal(5, all.Version);
            Assert.Equal("quenmix\n", Assert.Single(all.Lists).Content);
        }
    }

    [Theory]
    [MemberData(nameof(TestDatabases.Engines), MemberType = typeof(TestDatabases))]
    public async Task Bad_names_and_oversized_lists_are_refused_and_change_nothing(DatabaseEngine engine)
    {
        await using var database = await WaymarkDatabase.OpenAsync(await TestDatabases.CreateAsync(engine, _temp));
        var store = database.ScreeningTermLists;
        await Assert.ThrowsAsync<ArgumentException>(() => store.AddAsync("", "zorblat", "ed", Day));
        await Assert.ThrowsAsync<ArgumentException>(() => store.AddAsync("a\nb", "zorblat", "ed", Day));
        await Assert.ThrowsAsync<ArgumentException>(() => store.AddAsync(new string('n', ScreeningTermListStore.MaxNameLength + 1), "zorblat", "ed", Day));
        await Assert.ThrowsAsync<ArgumentException>(() => store.AddAsync("big", new string('z', ScreeningTermListStore.MaxContentLength + 1), "ed", Day));
        await Assert.ThrowsAsync<ArgumentException>(() => store.AddAsync("empty", "", "ed", Day));
        Assert.Equal(0, await store.VersionAsync());
        Assert.Empty((await store.ReadAllAsync()).Lists);
    }
}
