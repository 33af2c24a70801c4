import { Plugin, PluginKey } from "prosemirror-state";
import { Decoration, DecorationSet } from "prosemirror-view";

// Scene numbers beside the headings, as the server's live session numbers them (running, stored or locked 12A…).
// They are shown by CSS from an attribute, so they never become part of the heading's text.
const key = new PluginKey("sceneNumbers");

function decorate(doc, numbers) {
  const decorations = [];
  doc.forEach((node, offset) => {
    const number = node.type.name === "scene_heading" ? numbers[node.attrs.id] : null;
    if (number) decorations.push(Decoration.node(offset, offset + node.nodeSize, { "data-scene-number": number }));
  });
  return DecorationSet.create(doc, decorations);
}

export const sceneNumbersPlugin = new Plugin({
  key,
  state: {
    init: () => ({ numbers: {}, set: DecorationSet.empty }),
    apply(tr, st) {
      const numbers = tr.getMeta(key);
      if (numbers) return { numbers, set: decorate(tr.doc, numbers) };
      return tr.docChanged ? { numbers: st.numbers, set: st.set.map(tr.mapping, tr.doc) } : st;
    },
  },
  props: { decorations: (state) => key.getState(state).set },
});

/** The transaction that shows these numbers (block id of a scene's heading → number). */
export const showSceneNumbers = (tr, numbers) => tr.setMeta(key, numbers).setMeta("remote", true).setMeta("addToHistory", false);
