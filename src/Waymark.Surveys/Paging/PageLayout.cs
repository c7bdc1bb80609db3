namespace Waymark.Surveys.Paging;

/// <summary>
/// Cuts an instrument into pages. With <c>style=pages</c>: one page per top-level group and one per
/// question outside any group (as Enketo's pages theme). Otherwise: one page per top-level group
/// (split every <see cref="MaxGroupPage"/> questions) and runs of ungrouped questions
/// <see cref="QuestionsPerPage"/> at a time. Calculations are never shown and take no place.
/// </summary>
internal static class PageLayout
{
    public const int QuestionsPerPage = 5;
    public const int MaxGroupPage = 10;

    public static List<Page> Build(Instrument instrument)
    {
        var pages = new List<Page>();
        var current = new List<Question>();
        string? currentGroup = null;
        var limit = 0;

        void Flush()
        {
            if (current.Count > 0)
            {
                pages.Add(new Page(pages.Count, currentGroup, current));
                current = [];
            }
        }

        foreach (var question in instrument.Questions)
        {
            if (question.Type == QuestionType.Calculate)
            {
                continue;
            }

            var group = question.GroupPath.Count > 0 ? question.GroupPath[0] : null;
            var pageLimit = instrument.Settings.StylePages
                ? group is null ? 1 : int.MaxValue
                : group is null ? QuestionsPerPage : MaxGroupPage;
            if (group != currentGroup || current.Count >= limit)
            {
                Flush();
            }

            currentGroup = group;
            limit = pageLimit;
            current.Add(question);
        }

        Flush();
        return pages;
    }
}
