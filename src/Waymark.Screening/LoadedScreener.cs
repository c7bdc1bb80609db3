using Waymark.Screening.Terms;

namespace Waymark.Screening;

/// <summary>A screener and the term file it was built from (what was skipped, and where to read edits from).</summary>
public sealed record LoadedScreener(Screener Screener, TermFile TermFile);
