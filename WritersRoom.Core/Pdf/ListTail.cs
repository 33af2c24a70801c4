using System.Collections;

namespace WritersRoom.Core.Pdf;

/// <summary>
/// The rows of a block still to place after a page break, without copying them: a paragraph or speech that runs over
/// thousands of pages would otherwise be copied once per page (quadratic on hostile input).
/// </summary>
internal sealed class ListTail<T> : IReadOnlyList<T>
{
    private readonly IReadOnlyList<T> _source;
    private readonly int _start;

    private ListTail(IReadOnlyList<T> source, int start) => (_source, _start) = (source, start);

    /// <summary>Everything from <paramref name="start"/> on; a tail of a tail reads the original list.</summary>
    public static IReadOnlyList<T> From(IReadOnlyList<T> list, int start)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(start);
        return list is ListTail<T> tail
            ? new ListTail<T>(tail._source, tail._start + Math.Min(start, tail.Count))
            : new ListTail<T>(list, Math.Min(start, list.Count));
    }

    public int Count => _source.Count - _start;

    public T this[int index] => (uint)index < (uint)Count ? _source[_start + index] : throw new ArgumentOutOfRangeException(nameof(index));

    public IEnumerator<T> GetEnumerator()
    {
        for (var i = _start; i < _source.Count; i++) yield return _source[i];
    }

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();
}
