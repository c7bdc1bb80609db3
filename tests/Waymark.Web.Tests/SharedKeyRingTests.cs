using System.Security.Cryptography;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.DataProtection.KeyManagement;
using Microsoft.Extensions.DependencyInjection;
using Waymark.Storage;
using Waymark.Testing;
using Waymark.Web.Hosting;

namespace Waymark.Web.Tests;

/// <summary>Nodes sharing one database and one secrets.key share one key ring: what one signs, another verifies.</summary>
public sealed class SharedKeyRingTests : IDisposable
{
    private readonly TempFolder _temp = TempFolder.Create("SharedKeyRingTests");

    public void Dispose() => _temp.Dispose();

    private static ServiceProvider Node(WaymarkDatabase database, byte[] ringKey)
    {
        var services = new ServiceCollection();
        services.AddDataProtection().SetApplicationName("waymark");
        services.Configure<KeyManagementOptions>(options => options.XmlRepository = DatabaseKeyRepository.Open(database, ringKey));
        return services.BuildServiceProvider();
    }

    [Theory]
    [MemberData(nameof(TestDatabases.Engines), MemberType = typeof(TestDatabases))]
    public async Task A_payload_protected_on_one_node_unprotects_on_another(DatabaseEngine engine)
    {
        var settings = await TestDatabases.CreateAsync(engine, _temp);
        var ringKey = RandomNumberGenerator.GetBytes(32);
        await using var databaseA = await WaymarkDatabase.OpenAsync(settings);
        await using var databaseB = await WaymarkDatabase.OpenAsync(settings);
        await using var nodeA = Node(databaseA, ringKey);
        await using var nodeB = Node(databaseB, ringKey);

        var sealedOnA = nodeA.GetRequiredService<IDataProtectionProvider>().CreateProtector("test").Protect("form state");
        var openedOnB = nodeB.GetRequiredService<IDataProtectionProvider>().CreateProtector("test").Unprotect(sealedOnA);

        Assert.Equal("form state", openedOnB);
        Assert.NotEmpty(databaseA.ProtectionKeys.ReadAll());
        Assert.All(databaseA.ProtectionKeys.ReadAll(), stored => Assert.StartsWith(DatabaseKeyRepository.Prefix, stored, StringComparison.Ordinal));
    }

    [Theory]
    [MemberData(nameof(TestDatabases.Engines), MemberType = typeof(TestDatabases))]
    public async Task A_node_with_another_secrets_key_cannot_use_the_ring_and_keys_in_clear_are_retired(DatabaseEngine engine)
    {
        var settings = await TestDatabases.CreateAsync(engine, _temp);
        await using var database = await WaymarkDatabase.OpenAsync(settings);
        database.ProtectionKeys.Add("key-in-clear", "<key id=\"00000000-0000-0000-0000-000000000001\" version=\"1\"/>");
        await using var nodeA = Node(database, RandomNumberGenerator.GetBytes(32));
        var sealedOnA = nodeA.GetRequiredService<IDataProtectionProvider>().CreateProtector("test").Protect("form state");
        Assert.All(database.ProtectionKeys.ReadAll(), stored => Assert.StartsWith(DatabaseKeyRepository.Prefix, stored, StringComparison.Ordinal));

        await using var stranger = Node(database, RandomNumberGenerator.GetBytes(32));
        Assert.ThrowsAny<CryptographicException>(() => stranger.GetRequiredService<IDataProtectionProvider>().CreateProtector("test").Unprotect(sealedOnA));
    }
}
