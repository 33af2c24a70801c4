import { Schema } from "prosemirror-model";
import { TYPES } from "./flow.js";

// One node type per screenplay element, each a paragraph with a stable id (the block's id on the server).
// The DOM carries the test hooks (data-testid="block", data-block-id, data-type), the revision colour and the mark of
// text an applied AI rewrite wrote (data-ai-assisted).
const nodes = { doc: { content: "block+" }, text: {} };
// Action first: the schema's default paragraph (for pasted plain text and HTML) is the first of the group.
for (const type of ["action", ...TYPES.filter((t) => t !== "action")]) {
  nodes[type] = {
    group: "block",
    content: "text*",
    marks: "",
    attrs: { id: { default: null }, rev: { default: null }, ai: { default: false } },
    toDOM: (node) => ["p", {
      class: `sp sp-${type}` + (node.attrs.rev ? ` rev-${node.attrs.rev.toLowerCase()}` : ""),
      "data-testid": "block", "data-block-id": node.attrs.id, "data-type": type,
      ...(node.attrs.rev ? { "data-revision": node.attrs.rev } : {}),
      ...(node.attrs.ai ? { "data-ai-assisted": "true", title: "Written by an applied AI rewrite" } : {}),
    }, 0],
    parseDOM: [{ tag: `p[data-type="${type}"]`, getAttrs: (dom) => ({ id: dom.getAttribute("data-block-id") }) }],
  };
}

export const schema = new Schema({ nodes });

export function blockNode(state) {
  return schema.nodes[state.type].create({ id: state.id, rev: state.revisionColor ?? null, ai: !!state.aiAssisted },
    state.text ? schema.text(state.text) : null);
}
