using Waymark.Testing;

namespace Waymark.Storage.Tests;

public sealed class SelfHelpVaultStoreTests : IDisposable
{
    private readonly TempFolder _temp = TempFolder.Create("SelfHelpVaultStoreTests");

    public void Dispose() => _temp.Dispose();

    private static byte[] Lookup(byte fill) => Enumerable.Repeat(fill, SelfHelpVaultStore.LookupLength).ToArray();

    [Theory]
    [MemberData(nameof(TestDatabases.Engines), MemberType = typeof(TestDatabases))]
    public async Task A_blob_is_kept_replaced_and_deleted_under_its_lookup(DatabaseEngine engine)
    {
        var settings = await TestDatabases.CreateAsync(engine, _temp);
        await using (var database = await WaymarkDatabase.OpenAsync(settings))
        {
            var store = database.SelfHelpVaults;
            Assert.Null(await store.GetAsync(Lookup(1)));

            await store.PutAsync(Lookup(1), new byte[] { 1, 2, 3 });
            await store.PutAsync(Lookup(2), new byte[] { 9 });
            await store.PutAsync(Lookup(1), new byte[] { 4, 5 });

            Assert.Equal(new byte[] { 4, 5 }, await store.GetAsync(Lookup(1)));
            Assert.Equal(new byte[] { 9 }, await store.GetAsync(Lookup(2)));
        }

        // A new connection pool on the same database: what was acknowledged is still there.
        await using (var reopened = await WaymarkDatabase.OpenAsync(settings))
        {
            Assert.Equal(new byte[] { 4, 5 }, await reopened.SelfHelpVaults.GetAsync(Lookup(1)));
            Assert.True(await reopened.SelfHelpVaults.DeleteAsync(Lookup(1)));
            Assert.False(await reopened.SelfHelpVaults.DeleteAsync(Lookup(1)));
            Assert.Null(await reopened.SelfHelpVaults.GetAsync(Lookup(1)));
            Assert.Equal(new byte[] { 9 }, await reopened.SelfHelpVaults.GetAsync(Lookup(2)));
        }
    }

    [Theory]
    [MemberData(nameof(TestDatabases.Engines), MemberType = typeof(TestDatabases))]
    public async Task Malformed_lookups_and_oversized_blobs_are_refused(DatabaseEngine engine)
    {
        await using var database = await WaymarkDatabase.OpenAsync(await TestDatabases.CreateAsync(engine, _temp));
        var store = database.SelfHelpVaults;

        await Assert.ThrowsAsync<ArgumentException>(() => store.PutAsync(new byte[5], new byte[] { 1 }));
        await Assert.ThrowsAsync<ArgumentException>(() => store.GetAsync(new byte[33]));
        await Assert.ThrowsAsync<ArgumentException>(() => store.PutAsync(Lookup(3), Array.Empty<byte>()));
        await Assert.ThrowsAsync<ArgumentException>(() => store.PutAsync(Lookup(3), new byte[SelfHelpVaultStore.MaxCiphertextLength + 1]));
        Assert.Null(await store.GetAsync(Lookup(3)));
    }
}
