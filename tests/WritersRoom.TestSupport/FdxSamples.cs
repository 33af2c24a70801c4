namespace WritersRoom.TestSupport;

/// <summary>Final Draft files made for tests, beside the shared fixtures.</summary>
public static class FdxSamples
{
    /// <summary>
    /// Everything of Final Draft our model has no field for: paragraph types we do not name (Shot, General, Cast List,
    /// New Act), paragraph attributes (indents, spacing, a left alignment), child elements (scene properties, a dynamic
    /// label) and top-level elements (page layout, header and footer, SmartType, element settings), plus the usual
    /// scene numbers, revision marks and a title page. An import keeps the unmodelled parts; an FDX export writes them back.
    /// </summary>
    public const string Unmodelled = """
        <?xml version="1.0" encoding="UTF-8" standalone="no" ?>
        <FinalDraft DocumentType="Script" Template="No" Version="5">
          <Content>
            <Paragraph Type="New Act">
              <Text>ACT ONE</Text>
            </Paragraph>
            <Paragraph Number="1" Type="Scene Heading">
              <SceneProperties Length="1 2/8" Page="1" Title="The door">
                <SceneArcBeats><CharacterArcBeat Name="MARA"><Paragraph Type="General"><Text>Afraid</Text></Paragraph></CharacterArcBeat></SceneArcBeats>
              </SceneProperties>
              <Text>INT. HALLWAY - NIGHT</Text>
            </Paragraph>
            <Paragraph Alignment="Left" FirstIndent="0.00" Leading="Regular" LeftIndent="1.50" RightIndent="7.50" SpaceBefore="12" Spacing="1" StartsNewPage="No" Type="Action">
              <Text>Mara waits by the door.</Text>
            </Paragraph>
            <Paragraph Type="Shot">
              <Text>ANGLE ON THE DOOR</Text>
            </Paragraph>
            <Paragraph Type="Action">
              <Text RevisionID="1">The handle turns.</Text>
            </Paragraph>
            <Paragraph Type="Character">
              <Text>MARA</Text>
            </Paragraph>
            <Paragraph Type="Dialogue">
              <DynamicLabel Type="Cont'd"/>
              <Text>Who's there?</Text>
            </Paragraph>
            <Paragraph Type="General">
              <Text>A note to the reader, in no element at all.</Text>
            </Paragraph>
            <Paragraph Type="Cast List">
              <Text>MARA, a night nurse</Text>
            </Paragraph>
            <Paragraph Number="2" Type="Scene Heading">
              <Text>EXT. STREET - CONTINUOUS</Text>
            </Paragraph>
            <Paragraph Type="Action">
              <Text>Nobody.</Text>
            </Paragraph>
          </Content>
          <TitlePage>
            <Content>
              <Paragraph Alignment="Center" Type="Title"><Text>THE DOOR</Text></Paragraph>
              <Paragraph Alignment="Center" Type="Title"><Text>written by</Text></Paragraph>
              <Paragraph Alignment="Center" Type="Title"><Text>Ada Writer</Text></Paragraph>
            </Content>
          </TitlePage>
          <Revisions ActiveSet="1" RevisionMode="Active" RevisionsShown="Active">
            <Revision Color="#9F9FC5C5E8E8" FullRevision="False" ID="1" Mark="*" Name="Blue Rev." Style=""/>
          </Revisions>
          <ElementSettings Type="Shot">
            <FontSpec AdornmentStyle="0" Background="#FFFFFFFFFFFF" Color="#000000000000" Font="Courier Final Draft" RevisionID="0" Size="12" Style="AllCaps"/>
            <ParagraphSpec Alignment="Left" FirstIndent="0.00" Leading="Regular" LeftIndent="1.50" RightIndent="7.50" SpaceBefore="12" Spacing="1" StartsNewPage="No"/>
            <Behavior PaginateAs="Shot" ReturnKey="Action" Shortcut="8"/>
          </ElementSettings>
          <HeaderAndFooter FooterFirstPage="Yes" FooterVisible="No" HeaderFirstPage="No" HeaderVisible="Yes" StartingPage="1">
            <Header><Paragraph Alignment="Right" Type="Header"><DynamicLabel Type="Page #"/><Text>.</Text></Paragraph></Header>
          </HeaderAndFooter>
          <PageLayout BackgroundColor="#FFFFFFFFFFFF" BottomMargin="72" BreakDialogueAndActionAtSentences="Yes" DocumentLeading="Normal" FooterMargin="36" ForegroundColor="#000000000000" HeaderMargin="36" InvisiblesColor="#808080808080" TopMargin="72" UsesSmartQuotes="Yes">
            <AutoCastList AddParentheses="Yes" AutomaticallyGenerate="No" CastListElement="Cast List"/>
          </PageLayout>
          <SmartType>
            <Characters><Character>MARA</Character></Characters>
            <Extensions><Extension>(V.O.)</Extension></Extensions>
          </SmartType>
        </FinalDraft>
        """;

    public static byte[] UnmodelledBytes => System.Text.Encoding.UTF8.GetBytes(Unmodelled);
}
