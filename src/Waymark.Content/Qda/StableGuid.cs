using System.Security.Cryptography;
using System.Text;

namespace Waymark.Content.Qda;

/// <summary>
/// Name-based GUIDs in the manner of RFC 9562 version 5, with SHA-256 instead of SHA-1 (so version 8, the
/// RFC's name-based SHA-256 example): the same codebook and corpus always export the same GUIDs, and a
/// re-export does not look like new entities to a QDA tool.
/// </summary>
internal static class StableGuid
{
    /// <summary>Waymark's namespace for REFI-QDA entities (itself a fixed random GUID).</summary>
    private static readonly Guid Namespace = new("5b0d6f3e-8c1a-4f7e-9a52-3c6d2e1f0a47");

    public static Guid For(string kind, params string[] parts)
    {
        var name = kind + "\u001F" + string.Join('\u001F', parts);
        var nameBytes = Encoding.UTF8.GetBytes(name);
        var input = new byte[16 + nameBytes.Length];
        Namespace.TryWriteBytes(input, bigEndian: true, out _);
        nameBytes.CopyTo(input, 16);
        var hash = SHA256.HashData(input);
        hash[6] = (byte)((hash[6] & 0x0F) | 0x80);
        hash[8] = (byte)((hash[8] & 0x3F) | 0x80);
        return new Guid(hash.AsSpan(0, 16), bigEndian: true);
    }
}
