namespace Waymark.Cli;

/// <summary>What <c>waymark</c> returns: scripts can tell bad input from bad usage.</summary>
internal static class ExitCodes
{
    /// <summary>Done.</summary>
    public const int Ok = 0;

    /// <summary>The command ran and failed, or its input was invalid.</summary>
    public const int Failure = 1;

    /// <summary>The command line itself was wrong (unknown command or option, bad option value).</summary>
    public const int Usage = 2;
}
