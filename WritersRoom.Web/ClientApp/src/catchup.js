import { merge } from "./merge.js";

/**
 * The paragraphs to show after a resync: the server's copy (`blocks`), with what the writer did here while it was on
 * its way kept on top. `basis` holds, per paragraph, the text the server had from us when the copy was asked for, so
 * text typed since is merged onto the copy; `unsent` names paragraphs inserted, deleted or retyped here whose
 * operations have not gone out yet: they keep that change (the operations go next). `doc` is the editor's document.
 */
export function catchUp(doc, blocks, basis, unsent) {
  const here = new Map();
  doc.forEach((node) => here.set(node.attrs.id, node));
  const shown = [];
  for (const b of blocks) {
    if (unsent.deleted.has(b.id)) continue;
    const node = here.get(b.id);
    if (!node) { shown.push(b); continue; }
    const local = node.textContent, base = basis.get(b.id);
    const text = base === undefined || local === base ? b.text : merge(base, local, b.text);
    shown.push({ ...b, text, type: unsent.retyped.has(b.id) ? node.type.name : b.type });
  }
  if (unsent.inserted.size === 0) return shown;
  // New paragraphs the server has not seen go after the paragraph they follow here.
  const onServer = new Set(blocks.map((b) => b.id));
  const listed = new Set(shown.map((b) => b.id));
  let previous = null;
  doc.forEach((node) => {
    const id = node.attrs.id;
    if (unsent.inserted.has(id) && !onServer.has(id)) {
      const at = previous === null ? 0 : shown.findIndex((b) => b.id === previous) + 1;
      shown.splice(at, 0, { id, type: node.type.name, text: node.textContent, version: 0, revisionColor: node.attrs.rev, aiAssisted: node.attrs.ai });
      listed.add(id);
    }
    if (listed.has(id)) previous = id;
  });
  return shown;
}
