using System.Collections.Concurrent;
using System.Text.Json;
using Microsoft.JSInterop;
using Microsoft.JSInterop.Infrastructure;

namespace WritersRoom.Web.Tests.Components.Editor;

/// <summary>
/// The browser's side of JS-to-.NET interop: a call arrives as raw JSON (a method name, an object reference id, the
/// arguments) and goes through the framework's own dispatcher, which finds the [JSInvokable] method, deserializes the
/// arguments and reports the outcome. What a hostile page can send is exactly what these tests can send.
/// </summary>
internal sealed class BrowserInterop : JSRuntime
{
    private readonly ConcurrentDictionary<string, TaskCompletionSource<DotNetInvocationResult>> calls = new();

    /// <summary>The id the browser would know <paramref name="target"/> by (as when the component handed it to its JS module).</summary>
    public long Track<T>(DotNetObjectReference<T> target) where T : class =>
        JsonDocument.Parse(JsonSerializer.Serialize(target, JsonSerializerOptions)).RootElement.GetProperty("__dotNetObject").GetInt64();

    /// <summary>Invokes <paramref name="method"/> on the tracked object with <paramref name="argsJson"/>, as the browser would.</summary>
    public async Task<DotNetInvocationResult> CallAsync(long target, string method, string argsJson)
    {
        var callId = Guid.NewGuid().ToString("N");
        var done = calls.GetOrAdd(callId, _ => new TaskCompletionSource<DotNetInvocationResult>(TaskCreationOptions.RunContinuationsAsynchronously));
        DotNetDispatcher.BeginInvokeDotNet(this, new DotNetInvocationInfo(null, method, target, callId), argsJson);
        return await done.Task.WaitAsync(TimeSpan.FromSeconds(30));
    }

    protected override void BeginInvokeJS(long taskId, string identifier, string? argsJson, JSCallResultType resultType, long targetInstanceId)
    {
    }

    protected override void EndInvokeDotNet(DotNetInvocationInfo invocationInfo, in DotNetInvocationResult invocationResult)
    {
        var result = invocationResult;
        calls.GetOrAdd(invocationInfo.CallId!, _ => new TaskCompletionSource<DotNetInvocationResult>(TaskCreationOptions.RunContinuationsAsynchronously))
            .TrySetResult(result);
    }
}
