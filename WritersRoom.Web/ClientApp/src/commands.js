import { TextSelection } from "prosemirror-state";
import { schema } from "./schema.js";
import { afterEnter, onEmptyEnter, onTab, isUppercase } from "./flow.js";

// Editing commands of the screenplay surface. Each is one transaction, so ProseMirror's history undoes it in
// one step and the sync sends it as ordinary paragraph operations.

const newId = () => crypto.randomUUID();

/** Gives the paragraph at `pos` a new type; headings, cues and transitions are written in capitals. */
export function retype(tr, pos, type) {
  const node = tr.doc.nodeAt(pos);
  if (!node) return tr;
  tr.setNodeMarkup(pos, schema.nodes[type], node.attrs);
  const text = node.textContent;
  if (isUppercase(type) && text !== text.toUpperCase()) {
    const head = tr.selection.head;
    const inside = head > pos && head <= pos + 1 + text.length;
    tr.replaceWith(pos + 1, pos + 1 + node.content.size, schema.text(text.toUpperCase()));
    if (inside) {
      const size = tr.doc.nodeAt(pos).content.size;
      tr.setSelection(TextSelection.create(tr.doc, pos + 1 + Math.min(head - pos - 1, size)));
    }
  }
  return tr;
}

// Enter follows the screenplay flow; an empty paragraph changes type instead of splitting. At the very start of
// a paragraph a new empty one goes above, so the text keeps its paragraph (and its id, comments and scene).
export function enter(state, dispatch) {
  const { $from, empty } = state.selection;
  const node = $from.parent;
  const type = node.type.name;
  if (empty && node.content.size === 0) {
    const to = onEmptyEnter(type);
    if (to) {
      if (dispatch) dispatch(retype(state.tr, $from.before(), to));
      return true;
    }
  }
  if (empty && $from.parentOffset === 0 && node.content.size > 0) {
    if (dispatch) dispatch(state.tr.insert($from.before(), schema.nodes[type].create({ id: newId() })).scrollIntoView());
    return true;
  }
  const atEnd = $from.parentOffset === node.content.size;
  const next = atEnd ? afterEnter(type) : type;
  if (dispatch) {
    const tr = state.tr;
    if (!empty) tr.deleteSelection();
    tr.split(tr.mapping.map($from.pos), 1, [{ type: schema.nodes[next], attrs: { id: newId() } }]);
    dispatch(tr.scrollIntoView());
  }
  return true;
}

export const tab = (backwards) => (state, dispatch) => {
  const { $from } = state.selection;
  if (dispatch) dispatch(retype(state.tr, $from.before(1), onTab($from.parent.type.name, backwards)));
  return true;
};

/** Top-level index of the paragraph with this id, or -1. */
function indexOf(doc, id) {
  for (let i = 0; i < doc.childCount; i++) if (doc.child(i).attrs.id === id) return i;
  return -1;
}

function posOf(doc, index) {
  let pos = 0;
  for (let i = 0; i < index; i++) pos += doc.child(i).nodeSize;
  return pos;
}

/** A new, empty scene heading after the scene the caret is in (before the next heading), with the caret in it. */
export function addScene(view) {
  const { doc } = view.state;
  let i = view.state.selection.$head.index(0) + 1;
  while (i < doc.childCount && doc.child(i).type.name !== "scene_heading") i++;
  const pos = posOf(doc, i);
  const tr = view.state.tr.insert(pos, schema.nodes.scene_heading.create({ id: newId() }));
  tr.setSelection(TextSelection.create(tr.doc, pos + 1)).scrollIntoView();
  view.dispatch(tr);
  view.focus();
}

/** Deletes the scene that starts with this heading: its paragraphs up to the next heading. One undo step. */
export function deleteScene(view, headingId) {
  const { doc } = view.state;
  const start = indexOf(doc, headingId);
  if (start < 0) return;
  let end = start + 1;
  while (end < doc.childCount && doc.child(end).type.name !== "scene_heading") end++;
  const tr = view.state.tr;
  const from = posOf(doc, start), to = posOf(doc, end);
  if (start === 0 && end === doc.childCount) tr.replaceWith(from, to, schema.nodes.action.create({ id: newId() }));
  else tr.delete(from, to);
  view.dispatch(tr.scrollIntoView());
}
