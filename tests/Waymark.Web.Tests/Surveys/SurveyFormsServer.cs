using Waymark.Testing;

namespace Waymark.Web.Tests.Surveys;

/// <summary>One server shared by a class, serving a fresh folder of the test forms (<see cref="SurveyTestForms"/>).</summary>
public sealed class SurveyFormsServer : ServerFixture
{
    protected override Task<IDictionary<string, string>?> EnvironmentAsync() =>
        Task.FromResult<IDictionary<string, string>?>(SurveyTestForms.Environment(SurveyTestForms.NewFolder(Temp)));
}
