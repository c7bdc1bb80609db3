using Waymark.Testing;

namespace Waymark.Storage.Tests;

/// <summary>The data folder and the database files are the service account's alone (0700 / 0600), whatever the umask.</summary>
[System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
public sealed class PrivateFilesTests : IDisposable
{
    private readonly TempFolder _temp = TempFolder.Create("PrivateFilesTests");

    public void Dispose() => _temp.Dispose();

    private const UnixFileMode Loose = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute
        | UnixFileMode.GroupRead | UnixFileMode.GroupExecute | UnixFileMode.OtherRead | UnixFileMode.OtherExecute;

    private string FreshDataDirectory() => Path.Combine(_temp.NewFolder("parent"), "data");

    [Fact]
    public async Task A_fresh_data_folder_is_0700_and_the_database_wal_and_shm_are_0600()
    {
        var settings = new StorageSettings { DataDirectory = FreshDataDirectory() };
        await using var database = await WaymarkDatabase.OpenAsync(settings);
        await database.Counters.AddAsync([new("privacy", new DateOnly(2026, 12, 6), "en", 1)]);

        Assert.Equal(PrivateFiles.DirectoryMode, File.GetUnixFileMode(settings.DataDirectory));
        foreach (var suffix in (string[])["", "-wal", "-shm"])
        {
            var path = settings.SqlitePath + suffix;
            Assert.True(File.Exists(path), path + " should exist while the database is open");
            Assert.Equal(PrivateFiles.FileMode, File.GetUnixFileMode(path));
        }
    }

    [Fact]
    public async Task A_data_folder_others_can_read_is_refused_with_the_command_that_fixes_it()
    {
        var settings = new StorageSettings { DataDirectory = FreshDataDirectory() };
        Directory.CreateDirectory(settings.DataDirectory);
        File.SetUnixFileMode(settings.DataDirectory, Loose);

        var refused = await Assert.ThrowsAsync<UnauthorizedAccessException>(() => WaymarkDatabase.OpenAsync(settings));
        Assert.Contains("mode 0755", refused.Message, StringComparison.Ordinal);
        Assert.Contains($"chmod 700 '{Path.GetFullPath(settings.DataDirectory)}'", refused.Message, StringComparison.Ordinal);
        Assert.False(File.Exists(settings.SqlitePath), "nothing is written into a folder that is refused");
    }

    [Theory]
    [InlineData("")]
    [InlineData("-wal")]
    [InlineData("-shm")]
    public async Task A_database_file_others_can_read_is_refused(string suffix)
    {
        var settings = new StorageSettings { DataDirectory = FreshDataDirectory() };
        await (await WaymarkDatabase.OpenAsync(settings)).DisposeAsync();
        var path = settings.SqlitePath + suffix;
        if (!File.Exists(path))
        {
            await File.WriteAllBytesAsync(path, []);
        }

        File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.GroupRead | UnixFileMode.OtherRead);
        var refused = await Assert.ThrowsAsync<UnauthorizedAccessException>(() => WaymarkDatabase.OpenAsync(settings));
        Assert.Contains($"chmod 600 '{path}'", refused.Message, StringComparison.Ordinal);
    }
}
