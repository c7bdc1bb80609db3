using System.Security.Cryptography;

namespace Waymark.Secrets.Tests;

/// <summary>
/// A repeatable byte source for tests of how bytes become words. Not cryptographic: production code
/// always passes the system generator.
/// </summary>
internal sealed class SeededRandom(int seed) : RandomNumberGenerator
{
    private readonly Random _random = new(seed);

    public override void GetBytes(byte[] data) => _random.NextBytes(data);

    public override void GetBytes(Span<byte> data) => _random.NextBytes(data);
}

/// <summary>Returns the given bytes in order, then repeats them.</summary>
internal sealed class FixedBytes(params byte[] bytes) : RandomNumberGenerator
{
    private int _next;

    public override void GetBytes(byte[] data) => GetBytes(data.AsSpan());

    public override void GetBytes(Span<byte> data)
    {
        for (var i = 0; i < data.Length; i++)
        {
            data[i] = bytes[_next++ % bytes.Length];
        }
    }
}
