import { Plugin, PluginKey } from "prosemirror-state";
import { Decoration, DecorationSet } from "prosemirror-view";

// Paragraphs an assistant's answer cited: highlighted until the writer edits or opens another citation.
const citedKey = new PluginKey("cited");

export const citedPlugin = new Plugin({
  key: citedKey,
  state: {
    init: () => DecorationSet.empty,
    apply(tr, set) {
      const ids = tr.getMeta(citedKey);
      if (ids) {
        const decorations = [];
        tr.doc.forEach((node, offset) => {
          if (ids.has(node.attrs.id)) decorations.push(Decoration.node(offset, offset + node.nodeSize, { class: "wr-cited", "data-cited": "true" }));
        });
        return DecorationSet.create(tr.doc, decorations);
      }
      if (tr.docChanged && !tr.getMeta("remote")) return DecorationSet.empty;
      return set.map(tr.mapping, tr.doc);
    },
  },
  props: { decorations: (state) => citedKey.getState(state) },
});

// The scene's paragraphs: its heading and everything up to the next heading.
function sceneBlocks(doc, headingId) {
  const blocks = [];
  let inside = false;
  doc.forEach((node, offset) => {
    if (node.attrs.id === headingId) inside = true;
    else if (inside && node.type.name === "scene_heading") inside = false;
    if (inside) blocks.push({ id: node.attrs.id, pos: offset });
  });
  return blocks;
}

// Shows the scene and marks the cited paragraphs (the whole scene when none is given or none is still there).
// The writer's selection and focus stay where they were: the chat keeps the keyboard.
export function reveal(view, headingId, blockIds) {
  const scene = sceneBlocks(view.state.doc, headingId);
  if (scene.length === 0) return;
  const wanted = new Set(blockIds ?? []);
  const cited = scene.filter((b) => wanted.has(b.id));
  const marked = cited.length ? cited : scene;
  view.dispatch(view.state.tr.setMeta(citedKey, new Set(marked.map((b) => b.id))).setMeta("remote", true).setMeta("addToHistory", false));
  const target = view.nodeDOM(cited.length ? cited[0].pos : scene[0].pos);
  target?.scrollIntoView({ block: cited.length ? "center" : "start" });
}
