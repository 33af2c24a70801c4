using Microsoft.Extensions.Options;
using WritersRoom.Core.Ai;

namespace WritersRoom.Web.Ai;

/// <summary>Runs <see cref="AiOptionsRules"/> at start-up (with <c>ValidateOnStart</c>), so bad settings stop the host.</summary>
internal sealed class AiOptionsValidator : IValidateOptions<AiOptions>
{
    public ValidateOptionsResult Validate(string? name, AiOptions options)
    {
        var errors = AiOptionsRules.Validate(options);
        return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
    }
}
