using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.DataProtection.KeyManagement;
using Microsoft.Extensions.DependencyInjection;
using Waymark.Storage;
using Waymark.Testing;
using Waymark.Web.Hosting;

namespace Waymark.Web.Tests;

/// <summary>Nodes sharing one database share one key ring: what one signs, another verifies.</summary>
public sealed class SharedKeyRingTests
{
    private static ServiceProvider Node(WaymarkDatabase database)
    {
        var services = new ServiceCollection();
        services.AddDataProtection().SetApplicationName("waymark");
        services.Configure<KeyManagementOptions>(options => options.XmlRepository = new DatabaseKeyRepository(database));
        return services.BuildServiceProvider();
    }

    [Theory]
    [MemberData(nameof(TestDatabases.Engines), MemberType = typeof(TestDatabases))]
    public async Task A_payload_protected_on_one_node_unprotects_on_another(DatabaseEngine engine)
    {
        var settings = await TestDatabases.CreateAsync(engine);
        await using var databaseA = await WaymarkDatabase.OpenAsync(settings);
        await using var databaseB = await WaymarkDatabase.OpenAsync(settings);
        await using var nodeA = Node(databaseA);
        await using var nodeB = Node(databaseB);

        var sealedOnA = nodeA.GetRequiredService<IDataProtectionProvider>().CreateProtector("test").Protect("form state");
        var openedOnB = nodeB.GetRequiredService<IDataProtectionProvider>().CreateProtector("test").Unprotect(sealedOnA);

        Assert.Equal("form state", openedOnB);
        Assert.NotEmpty(databaseA.ProtectionKeys.ReadAll());
    }
}
