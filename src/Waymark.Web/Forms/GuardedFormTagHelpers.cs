using Microsoft.AspNetCore.Mvc.Rendering;
using Microsoft.AspNetCore.Mvc.ViewFeatures;
using Microsoft.AspNetCore.Razor.TagHelpers;

namespace Waymark.Web.Forms;

/// <summary>
/// <c>&lt;form method="post" wm-guard="survey"&gt;</c>: issues a <see cref="FormGuard"/> token for this
/// rendering, adds the hidden token (first) and the honeypot (last), and has every named field inside it (partials
/// included) renamed by <see cref="GuardedFieldTagHelper"/>. The page model implements
/// <see cref="IGuardedPage"/>, and <see cref="GuardedFormFilter"/> maps the names back before binding.
/// </summary>
[HtmlTargetElement("form", Attributes = AttributeName)]
public sealed class GuardedFormTagHelper : TagHelper
{
    private const string AttributeName = "wm-guard";

    /// <summary>Where the current rendering is kept while the form's content renders.</summary>
    internal static readonly object ItemKey = new();

    [HtmlAttributeName(AttributeName)]
    public string FormName { get; set; } = "";

    [ViewContext]
    [HtmlAttributeNotBound]
    public ViewContext ViewContext { get; set; } = null!;

    // Before the framework's own form helper, so the fields render after the rendering is known.
    public override int Order => -1000;

    public override async Task ProcessAsync(TagHelperContext context, TagHelperOutput output)
    {
        ArgumentNullException.ThrowIfNull(output);
        var form = ViewContext.HttpContext.RequestServices.GetRequiredService<FormGuard>().Issue(FormName);
        var items = ViewContext.HttpContext.Items;
        var outer = items[ItemKey];
        items[ItemKey] = form;
        try
        {
            var content = await output.GetChildContentAsync();
            output.Content.SetHtmlContent(content);
        }
        finally
        {
            items[ItemKey] = outer;
        }

        output.PreContent.AppendHtml(form.TokenField());
        output.PostContent.AppendHtml(form.HoneypotField());
    }
}

/// <summary>Renames a named field inside a guarded form to this rendering's name for it.</summary>
[HtmlTargetElement("input", Attributes = "name", TagStructure = TagStructure.WithoutEndTag)]
[HtmlTargetElement("textarea", Attributes = "name")]
[HtmlTargetElement("select", Attributes = "name")]
[HtmlTargetElement("button", Attributes = "name")]
public sealed class GuardedFieldTagHelper : TagHelper
{
    [ViewContext]
    [HtmlAttributeNotBound]
    public ViewContext ViewContext { get; set; } = null!;

    public override void Process(TagHelperContext context, TagHelperOutput output)
    {
        ArgumentNullException.ThrowIfNull(output);
        if (ViewContext.HttpContext.Items[GuardedFormTagHelper.ItemKey] is GuardedForm form
            && output.Attributes.TryGetAttribute("name", out var attribute)
            && attribute.Value?.ToString() is { Length: > 0 } name)
        {
            output.Attributes.SetAttribute("name", form.Name(name));
        }
    }
}
