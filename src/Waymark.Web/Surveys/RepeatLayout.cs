using Waymark.Surveys.Paging;

namespace Waymark.Web.Surveys;

/// <summary>The order a page is drawn in: each question outside repeats by its index, each repeat as one block where it starts.</summary>
internal static class RepeatLayout
{
    public static IEnumerable<(int Question, VisibleRepeat? Repeat)> Items(PageView page)
    {
        var at = 0;
        foreach (var repeat in page.Repeats)
        {
            for (; at < repeat.Start; at++)
            {
                yield return (at, null);
            }

            yield return (-1, repeat);
            at = repeat.Instances.Count > 0 ? repeat.Instances[^1].End : repeat.Start;
        }

        for (; at < page.Questions.Count; at++)
        {
            yield return (at, null);
        }
    }
}
