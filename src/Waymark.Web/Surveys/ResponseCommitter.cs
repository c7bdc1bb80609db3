using System.Runtime.InteropServices;
using System.Threading.Channels;
using Waymark.Storage;

namespace Waymark.Web.Surveys;

/// <summary>
/// Group commit (docs/adr/0020): completed responses wait in a queue; one writer takes everything
/// waiting and stores it in a single transaction, and each submitter is released only after that
/// commit returned. Durability is unchanged (nothing is acknowledged before its commit); the cost
/// of a durable commit (an fsync on SQLite) is shared by every response that arrived meanwhile.
/// To keep arrival order off the disk (docs/adr/0100-no-arrival-order-on-disk.md) the writer waits a
/// random time, at most <see cref="MaximumWait"/>, for a batch to reach <see cref="FillTarget"/>, and
/// inserts each batch in a random order: within a batch neither the rows' place in PostgreSQL's heap
/// nor anything else follows arrival, and every row of it shares one transaction.
/// </summary>
internal sealed class ResponseCommitter : IAsyncDisposable
{
    private const int MaximumBatch = 256;

    /// <summary>A batch this large is written without waiting longer (a busy server loses no throughput).</summary>
    internal const int FillTarget = 16;

    /// <summary>The longest a first response waits for others (the wait of each batch is uniform below it).</summary>
    internal static readonly TimeSpan MaximumWait = TimeSpan.FromSeconds(1);

    private readonly WaymarkDatabase _database;
    private readonly TimeProvider _time;
    private readonly Random _random;
    private readonly TimeSpan _maximumWait;
    private readonly Channel<Pending> _queue = Channel.CreateUnbounded<Pending>(new UnboundedChannelOptions { SingleReader = true });
    private readonly Task _writer;

    /// <param name="database">Where responses go.</param>
    /// <param name="time">The clock the wait for a batch runs on.</param>
    /// <param name="random">Draws each wait and each batch's order; used by the one writer only.</param>
    /// <param name="maximumWait">The longest wait for a batch to fill (<see cref="MaximumWait"/> on a server).</param>
    public ResponseCommitter(WaymarkDatabase database, TimeProvider time, Random random, TimeSpan maximumWait)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(maximumWait, TimeSpan.Zero);
        _database = database;
        _time = time;
        _random = random;
        _maximumWait = maximumWait;
        _writer = Task.Run(WriteLoopAsync);
    }

    /// <summary>Completes when the response is committed: true if it was new, false if already stored.</summary>
    public Task<bool> CommitAsync(StoredResponse response, string? resumedDraftId)
    {
        var pending = new Pending(new ResponseSubmission(response, resumedDraftId), new TaskCompletionSource<bool>(TaskCreationOptions.RunContinuationsAsynchronously));
        if (!_queue.Writer.TryWrite(pending))
        {
            throw new InvalidOperationException("The server is stopping; the response was not stored.");
        }

        return pending.Done.Task;
    }

    private async Task WriteLoopAsync()
    {
        var batch = new List<Pending>(MaximumBatch);
        while (await _queue.Reader.WaitToReadAsync().ConfigureAwait(false))
        {
            batch.Clear();
            Take(batch);
            await FillAsync(batch).ConfigureAwait(false);
            _random.Shuffle(CollectionsMarshal.AsSpan(batch));

            try
            {
                var inserted = await _database.SurveyResponses.AddBatchAsync(batch.ConvertAll(p => p.Submission)).ConfigureAwait(false);
                for (var i = 0; i < batch.Count; i++)
                {
                    batch[i].Done.TrySetResult(inserted[i]);
                }
            }
            catch (Exception exception)
            {
                // Nothing of this batch was committed; every submitter gets the error page, none a thank-you.
                foreach (var pending in batch)
                {
                    pending.Done.TrySetException(exception);
                }
            }
        }
    }

    /// <summary>Waits a random time up to the maximum, or until the batch holds <see cref="FillTarget"/> or the queue closes.</summary>
    private async Task FillAsync(List<Pending> batch)
    {
        if (batch.Count >= FillTarget || _maximumWait <= TimeSpan.Zero)
        {
            return;
        }

        using var wait = new CancellationTokenSource(_random.NextDouble() * _maximumWait, _time);
        try
        {
            while (batch.Count < FillTarget && await _queue.Reader.WaitToReadAsync(wait.Token).ConfigureAwait(false))
            {
                Take(batch);
            }
        }
        catch (OperationCanceledException) when (wait.IsCancellationRequested)
        {
        }

        Take(batch);
    }

    private void Take(List<Pending> batch)
    {
        while (batch.Count < MaximumBatch && _queue.Reader.TryRead(out var pending))
        {
            batch.Add(pending);
        }
    }

    public async ValueTask DisposeAsync()
    {
        _queue.Writer.TryComplete();
        await _writer.ConfigureAwait(false);
    }

    private sealed record Pending(ResponseSubmission Submission, TaskCompletionSource<bool> Done);
}
