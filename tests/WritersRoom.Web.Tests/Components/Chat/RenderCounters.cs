using Microsoft.AspNetCore.Components.Rendering;
using WritersRoom.Web.Components.Chat;

namespace WritersRoom.Web.Tests.Components.Chat;

// bUnit's RenderCount of a component also moves when a child re-renders (its markup changed); these count the
// component's own renders only, which is what "only the streaming message re-renders" is about.

internal sealed class CountingChatView : ChatView
{
    public int Renders { get; private set; }

    protected override void BuildRenderTree(RenderTreeBuilder __builder)
    {
        Renders++;
        base.BuildRenderTree(__builder);
    }
}

internal sealed class CountingMessageList : ChatMessageList
{
    public int Renders { get; private set; }

    protected override void BuildRenderTree(RenderTreeBuilder __builder)
    {
        Renders++;
        base.BuildRenderTree(__builder);
    }
}

internal sealed class CountingMessageItem : ChatMessageItem
{
    public int Renders { get; private set; }

    protected override void BuildRenderTree(RenderTreeBuilder __builder)
    {
        Renders++;
        base.BuildRenderTree(__builder);
    }
}

internal sealed class CountingChatInput : ChatInput
{
    public int Renders { get; private set; }

    protected override void BuildRenderTree(RenderTreeBuilder __builder)
    {
        Renders++;
        base.BuildRenderTree(__builder);
    }
}
