using WritersRoom.Core.Editing;

namespace WritersRoom.Core.Tests.Editing;

public class EditLimitsTests
{
    [Fact]
    public void A_ten_megabyte_paragraph_is_refused_with_a_reason()
    {
        var op = EditOp.Update(Guid.NewGuid(), 1, "", new string('x', 10 * 1024 * 1024));
        Assert.Contains("at most", EditLimits.Validate(op));
    }

    [Fact]
    public void A_text_change_without_its_base_is_refused()
    {
        var op = EditOp.Update(Guid.NewGuid(), 1, "", "x") with { BaseText = null };
        Assert.NotNull(EditLimits.Validate(op));
    }

    [Fact]
    public void An_ordinary_edit_passes()
    {
        Assert.Null(EditLimits.Validate(EditOp.Update(Guid.NewGuid(), 1, "a", "ab")));
    }
}
