using System.Threading.Channels;
using Waymark.Storage;

namespace Waymark.Web.Surveys;

/// <summary>
/// Group commit (docs/adr/0020): completed responses wait in a queue; one writer takes everything
/// waiting and stores it in a single transaction, and each submitter is released only after that
/// commit returned. Durability is unchanged (nothing is acknowledged before its commit); the cost
/// of a durable commit (an fsync on SQLite) is shared by every response that arrived meanwhile.
/// </summary>
internal sealed class ResponseCommitter : IAsyncDisposable
{
    private const int MaximumBatch = 256;

    private readonly WaymarkDatabase _database;
    private readonly Channel<Pending> _queue = Channel.CreateUnbounded<Pending>(new UnboundedChannelOptions { SingleReader = true });
    private readonly Task _writer;

    public ResponseCommitter(WaymarkDatabase database)
    {
        _database = database;
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
            while (batch.Count < MaximumBatch && _queue.Reader.TryRead(out var pending))
            {
                batch.Add(pending);
            }

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

    public async ValueTask DisposeAsync()
    {
        _queue.Writer.TryComplete();
        await _writer.ConfigureAwait(false);
    }

    private sealed record Pending(ResponseSubmission Submission, TaskCompletionSource<bool> Done);
}
