import { Schema } from "prosemirror-model";
import { TYPES } from "./flow.js";

// One node type per screenplay element, each a paragraph with a stable id (the block's id on the server).
// The DOM carries the test hooks (data-testid="block", data-block-id, data-type) and the revision colour.
const nodes = { doc: { content: "block+" }, text: {} };
// Action first: the schema's default paragraph (for pasted plain text and HTML) is the first of the group.
for (const type of ["action", ...TYPES.filter((t) => t !== "action")]) {
  nodes[type] = {
    group: "block",
    content: "text*",
    marks: "",
    attrs: { id: { default: null }, rev: { default: null } },
    toDOM: (node) => ["p", {
      class: `sp sp-${type}` + (node.attrs.rev ? ` rev-${node.attrs.rev.toLowerCase()}` : ""),
      "data-testid": "block", "data-block-id": node.attrs.id, "data-type": type,
      ...(node.attrs.rev ? { "data-revision": node.attrs.rev } : {}),
    }, 0],
    parseDOM: [{ tag: `p[data-type="${type}"]`, getAttrs: (dom) => ({ id: dom.getAttribute("data-block-id") }) }],
  };
}

export const schema = new Schema({ nodes });

export function blockNode(state) {
  return schema.nodes[state.type].create({ id: state.id, rev: state.revisionColor ?? null }, state.text ? schema.text(state.text) : null);
}
