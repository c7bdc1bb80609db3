using System.Buffers;
using System.IO.Pipelines;
using System.Text;
using Microsoft.AspNetCore.Connections;

namespace Waymark.Web.Privacy;

/// <summary>
/// Kestrel answers a request it cannot parse (a malformed request line: 400; a request line over its
/// limit: 414; headers over theirs: 431) by itself, before any middleware runs, so
/// <see cref="PrivacyHeaders"/> never sees that answer. This connection middleware sits between
/// Kestrel and the socket and adds the privacy baseline (and <c>Cache-Control: no-store</c>) to
/// exactly those answers: a single flush that is a whole header block with no body, of status 400
/// or above, that lacks the <c>Content-Security-Policy</c> every answer of the application carries.
/// Their empty body (<c>Content-Length: 0</c>) becomes a short JSON <c>{"error": …}</c>, as every
/// error of the screening API is, so a program calling it always gets a reason it can read.
/// Everything else passes through unchanged.
/// </summary>
internal static class KestrelRejections
{
    private const int LargestRejection = 1024;

    private static readonly byte[] Marker = Encoding.ASCII.GetBytes("\r\nContent-Security-Policy:");
    private static readonly byte[] EndOfHead = "\r\n\r\n"u8.ToArray();
    private static readonly byte[] Extra = Encoding.ASCII.GetBytes(
        string.Concat(PrivacyHeaders.Baseline.Select(h => h.Name + ": " + h.Value + "\r\n"))
        + "Cache-Control: no-store\r\nPragma: no-cache\r\n");

    private static readonly byte[] EmptyBody = "\r\nContent-Length: 0\r\n"u8.ToArray();

    /// <summary>The JSON body and its headers for each status Kestrel refuses with by itself.</summary>
    private static readonly Dictionary<int, byte[]> Bodies = new()
    {
        [400] = Body("The request could not be read."),
        [414] = Body("The request line is too long: send a long query in the body of a POST."),
        [431] = Body("The request headers are too large."),
    };

    private static readonly byte[] OtherBody = Body("The request was refused.");

    private static readonly int LongestBody = Bodies.Values.Append(OtherBody).Max(b => b.Length);

    private static byte[] Body(string message)
    {
        var json = System.Text.Json.JsonSerializer.Serialize(new Dictionary<string, string> { ["error"] = message });
        return Encoding.ASCII.GetBytes($"Content-Type: application/json; charset=utf-8\r\nContent-Length: {json.Length}\r\n\r\n{json}");
    }

    /// <summary>Wraps the connection's output for the rest of the connection pipeline (HTTP included).</summary>
    public static void Wrap(ConnectionContext connection)
    {
        var transport = connection.Transport;
        connection.Transport = new Duplex(transport.Input, new Writer(transport.Output));
    }

    /// <summary>The same bytes, or the rejection with the privacy lines inserted before its blank line.</summary>
    internal static ReadOnlySpan<byte> WithBaseline(ReadOnlySpan<byte> flushed, Span<byte> scratch, out bool changed)
    {
        changed = false;
        if (flushed.Length > LargestRejection || flushed.Length < 16
            || !flushed.StartsWith("HTTP/1.1 "u8) || flushed[9] is not ((byte)'4' or (byte)'5')
            || flushed.IndexOf(EndOfHead) != flushed.Length - EndOfHead.Length
            || flushed.IndexOf(Marker) >= 0)
        {
            return flushed;
        }

        var head = flushed.Length - 2; // keep the last "\r\n" of the final header line, then the blank line
        var empty = flushed.IndexOf(EmptyBody);
        var length = 0;
        if (empty >= 0)
        {
            // Without its "Content-Length: 0" line: the JSON body's headers replace it.
            flushed[..(empty + 2)].CopyTo(scratch);
            length = empty + 2;
            flushed[(empty + EmptyBody.Length)..head].CopyTo(scratch[length..]);
            length += head - empty - EmptyBody.Length;
        }
        else
        {
            flushed[..head].CopyTo(scratch);
            length = head;
        }

        Extra.CopyTo(scratch[length..]);
        length += Extra.Length;
        if (empty >= 0)
        {
            // "HTTP/1.1 414 …": the status picks the message (400, 414 and 431 are the ones Kestrel sends).
            var status = ((flushed[9] - '0') * 100) + ((flushed[10] - '0') * 10) + (flushed[11] - '0');
            var body = Bodies.GetValueOrDefault(status) ?? OtherBody;
            body.CopyTo(scratch[length..]);
            length += body.Length;
        }
        else
        {
            "\r\n"u8.CopyTo(scratch[length..]);
            length += 2;
        }

        changed = true;
        return scratch[..length];
    }

    internal static int ScratchLength => LargestRejection + Extra.Length + LongestBody + 2;

    private sealed class Duplex(PipeReader input, PipeWriter output) : IDuplexPipe
    {
        public PipeReader Input => input;

        public PipeWriter Output => output;
    }

    /// <summary>
    /// Collects what Kestrel writes until it flushes, then hands it to the socket's writer (with the
    /// baseline added when the flush is one of Kestrel's own rejections).
    /// </summary>
    private sealed class Writer(PipeWriter inner) : PipeWriter
    {
        private const int KeptCapacity = 64 * 1024;

        private ArrayBufferWriter<byte> _pending = new(4096);

        public override bool CanGetUnflushedBytes => true;

        public override long UnflushedBytes => _pending.WrittenCount;

        public override void Advance(int bytes) => _pending.Advance(bytes);

        public override Memory<byte> GetMemory(int sizeHint = 0) => _pending.GetMemory(sizeHint);

        public override Span<byte> GetSpan(int sizeHint = 0) => _pending.GetSpan(sizeHint);

        public override void CancelPendingFlush() => inner.CancelPendingFlush();

        public override void Complete(Exception? exception = null)
        {
            Hand();
            inner.Complete(exception);
        }

        public override async ValueTask CompleteAsync(Exception? exception = null)
        {
            Hand();
            await inner.CompleteAsync(exception).ConfigureAwait(false);
        }

        public override ValueTask<FlushResult> FlushAsync(CancellationToken cancellationToken = default)
        {
            Hand();
            return inner.FlushAsync(cancellationToken);
        }

        private void Hand()
        {
            if (_pending.WrittenCount == 0)
            {
                return;
            }

            var scratch = _pending.WrittenCount <= LargestRejection ? stackalloc byte[ScratchLength] : [];
            inner.Write(WithBaseline(_pending.WrittenSpan, scratch, out _));
            if (_pending.Capacity > KeptCapacity)
            {
                _pending = new ArrayBufferWriter<byte>(4096); // one large write (an export) does not stay allocated
            }
            else
            {
                _pending.ResetWrittenCount();
            }
        }
    }
}
