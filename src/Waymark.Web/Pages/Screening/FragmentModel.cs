using Waymark.Screening;

namespace Waymark.Web.Pages.Screening;

/// <summary>The warning as an HTML fragment (no document around it), for a search engine to embed in its own page.</summary>
public sealed class FragmentModel(Screener screener) : WarningPageModel(screener);
