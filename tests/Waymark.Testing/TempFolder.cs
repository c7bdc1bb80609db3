using System.Globalization;

namespace Waymark.Testing;

/// <summary>
/// A private (0700) folder under the system's temporary folder that is deleted, with everything in it, when it is
/// disposed. A test owns one with <c>using var folder = TempFolder.Create("purpose")</c>; a test class or a class
/// fixture owns one for all its tests as a field and disposes it in its own <c>Dispose</c> (xunit disposes test
/// classes and fixtures; a process-exit hook would not run, because the test host is killed). Nothing is left in
/// /tmp after a run, however many runs there are.
/// </summary>
public sealed class TempFolder : IDisposable
{
    private int _children;

    private TempFolder(string path) => Path = path;

    /// <summary>The folder's full path.</summary>
    public string Path { get; }

    /// <summary>A new, empty folder named after <paramref name="purpose"/> (the name says which test left it, should one survive).</summary>
    public static TempFolder Create(string purpose)
    {
        var path = System.IO.Path.Combine(System.IO.Path.GetTempPath(), $"waymark-{purpose}-{Guid.NewGuid():N}");
        // Private like a real data folder (0700): Waymark refuses to keep its database in a folder others can read.
        Storage.PrivateFiles.EnsureDirectory(path);
        return new TempFolder(path);
    }

    /// <summary>The path of <paramref name="name"/> in this folder (nothing is created).</summary>
    public string File(string name) => System.IO.Path.Combine(Path, name);

    /// <summary>A new, empty private sub-folder, distinct from every other one asked of this folder; deleted with it.</summary>
    public string NewFolder(string purpose)
    {
        var path = File($"{purpose}-{Interlocked.Increment(ref _children).ToString(CultureInfo.InvariantCulture)}");
        Storage.PrivateFiles.EnsureDirectory(path);
        return path;
    }

    public override string ToString() => Path;

    public void Dispose()
    {
        try
        {
            Directory.Delete(Path, recursive: true);
        }
        catch (DirectoryNotFoundException)
        {
            // Already gone (a test may delete its folder to prove something about a missing one).
        }
        catch (IOException)
        {
            // A child process that was just killed may still be closing a file in it: once more, a moment later.
            Thread.Sleep(200);
            Directory.Delete(Path, recursive: true);
        }
        catch (UnauthorizedAccessException) when (!OperatingSystem.IsWindows())
        {
            // A test made a folder in it unreadable (to prove Waymark refuses it): give the owner its rights back.
            foreach (var folder in Directory.EnumerateDirectories(Path, "*", new EnumerationOptions { RecurseSubdirectories = true, IgnoreInaccessible = true }).Prepend(Path))
            {
                System.IO.File.SetUnixFileMode(folder, Storage.PrivateFiles.DirectoryMode);
            }

            Directory.Delete(Path, recursive: true);
        }
    }
}
