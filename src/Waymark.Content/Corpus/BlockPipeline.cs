using System.Collections.Concurrent;
using System.Runtime.ExceptionServices;
using System.Runtime.InteropServices;

namespace Waymark.Content.Corpus;

/// <summary>A block of a text file and the paragraphs found whole in it.</summary>
internal sealed class ParagraphBlock(int size)
{
    public byte[] Buffer { get; set; } = new byte[size];

    public int Length { get; set; }

    public List<Utf8Paragraph> Paragraphs { get; } = [];
}

/// <summary>Where <see cref="Utf8ParagraphReader"/> sends each block it has finished, and where it gets the next one.</summary>
internal abstract class BlockSink
{
    /// <summary>Hands over a finished block; its bytes stay unchanged until it comes back from <see cref="Next"/>.</summary>
    public abstract void Send(ParagraphBlock block);

    /// <summary>A block to read into next (possibly the one just <paramref name="sent"/>, once its paragraphs are consumed; null for the first).</summary>
    public abstract ParagraphBlock Next(ParagraphBlock? sent);
}

/// <summary>The consumer runs on the reading thread, and the one block is reused.</summary>
internal sealed class DirectBlockSink(IParagraphConsumer consumer, CorpusPost post, int blockSize) : BlockSink
{
    public override void Send(ParagraphBlock block)
    {
        if (block.Paragraphs.Count > 0)
        {
            consumer.AddUtf8(post, block.Buffer.AsSpan(0, block.Length), CollectionsMarshal.AsSpan(block.Paragraphs));
            block.Paragraphs.Clear();
        }
    }

    public override ParagraphBlock Next(ParagraphBlock? sent) => sent ?? new ParagraphBlock(blockSize);
}

/// <summary>
/// Reading (system calls, finding lines and paragraphs) on one thread and coding on the caller's, with a few
/// blocks in flight: on a large file the two halves of the work overlap on two cores. The consumer still sees
/// every block in file order on one thread. A failure on either side stops both and reaches the caller.
/// </summary>
internal sealed class BlockPipeline : BlockSink, IDisposable
{
    private const int BlocksInFlight = 3;

    private readonly BlockingCollection<ParagraphBlock> _full = new(BlocksInFlight);
    private readonly BlockingCollection<ParagraphBlock> _free = [];
    private readonly CancellationTokenSource _stop = new();
    private Exception? _readFailure;

    public BlockPipeline(int blockSize)
    {
        for (var i = 0; i < BlocksInFlight; i++)
        {
            _free.Add(new ParagraphBlock(blockSize));
        }
    }

    public override void Send(ParagraphBlock block) => _full.Add(block, _stop.Token);

    public override ParagraphBlock Next(ParagraphBlock? sent) => _free.Take(_stop.Token);

    /// <summary>Runs <paramref name="read"/> on a new thread while this thread consumes its blocks; returns when both are done.</summary>
    public void Run(Action read, IParagraphConsumer consumer, CorpusPost post, Action? afterBlock)
    {
        var reader = new Thread(() =>
        {
            try
            {
                read();
            }
            catch (OperationCanceledException) when (_stop.IsCancellationRequested)
            {
                // The consumer failed; its exception is the one that matters.
            }
            catch (Exception e)
            {
                _readFailure = e;
            }
            finally
            {
                _full.CompleteAdding();
            }
        })
        { IsBackground = true, Name = "waymark corpus reader" };
        reader.Start();
        try
        {
            foreach (var block in _full.GetConsumingEnumerable(_stop.Token))
            {
                if (block.Paragraphs.Count > 0)
                {
                    consumer.AddUtf8(post, block.Buffer.AsSpan(0, block.Length), CollectionsMarshal.AsSpan(block.Paragraphs));
                    block.Paragraphs.Clear();
                }

                _free.Add(block);
                afterBlock?.Invoke();
            }
        }
        finally
        {
            _stop.Cancel();
            reader.Join();
        }

        if (_readFailure is not null)
        {
            ExceptionDispatchInfo.Throw(_readFailure);
        }
    }

    public void Dispose()
    {
        _full.Dispose();
        _free.Dispose();
        _stop.Dispose();
    }
}
