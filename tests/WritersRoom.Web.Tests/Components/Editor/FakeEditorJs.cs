using System.Collections.Concurrent;
using Microsoft.JSInterop;

namespace WritersRoom.Web.Tests.Components.Editor;

/// <summary>
/// The browser's side of the editor for component tests: the page's JS runtime whose <c>import</c> hands out a module
/// whose <c>create</c> hands out the editor. The editor records every call it takes and can be told to fail the next
/// call of a method with a script error, or to leave it unanswered (as a call lost with a dropped connection is).
/// </summary>
internal sealed class FakeEditorJs : IJSRuntime
{
    private readonly Module module;

    public FakeEditorJs() => module = new Module(Editor);

    public FakeEditor Editor { get; } = new();

    public ValueTask<TValue> InvokeAsync<TValue>(string identifier, object?[]? args) => InvokeAsync<TValue>(identifier, CancellationToken.None, args);

    public ValueTask<TValue> InvokeAsync<TValue>(string identifier, CancellationToken cancellationToken, object?[]? args) =>
        ValueTask.FromResult(identifier == "import" ? (TValue)(object)module : default!);

    private sealed class Module(FakeEditor editor) : IJSObjectReference
    {
        public ValueTask<TValue> InvokeAsync<TValue>(string identifier, object?[]? args) => InvokeAsync<TValue>(identifier, CancellationToken.None, args);

        public ValueTask<TValue> InvokeAsync<TValue>(string identifier, CancellationToken cancellationToken, object?[]? args)
        {
            if (identifier == "create") editor.Created.TrySetResult();
            return ValueTask.FromResult(identifier == "create" ? (TValue)(object)editor : default!);
        }

        public ValueTask DisposeAsync() => ValueTask.CompletedTask;
    }

    internal sealed class FakeEditor : IJSObjectReference
    {
        private readonly ConcurrentDictionary<string, Func<CancellationToken, Task>> next = new();

        public TaskCompletionSource Created { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        /// <summary>Every call the editor took (answered), in order, with its arguments.</summary>
        public ConcurrentQueue<(string Method, object?[] Args)> Calls { get; } = new();

        /// <summary>Calls that reached the editor but were never answered.</summary>
        public ConcurrentQueue<string> Unanswered { get; } = new();

        public void FailNext(string method) => next[method] = _ => throw new JSException($"TypeError: {method} failed in the page");

        public void LeaveNextUnanswered(string method) => next[method] = async ct =>
        {
            Unanswered.Enqueue(method);
            await Task.Delay(Timeout.Infinite, ct);
        };

        public IEnumerable<object?[]> CallsOf(string method) => Calls.Where(c => c.Method == method).Select(c => c.Args);

        public ValueTask<TValue> InvokeAsync<TValue>(string identifier, object?[]? args) => InvokeAsync<TValue>(identifier, CancellationToken.None, args);

        public async ValueTask<TValue> InvokeAsync<TValue>(string identifier, CancellationToken cancellationToken, object?[]? args)
        {
            if (next.TryRemove(identifier, out var behaviour)) await behaviour(cancellationToken);
            Calls.Enqueue((identifier, args ?? []));
            return default!;
        }

        public ValueTask DisposeAsync() => ValueTask.CompletedTask;
    }
}
