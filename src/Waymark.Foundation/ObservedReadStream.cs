namespace Waymark;

/// <summary>
/// A read-only, forward-only view of another stream that tells a subclass how many bytes each read returned:
/// to count progress (the content-analysis corpus reader) or to stop a zip entry that inflates too far
/// (<see cref="BoundedArchive"/>). Disposing it disposes the inner stream.
/// </summary>
public abstract class ObservedReadStream(Stream inner) : Stream
{
    public Stream Inner => inner;

    public override bool CanRead => true;

    public override bool CanSeek => false;

    public override bool CanWrite => false;

    public override long Length => inner.Length;

    public override long Position
    {
        get => inner.Position;
        set => throw new NotSupportedException();
    }

    public override int Read(byte[] buffer, int offset, int count)
    {
        var read = inner.Read(buffer, offset, count);
        Observe(read);
        return read;
    }

    public override int Read(Span<byte> buffer)
    {
        var read = inner.Read(buffer);
        Observe(read);
        return read;
    }

    public override void Flush()
    {
    }

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    public override void SetLength(long value) => throw new NotSupportedException();

    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();

    /// <summary>Called after every read with the number of bytes it returned (0 at the end).</summary>
    protected abstract void Observe(int read);

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            inner.Dispose();
        }

        base.Dispose(disposing);
    }
}
