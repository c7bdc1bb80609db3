using Waymark.Surveys.Paging;

namespace Waymark.Web.Surveys;

/// <summary>What the shared partial of a survey page's questions draws: the page, and whether its "next" sends the answers.</summary>
internal sealed record PageQuestions(PageView Page, bool IsLastPage);
