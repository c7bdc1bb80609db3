using System.Diagnostics;
using System.Runtime.InteropServices;

namespace Waymark.Cli;

/// <summary>
/// Hands a command line to the full CLI, <c>waymark-full</c> beside this executable: on Linux and macOS the process
/// becomes it (<c>execv</c>), so signals (Ctrl+C, a service manager's stop), the exit code and the standard streams are
/// the full CLI's own; on Windows it is started as a child and its exit code returned.
/// </summary>
internal static partial class FullCli
{
    public static int Run(string[] args)
    {
        var path = Path.Combine(AppContext.BaseDirectory, OperatingSystem.IsWindows() ? "waymark-full.exe" : "waymark-full");
        if (!File.Exists(path))
        {
            Console.Error.WriteLine($"waymark: {path} is missing: this build runs 'waymark code' itself and every other command through it.");
            return ExitCodes.Failure;
        }

        if (OperatingSystem.IsWindows())
        {
            using var child = Process.Start(new ProcessStartInfo(path, args) { UseShellExecute = false })!;
            child.WaitForExit();
            return child.ExitCode;
        }

        string?[] argv = [path, .. args, null];
        Execv(path, argv);
        Console.Error.WriteLine($"waymark: could not run {path} (errno {Marshal.GetLastPInvokeError()}).");
        return ExitCodes.Failure;
    }

    [LibraryImport("libc", EntryPoint = "execv", StringMarshalling = StringMarshalling.Utf8, SetLastError = true)]
    private static partial int Execv(string path, string?[] argv);
}
