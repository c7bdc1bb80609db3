using System.Globalization;

namespace Waymark.Storage;

/// <summary>
/// The data folder and the files in it belong to the account that runs Waymark alone: the folder is
/// made 0700 and the database file 0600 before SQLite opens it (SQLite gives its <c>-wal</c>,
/// <c>-shm</c> and journal files the database file's mode). A folder or file that others may read or
/// write stops start-up with a message that says what to run: anyone who can read the database could
/// otherwise read what it holds, and anyone who can write it could change it.
/// </summary>
public static class PrivateFiles
{
    /// <summary>What the folder is made with: read, write and search for the owner only.</summary>
    public const UnixFileMode DirectoryMode = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute;

    /// <summary>What files are made with: read and write for the owner only.</summary>
    public const UnixFileMode FileMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;

    private const UnixFileMode OthersAndGroup =
        UnixFileMode.GroupRead | UnixFileMode.GroupWrite | UnixFileMode.GroupExecute
        | UnixFileMode.OtherRead | UnixFileMode.OtherWrite | UnixFileMode.OtherExecute;

    /// <summary>Creates the folder (0700) when missing; refuses one that the group or others may use.</summary>
    /// <exception cref="UnauthorizedAccessException">The folder's mode is looser than 0700.</exception>
    public static void EnsureDirectory(string path)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        var full = Path.GetFullPath(path);
        if (OperatingSystem.IsWindows())
        {
            Directory.CreateDirectory(full);
            return;
        }

        if (!Directory.Exists(full))
        {
            Directory.CreateDirectory(full, DirectoryMode);
            return;
        }

        Refuse(full, File.GetUnixFileMode(full), "folder", "700");
    }

    /// <summary>Creates an empty file (0600) when missing; refuses one that the group or others may use.</summary>
    /// <exception cref="UnauthorizedAccessException">The file's mode is looser than 0600.</exception>
    public static void EnsureFile(string path)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        var full = Path.GetFullPath(path);
        if (OperatingSystem.IsWindows())
        {
            return;
        }

        if (!File.Exists(full))
        {
            try
            {
                using var created = new FileStream(full, new FileStreamOptions
                {
                    Mode = System.IO.FileMode.CreateNew,
                    Access = FileAccess.Write,
                    UnixCreateMode = FileMode,
                });
            }
            catch (IOException) when (File.Exists(full))
            {
                // Another process made it first: check theirs below.
            }
        }

        CheckFile(full);
    }

    /// <summary>Refuses an existing file that the group or others may use; a missing file is fine.</summary>
    /// <exception cref="UnauthorizedAccessException">The file's mode is looser than 0600.</exception>
    public static void CheckFile(string path)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        var full = Path.GetFullPath(path);
        if (!OperatingSystem.IsWindows() && File.Exists(full))
        {
            Refuse(full, File.GetUnixFileMode(full), "file", "600");
        }
    }

    private static void Refuse(string path, UnixFileMode mode, string what, string wanted)
    {
        if ((mode & OthersAndGroup) != 0)
        {
            var octal = Convert.ToString((int)mode & 0x1FF, 8).PadLeft(4, '0');
            throw new UnauthorizedAccessException(string.Create(
                CultureInfo.InvariantCulture,
                $"the {what} {path} has mode {octal}, so other accounts on this machine may read or change it. Waymark keeps its database and keys there and will not start until only its own account can: run `chmod {wanted} '{path}'` (and `chmod 600` on the files in the data folder), then start again."));
        }
    }
}
