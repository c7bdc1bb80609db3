using System.Net;
using System.Text;
using Waymark.Testing;
using Waymark.Web.Tests.Console;

namespace Waymark.Web.Tests;

/// <summary>
/// A guarded public form posted with a body that is not a form (a broken multipart section, a
/// boundary that never comes) is refused with 400 and the status page, not a 500 and a stack trace.
/// </summary>
public sealed class MalformedFormTests(InProcessServer server) : IClassFixture<InProcessServer>
{
    [Theory]
    [InlineData("/en/help", "multipart/form-data; boundary=zz", "--zz\r\nContent-Disposition: form-data; name=\"phrase\"\r\n\r\nquenmix")]
    [InlineData("/en/help", "multipart/form-data; boundary=zz", "%C0%AF quenmix &=+;")]
    [InlineData("/en/help/delete", "multipart/form-data; boundary=zz", "--zz\r\nContent-Disposition: form-data\r\n\r\n--zz")]
    [InlineData("/ar/help", "multipart/form-data", "--\r\n\r\n")]
    public async Task A_body_that_is_not_a_form_gets_the_pages_400(string path, string contentType, string body)
    {
        using var http = new HttpClient();
        using var content = new ByteArrayContent(Encoding.Latin1.GetBytes(body));
        content.Headers.TryAddWithoutValidation("Content-Type", contentType);
        using var response = await http.PostAsync(new Uri(server.PublicUrl, path), content);
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("text/html", response.Content.Headers.ContentType?.MediaType);
        Assert.True(HtmlPage.Parse(await response.Content.ReadAsStringAsync()).Has("main"));
    }
}
