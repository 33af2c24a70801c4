using System.Runtime.CompilerServices;

namespace WritersRoom.Web.Chat;

/// <summary>
/// Two deadlines for a stream instead of one total: one until the first item, one between items. A long answer
/// that keeps coming is never cut, and a stalled one fails quickly.
/// </summary>
public static class StreamTimeouts
{
    public static async IAsyncEnumerable<T> WithTimeouts<T>(
        Func<CancellationToken, IAsyncEnumerable<T>> source, TimeSpan firstItem, TimeSpan betweenItems,
        [EnumeratorCancellation] CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(source);
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(ct);
        deadline.CancelAfter(firstItem);
        var first = true;
        await using var items = source(deadline.Token).GetAsyncEnumerator(deadline.Token);
        while (true)
        {
            bool more;
            try
            {
                more = await items.MoveNextAsync();
            }
            catch (OperationCanceledException) when (!ct.IsCancellationRequested)
            {
                throw new TimeoutException(first
                    ? $"The model sent nothing within {firstItem.TotalSeconds:0.#} s (Ai:FirstTokenTimeout)."
                    : $"The model went silent for {betweenItems.TotalSeconds:0.#} s mid-answer (Ai:BetweenTokensTimeout).");
            }

            if (!more) yield break;
            first = false;
            deadline.CancelAfter(betweenItems);
            yield return items.Current;
        }
    }
}
