using Microsoft.Playwright;

namespace Waymark.Testing;

public sealed partial class PageChecker
{
    /// <summary>
    /// One reused page that shows a document's HTML under its own address (a route answers the document; its stylesheet
    /// comes from the server) and measures it. A new context and page per check cost Chromium about 0.25 s, and sending
    /// axe-core's 0.5 MB source through the driver into each document about 0.3 s more; a reused page whose context has
    /// axe-core as an init script compiles it from V8's cache (measured on the 2-core VM: 1.1–1.4 s a check before, 0.5–0.6 s after).
    /// </summary>
    private sealed class ReplayPage(Func<Task<IBrowserContext>> newContext) : IAsyncDisposable
    {
        private readonly SemaphoreSlim _lock = new(1, 1);
        private IBrowserContext? _context;
        private IPage? _page;

        public async Task<T> MeasureAsync<T>(Uri url, string html, Func<IPage, Task<T>> measure)
        {
            await _lock.WaitAsync().ConfigureAwait(false);
            try
            {
                if (_page is null || _page.IsClosed)
                {
                    await CloseAsync().ConfigureAwait(false);
                    _context = await newContext().ConfigureAwait(false);
                    _page = await _context.NewPageAsync().ConfigureAwait(false);
                }

                var page = _page;
                var address = url.ToString();
                Func<IRoute, Task> answer = route => route.FulfillAsync(new() { Status = 200, ContentType = "text/html; charset=utf-8", Body = html });
                await page.RouteAsync(address, answer).ConfigureAwait(false);
                try
                {
                    await page.GotoAsync(address).ConfigureAwait(false);
                    return await measure(page).ConfigureAwait(false);
                }
                finally
                {
                    try
                    {
                        await page.UnrouteAsync(address, answer).ConfigureAwait(false);
                        await page.GotoAsync("about:blank").ConfigureAwait(false); // the next check loads a new document, even at the same address
                    }
                    catch (PlaywrightException)
                    {
                        await CloseAsync().ConfigureAwait(false); // the next check starts a fresh context
                    }
                }
            }
            finally
            {
                _lock.Release();
            }
        }

        private async Task CloseAsync()
        {
            if (_context is not null)
            {
                await _context.DisposeAsync().ConfigureAwait(false);
            }

            (_context, _page) = (null, null);
        }

        public async ValueTask DisposeAsync()
        {
            await CloseAsync().ConfigureAwait(false);
            _lock.Dispose();
        }
    }
}
