using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Components.Server;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace WritersRoom.Deploy.Tests.Security;

public sealed partial class SecurityHeadersTests(SecurityApp app) : IClassFixture<SecurityApp>
{
    [Fact]
    public async Task A_page_carries_a_policy_that_forbids_framing_foreign_scripts_and_foreign_connections()
    {
        var response = await app.Client().GetAsync("/login", TestContext.Current.CancellationToken);

        Assert.True(response.IsSuccessStatusCode, $"{(int)response.StatusCode}");
        // Browsers enforce every policy header; Blazor adds one of its own with frame-ancestors only.
        var policies = response.Headers.GetValues("Content-Security-Policy").ToList();
        Assert.All(policies, p => Assert.Equal("'none'", Directive(p, "frame-ancestors")["frame-ancestors ".Length..]));
        var csp = Assert.Single(policies, p => p.Contains("script-src", StringComparison.Ordinal));
        Assert.Contains("default-src 'self'", csp);
        Assert.Contains("object-src 'none'", csp);
        Assert.Contains("base-uri 'self'", csp);
        Assert.Contains("form-action 'self'", csp);
        Assert.DoesNotContain("unsafe-eval", csp);
        var scripts = Directive(csp, "script-src");
        Assert.DoesNotContain("unsafe-inline", scripts);
        Assert.DoesNotContain("*", Directive(csp, "connect-src"));
        Assert.Equal("nosniff", Assert.Single(response.Headers.GetValues("X-Content-Type-Options")));
        Assert.Equal("DENY", Assert.Single(response.Headers.GetValues("X-Frame-Options")));
        Assert.Equal("same-origin", Assert.Single(response.Headers.GetValues("Referrer-Policy")));
        Assert.Contains("camera=()", Assert.Single(response.Headers.GetValues("Permissions-Policy")));
    }

    [Fact]
    public async Task The_one_inline_script_the_framework_renders_carries_this_responses_nonce_and_no_other_does()
    {
        var ct = TestContext.Current.CancellationToken;
        var first = await app.Client().GetAsync("/login", ct);
        var second = await app.Client().GetAsync("/login", ct);
        var nonce = NonceOf(first);

        Assert.NotEqual(nonce, NonceOf(second));
        var html = await first.Content.ReadAsStringAsync(ct);
        var inline = InlineScript().Matches(html);
        Assert.NotEmpty(inline);
        Assert.All(inline, m => Assert.Contains($"nonce=\"{nonce}\"", m.Value));
    }

    [Fact]
    public void Production_sends_no_detailed_circuit_errors_to_the_browser()
    {
        Assert.False(app.Factory.Services.GetRequiredService<IOptions<CircuitOptions>>().Value.DetailedErrors);
    }

    private static string NonceOf(HttpResponseMessage response)
    {
        var csp = Assert.Single(response.Headers.GetValues("Content-Security-Policy"), p => p.Contains("script-src", StringComparison.Ordinal));
        return NonceSource().Match(csp).Groups[1].Value;
    }

    private static string Directive(string csp, string name) =>
        csp.Split(';', StringSplitOptions.TrimEntries).Single(d => d.StartsWith(name + " ", StringComparison.Ordinal) || d == name);

    [GeneratedRegex("'nonce-([^']+)'")]
    private static partial Regex NonceSource();

    // A <script> element without a src attribute: its code is in the page.
    [GeneratedRegex("<script(?![^>]*\\bsrc=)[^>]*>")]
    private static partial Regex InlineScript();
}
