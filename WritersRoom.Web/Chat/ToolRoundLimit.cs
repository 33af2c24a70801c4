using Microsoft.SemanticKernel;

namespace WritersRoom.Web.Chat;

/// <summary>Stops automatic function calling after a few model round trips, so a looping model cannot run up the bill.</summary>
public sealed class ToolRoundLimit(int maxRounds) : IAutoFunctionInvocationFilter
{
    public async Task OnAutoFunctionInvocationAsync(AutoFunctionInvocationContext context, Func<AutoFunctionInvocationContext, Task> next)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(next);
        if (context.RequestSequenceIndex >= maxRounds)
        {
            context.Result = new FunctionResult(context.Function, "Tool limit reached: answer with what you have.");
            context.Terminate = true;
            return;
        }

        await next(context);
    }
}
