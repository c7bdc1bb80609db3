using Waymark.SelfHelp.Vault;
using Waymark.Storage;
using Waymark.Testing;

namespace Waymark.SelfHelp.Tests;

[Trait(TestCategory.Name, TestCategory.PostgreSql)]
public sealed class ProgressVaultTests : IDisposable
{
    private readonly TempFolder _temp = TempFolder.Create("ProgressVaultTests");

    public void Dispose() => _temp.Dispose();

    [Theory]
    [MemberData(nameof(TestDatabases.Engines), MemberType = typeof(TestDatabases))]
    public async Task Progress_is_saved_loaded_and_a_damaged_vault_is_reported_not_thrown(DatabaseEngine engine)
    {
        await using var database = await WaymarkDatabase.OpenAsync(await TestDatabases.CreateAsync(engine, _temp));
        var vault = new ProgressVault(database);
        var keys = VaultKeys.Derive("acorn bagel cedar daisy eagle fable gecko");
        Assert.Equal(VaultProblem.NotFound, (await vault.LoadAsync(keys)).Problem);

        var progress = new Progress();
        progress.Record("why-change", new Dictionary<string, string> { ["reasons"] = "zorblat" });
        Assert.True(await vault.SaveAsync(keys, progress));

        var loaded = await vault.LoadAsync(keys);
        Assert.True(loaded.IsSuccess);
        Assert.Equal("zorblat", loaded.Progress!.AnswersFor("why-change")["reasons"]);

        var blob = (await database.SelfHelpVaults.GetAsync(keys.Lookup))!;
        blob[^1] ^= 1;
        await database.SelfHelpVaults.PutAsync(keys.Lookup, blob);
        Assert.Equal(VaultProblem.Unreadable, (await vault.LoadAsync(keys)).Problem);

        Assert.True(await vault.DeleteAsync(keys));
        Assert.Equal(VaultProblem.NotFound, (await vault.LoadAsync(keys)).Problem);
    }

    [Fact]
    public async Task Progress_too_large_for_a_vault_is_refused_and_nothing_is_stored()
    {
        await using var database = await WaymarkDatabase.OpenAsync(await TestDatabases.CreateAsync(DatabaseEngine.Sqlite, _temp));
        var vault = new ProgressVault(database);
        var keys = VaultKeys.Derive("acorn bagel cedar daisy eagle fable gecko");
        var progress = new Progress();
        for (var module = 0; module < 300; module++)
        {
            progress.Record("m" + module, new Dictionary<string, string> { ["text"] = new string('q', Progress.MaxAnswerLength) });
        }

        Assert.False(await vault.SaveAsync(keys, progress));
        Assert.Null(await database.SelfHelpVaults.GetAsync(keys.Lookup));
    }
}
