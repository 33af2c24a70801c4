import { Plugin, PluginKey } from "prosemirror-state";
import { Decoration, DecorationSet } from "prosemirror-view";

// What Blazor's panels put on the page: a marker in the margin of each paragraph with open comment threads
// (a click opens them in the comment panel) and a highlight on the paragraph whose thread is open there.
// The decorations are rebuilt only when the panel sends a new list, and mapped through edits otherwise.
const reviewKey = new PluginKey("review");

function marker(id, count, onOpen) {
  const button = document.createElement("button");
  button.type = "button";
  button.className = "wr-comment-marker";
  button.setAttribute("data-testid", "comment-marker");
  button.setAttribute("data-block-id", id);
  button.setAttribute("contenteditable", "false");
  button.title = count === 1 ? "1 comment thread" : `${count} comment threads`;
  button.textContent = String(count);
  button.addEventListener("mousedown", (e) => { e.preventDefault(); e.stopPropagation(); onOpen(id); });
  return button;
}

function build(doc, markers, onOpen) {
  const decorations = [];
  doc.forEach((node, pos) => {
    const m = markers.get(node.attrs.id);
    if (!m) return;
    decorations.push(Decoration.node(pos, pos + node.nodeSize, { class: m.active ? "wr-commented wr-comment-active" : "wr-commented" }));
    decorations.push(Decoration.widget(pos + 1, () => marker(node.attrs.id, m.count, onOpen),
      { side: -1, key: `c:${node.attrs.id}:${m.count}`, ignoreSelection: true, stopEvent: () => true }));
  });
  return DecorationSet.create(doc, decorations);
}

export function reviewPlugin(onOpen) {
  return new Plugin({
    key: reviewKey,
    state: {
      init: () => ({ markers: new Map(), set: DecorationSet.empty }),
      apply(tr, value) {
        const markers = tr.getMeta(reviewKey);
        if (markers) return { markers, set: build(tr.doc, markers, onOpen) };
        // A paragraph that arrived (a resync, a remote insert) may carry a marker the old set could not map.
        if (tr.getMeta("remote") && tr.docChanged && value.markers.size) return { markers: value.markers, set: build(tr.doc, value.markers, onOpen) };
        return { markers: value.markers, set: value.set.map(tr.mapping, tr.doc) };
      },
    },
    props: { decorations: (state) => reviewKey.getState(state).set },
  });
}

/** [{ blockId, count, active }] from the comment panel. */
export function setMarkers(view, list) {
  const markers = new Map(list.map((m) => [m.blockId, m]));
  view.dispatch(view.state.tr.setMeta(reviewKey, markers).setMeta("remote", true).setMeta("addToHistory", false));
}

/** The paragraph a comment would go on: where the caret is, or the last one clicked (readers' views take no caret). */
export function trackParagraph(view) {
  let last = null;
  view.dom.addEventListener("click", (e) => {
    const p = e.target.closest?.("[data-block-id]");
    if (p && !p.classList.contains("wr-comment-marker")) last = p.getAttribute("data-block-id");
  });
  return {
    selected(state) { last = state.selection.$head.parent.attrs.id ?? last; },
    current: () => last,
  };
}
