import { EditorState, Plugin, PluginKey } from "prosemirror-state";
import { EditorView, Decoration, DecorationSet } from "prosemirror-view";
import { Fragment, Slice } from "prosemirror-model";
import { keymap } from "prosemirror-keymap";
import { history } from "prosemirror-history";
import { baseKeymap } from "prosemirror-commands";
import { schema, blockNode } from "./schema.js";
import { isUppercase, TYPES, LABELS } from "./flow.js";
import { Sync } from "./sync.js";
import { catchUp } from "./catchup.js";
import { enter, tab, retype, addScene, deleteScene } from "./commands.js";
import { typeAheadPlugin } from "./typeahead.js";
import { findPlugin, FindBar } from "./find.js";
import { sceneNumbersPlugin, showSceneNumbers } from "./numbers.js";
import { citedPlugin, reveal } from "./cited.js";
import { reviewPlugin, setMarkers, trackParagraph } from "./review.js";
import { RewriteHistory } from "./rewrites.js";

const MAX_PASTE_CHARS = 200_000;
// How long an undo or redo of a rewrite waits for what was typed before it to reach the server, and for the server.
const SETTLE_MS = 5_000;
const REWRITE_STEP_MS = 30_000;
const presenceKey = new PluginKey("presence");
// The open editor per script on this page: one created again (a resumed circuit renders it anew) closes the old one,
// whose sync would otherwise go on answering reconnects and retrying through a dead reference.
const open = new Map();

function findBlock(doc, id) {
  let found = null;
  doc.forEach((node, offset) => { if (!found && node.attrs.id === id) found = { node, pos: offset }; });
  return found;
}

// Every paragraph keeps a unique id: a split or a paste that copied one gets a fresh id for the copy.
const uniqueIds = new Plugin({
  appendTransaction(trs, _old, state) {
    if (!trs.some((tr) => tr.docChanged)) return null;
    const seen = new Set();
    let tr = null;
    state.doc.forEach((node, offset) => {
      if (!node.attrs.id || seen.has(node.attrs.id)) {
        tr ??= state.tr;
        tr.setNodeMarkup(offset, null, { ...node.attrs, id: crypto.randomUUID() });
      } else seen.add(node.attrs.id);
    });
    return tr;
  },
});

// Other writers' carets, in their colours.
const presencePlugin = new Plugin({
  key: presenceKey,
  state: {
    init: () => DecorationSet.empty,
    apply(tr, set) {
      const list = tr.getMeta(presenceKey);
      if (!list) return set.map(tr.mapping, tr.doc);
      const decorations = [];
      for (const p of list) {
        const found = p.blockId && findBlock(tr.doc, p.blockId);
        if (!found) continue;
        const pos = found.pos + 1 + Math.min(p.offset ?? 0, found.node.content.size);
        const caret = document.createElement("span");
        caret.className = "wr-caret";
        caret.style.borderColor = p.color;
        caret.setAttribute("data-user", p.userId);
        // The name is drawn by CSS from an attribute, so it never becomes part of the paragraph's text.
        caret.setAttribute("data-name", p.name);
        caret.style.setProperty("--wr-color", p.color);
        decorations.push(Decoration.widget(pos, caret, { key: `${p.userId}:${pos}`, side: 1 }));
        decorations.push(Decoration.node(found.pos, found.pos + found.node.nodeSize, { style: `box-shadow: -3px 0 0 ${p.color}` }));
      }
      return DecorationSet.create(tr.doc, decorations);
    },
  },
  props: { decorations: (state) => presenceKey.getState(state) },
});

function textParser(text) {
  const lines = text.replace(/\r\n?/g, "\n").split("\n");
  const nodes = lines.map((line) => schema.nodes.action.create({ id: crypto.randomUUID() }, line ? schema.text(line) : null));
  return new Slice(Fragment.fromArray(nodes), 1, 1);
}

export function create(host, dotnet, options) {
  open.get(options.scriptId)?.destroy();
  host.replaceChildren();
  const bar = document.createElement("div");
  bar.className = "wr-bar";
  const select = document.createElement("select");
  select.setAttribute("data-testid", "element-type");
  select.setAttribute("aria-label", "Element type");
  for (const t of TYPES) select.add(new Option(LABELS[t], t));
  select.disabled = !options.canEdit;
  const saveState = document.createElement("span");
  saveState.className = "wr-save";
  saveState.setAttribute("data-testid", "save-state");
  saveState.textContent = "Saved";
  const message = document.createElement("span");
  message.className = "wr-message";
  const findButton = document.createElement("button");
  findButton.type = "button";
  findButton.className = "wr-find-open";
  findButton.textContent = "Find";
  findButton.title = options.canEdit ? "Find and replace (Ctrl+F)" : "Find (Ctrl+F)";
  findButton.setAttribute("data-testid", "find-open");
  bar.append(select, saveState, message, findButton);
  const page = document.createElement("div");
  page.className = "wr-page";
  host.append(bar, page);

  const say = (text) => { message.textContent = text; setTimeout(() => { if (message.textContent === text) message.textContent = ""; }, 6000); };
  const transport = {
    submit: (ops, resend) => dotnet.invokeMethodAsync("Submit", ops, resend),
    snapshot: () => dotnet.invokeMethodAsync("Snapshot"),
  };
  const sync = new Sync(options.scriptId, transport, (s, detail) => {
    saveState.textContent = s;
    saveState.dataset.state = s.toLowerCase().replace(/ /g, "-");
    saveState.title = s === "Reconnecting" ? `${detail} Trying again; what you type is kept.`
      : s === "Offline" ? "Not connected to the server; what you type is kept and sent when it is back."
      : s === "Not saved" ? detail : "";
  });
  // Refused for good (no longer allowed to edit): the reason stays on screen and the text can no longer be changed.
  sync.onStop = (reason) => {
    view.setProps({ editable: () => false });
    select.disabled = true;
    message.textContent = reason;
  };
  const stored = sync.stored();
  sync.load(options.blocks);
  const pendingInsert = [];
  const nodes = options.blocks.map(blockNode);
  if (nodes.length === 0) {
    const id = crypto.randomUUID();
    nodes.push(schema.nodes.scene_heading.create({ id }));
    if (options.canEdit) pendingInsert.push(sync.inserted(id, "scene_heading", "", null));
  }

  const localText = (id) => { const f = findBlock(view.state.doc, id); return f ? f.node.textContent : null; };
  const flush = () => {
    const ops = [];
    view.state.doc.forEach((node) => { const op = sync.textOp(node.attrs.id, node.textContent); if (op) ops.push(op); });
    sync.send(ops);
  };

  function diff(prev, next) {
    const before = new Map();
    prev.forEach((node) => before.set(node.attrs.id, node));
    const ops = [];
    const seen = new Set();
    let after = null;
    next.forEach((node) => {
      const id = node.attrs.id;
      seen.add(id);
      const old = before.get(id);
      if (!old) ops.push(sync.inserted(id, node.type.name, node.textContent, after));
      else {
        if (old.type !== node.type) {
          const op = sync.typed(id, node.type.name);
          const st = sync.blocks.get(id);
          if (st) st.typeOp = op.opId;
          ops.push(op);
        }
        if (old.textContent !== node.textContent) { const op = sync.textOp(id, node.textContent); if (op) ops.push(op); }
      }
      after = id;
    });
    // Last first: a scene's heading goes after its paragraphs, so the server removes the scene instead of
    // merging it into the one before on the way.
    for (const id of [...before.keys()].reverse()) if (!seen.has(id)) ops.push(sync.deleted(id));
    return ops;
  }

  let typeAheadLists = options.typeAhead ?? { characters: [], locations: [], timesOfDay: [] };
  let presenceTimer = null;
  const sendPresence = () => {
    clearTimeout(presenceTimer);
    presenceTimer = setTimeout(() => {
      const { $head } = view.state.selection;
      if (!sync.connected || sync.stopped) return;
      dotnet.invokeMethodAsync("Presence", $head.parent.attrs.id ?? null, $head.parentOffset).catch(() => {});
    }, 150);
  };

  // Ctrl+Z / Ctrl+Y on an AI rewrite this writer applied go to the server (the card's Undo / Apply again).
  const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));
  const askServer = (method, messageId, proposalId) => Promise.race([
    dotnet.invokeMethodAsync(method, messageId, proposalId),
    sleep(REWRITE_STEP_MS).then(() => { throw new Error("timeout"); }),
  ]);
  const settled = async () => {
    for (const end = Date.now() + SETTLE_MS; sync.state() === "Saving" && Date.now() < end;) await sleep(50);
  };
  const rewrites = new RewriteHistory(() => view, options.userId, askServer, settled, (text) => say(text));

  let paragraph = null;
  const view = new EditorView(page, {
    state: EditorState.create({
      doc: schema.node("doc", null, nodes),
      plugins: [
        // First: while its list is open, the type-ahead takes the arrows, Enter, Tab and Escape.
        typeAheadPlugin(() => typeAheadLists),
        rewrites.plugin,
        history(),
        keymap({
          "Mod-z": rewrites.undo, "Mod-y": rewrites.redo, "Shift-Mod-z": rewrites.redo, Enter: enter, Tab: tab(false), "Shift-Tab": tab(true),
          "Mod-f": () => { findBar.open(); return true; },
          "Mod-Alt-m": (state) => { dotnet.invokeMethodAsync("NewComment", state.selection.$head.parent.attrs.id ?? null).catch(() => {}); return true; },
        }),
        keymap(baseKeymap),
        uniqueIds,
        presencePlugin,
        findPlugin,
        sceneNumbersPlugin,
        citedPlugin,
        reviewPlugin((id) => dotnet.invokeMethodAsync("OpenComments", id).catch(() => {})),
      ],
    }),
    editable: () => options.canEdit,
    attributes: { "data-testid": "editor", class: "wr-script", spellcheck: "true" },
    clipboardTextParser: textParser,
    handleTextInput(v, from, to, text) {
      const type = v.state.doc.resolve(from).parent.type.name;
      if (!isUppercase(type) || text === text.toUpperCase()) return false;
      v.dispatch(v.state.tr.insertText(text.toUpperCase(), from, to));
      return true;
    },
    // A name or a heading pasted into a cue or a heading is written in capitals, like one typed there.
    transformPastedText(text, _plain, v) {
      return isUppercase(v.state.selection.$from.parent.type.name) && !/[\r\n]/.test(text) ? text.toUpperCase() : text;
    },
    handlePaste(_v, _event, slice) {
      if (slice.content.size <= MAX_PASTE_CHARS) return false;
      say(`That paste is too large (${Math.round(slice.content.size / 1024)} KB); paste at most ${MAX_PASTE_CHARS / 1000} KB at a time.`);
      return true;
    },
    dispatchTransaction(tr) {
      const prev = view.state;
      const next = prev.apply(tr);
      view.updateState(next);
      rewrites.track(prev, next, tr);
      if (!prev.doc.eq(next.doc) && !tr.getMeta("remote")) {
        sync.send(diff(prev.doc, next.doc));
        sync.persist(localText);
      }
      if (!prev.selection.eq(next.selection) || !prev.doc.eq(next.doc)) {
        select.value = next.selection.$head.parent.type.name;
        if (!tr.getMeta("remote")) paragraph?.selected(next);
        if (!tr.getMeta("remote")) sendPresence();
      }
    },
  });
  select.value = view.state.selection.$head.parent.type.name;
  paragraph = trackParagraph(view);
  select.addEventListener("change", () => {
    const { $head } = view.state.selection;
    view.dispatch(retype(view.state.tr, $head.before(1), select.value));
    view.focus();
  });
  const findBar = new FindBar(view, options.canEdit, say);
  bar.append(findBar.root);
  findButton.addEventListener("click", () => findBar.open());

  function applyUpdate(tr, u) {
    for (const id of u.deleted) {
      const f = findBlock(tr.doc, id);
      sync.blocks.delete(id);
      if (f && tr.doc.childCount > 1) tr.delete(f.pos, f.pos + f.node.nodeSize);
    }
    for (const b of u.blocks) {
      const f = findBlock(tr.doc, b.id);
      if (!f) {
        if (u.kind !== "InsertBlock" || sync.blocks.has(b.id)) continue;
        const after = b.after && findBlock(tr.doc, b.after);
        tr.insert(after ? after.pos + after.node.nodeSize : 0, blockNode(b));
        sync.blocks.set(b.id, { shadow: b.text, version: b.version, inflight: null });
        continue;
      }
      const st = sync.blocks.get(b.id);
      const local = f.node.textContent;
      const merged = sync.remote(u, b, local);
      if (merged === null) continue;
      if (st?.typeOp === u.opId) st.typeOp = null;
      const retype = f.node.type.name !== b.type && !st?.typeOp;
      const rev = b.revisionColor ?? null;
      const ai = !!b.aiAssisted;
      if (retype || (f.node.attrs.rev ?? null) !== rev || !!f.node.attrs.ai !== ai)
        tr.setNodeMarkup(f.pos, retype ? schema.nodes[b.type] : null, { ...f.node.attrs, rev, ai });
      if (merged !== local) replaceText(tr, f.pos, local, merged);
    }
  }

  function replaceText(tr, pos, from, to) {
    let p = 0;
    while (p < from.length && p < to.length && from[p] === to[p]) p++;
    let s = 0;
    while (s < from.length - p && s < to.length - p && from[from.length - 1 - s] === to[to.length - 1 - s]) s++;
    const start = pos + 1 + p, end = pos + 1 + from.length - s;
    const text = to.slice(p, to.length - s);
    if (text) tr.replaceWith(start, end, schema.text(text));
    else tr.delete(start, end);
  }

  // The server's copy replaces the local one, but only from the first paragraph that differs to the last one:
  // after a scene move or a reconnect, the rest of the document (and the undo history that points into it) stays.
  function reset(blocks) {
    const { $head } = view.state.selection;
    const at = { id: $head.parent.attrs.id, offset: $head.parentOffset };
    const doc = schema.node("doc", null, blocks.length ? blocks.map(blockNode) : [schema.nodes.action.create({ id: crypto.randomUUID() })]);
    const old = view.state.doc;
    let head = 0, oldTail = old.childCount, newTail = doc.childCount;
    while (head < oldTail && head < newTail && old.child(head).eq(doc.child(head))) head++;
    while (oldTail > head && newTail > head && old.child(oldTail - 1).eq(doc.child(newTail - 1))) { oldTail--; newTail--; }
    if (head === oldTail && head === newTail) return;
    let from = 0;
    for (let i = 0; i < head; i++) from += old.child(i).nodeSize;
    let to = from;
    for (let i = head; i < oldTail; i++) to += old.child(i).nodeSize;
    const nodes = [];
    for (let i = head; i < newTail; i++) nodes.push(doc.child(i));
    const tr = view.state.tr.replaceWith(from, to, nodes);
    const f = findBlock(tr.doc, at.id);
    if (f) {
      const sel = view.state.selection.constructor.near(tr.doc.resolve(f.pos + 1 + Math.min(at.offset, f.node.content.size)));
      tr.setSelection(sel);
    }
    view.dispatch(tr.setMeta("remote", true).setMeta("addToHistory", false));
  }

  function receive(updates) {
    const tr = view.state.tr;
    for (const u of updates) {
      if (u.resync) {
        if (tr.docChanged) view.dispatch(tr.setMeta("remote", true).setMeta("addToHistory", false));
        const shown = u.blocks.map((b) => { const local = localText(b.id); return local === null ? b : { ...b, text: sync.remote(u, b, local) ?? local }; });
        sync.retain(u.blocks);
        reset(shown);
        return receive(updates.slice(updates.indexOf(u) + 1));
      }
      applyUpdate(tr, u);
    }
    if (tr.docChanged) view.dispatch(tr.setMeta("remote", true).setMeta("addToHistory", false));
    flush();
    sync.persist(localText);
  }

  // After a resync: the server's copy with what was done here meanwhile kept on top (catchup.js); what differs goes out.
  function takeServerCopy(blocks, basis) {
    const unsent = sync.unsent();
    const shown = catchUp(view.state.doc, blocks, basis, unsent);
    sync.adopt(blocks, unsent);
    reset(shown);
    flush();
    sync.persist(localText);
  }

  const editor = {
    receive(updates) {
      try {
        receive(updates);
      } catch (e) {
        // An update this page could not apply: take the server's copy again rather than drift from it. Thrown on, so
        // the server logs the bug.
        sync.repair(takeServerCopy);
        throw e;
      }
      rewrites.heard(updates);
    },
    committed(ids) { sync.committed(ids); sync.persist(localText); },
    rejected(r) {
      sync.rejected(r.opId);
      say(r.reason);
      sync.persist(localText);
    },
    presence(list) {
      view.dispatch(view.state.tr.setMeta(presenceKey, list.filter((p) => p.userId !== options.userId)).setMeta("remote", true));
    },
    offline() { sync.offline(); },
    online() { sync.resync(takeServerCopy); },
    scrollTo(id) {
      const f = findBlock(view.state.doc, id);
      if (!f) return;
      const sel = view.state.selection.constructor.near(view.state.doc.resolve(f.pos + 1));
      view.dispatch(view.state.tr.setSelection(sel).scrollIntoView().setMeta("remote", true));
      view.focus();
    },
    typeAhead(lists) { typeAheadLists = lists; },
    sceneNumbers(numbers) { view.dispatch(showSceneNumbers(view.state.tr, numbers)); },
    addScene() { if (options.canEdit) addScene(view); },
    deleteScene(headingId) { if (options.canEdit) deleteScene(view, headingId); },
    find() { findBar.open(); },
    reveal(headingId, blockIds) { reveal(view, headingId, blockIds); },
    comments(list) { setMarkers(view, list); },
    currentBlock() { return paragraph.current(); },
    // For the assistant: the paragraph the writer put the caret in (or last clicked; none before they did either, so a
    // freshly opened script does not claim the writer is on its first line) and the selected text, if any.
    selection() {
      const { from, to } = view.state.selection;
      const text = from === to ? null : view.state.doc.textBetween(from, to, "\n").slice(0, 4000);
      return { blockId: paragraph.current(), text };
    },
    destroy() {
      modal?.removeEventListener("components-reconnect-state-changed", reconnecting);
      sync.close();
      view.destroy();
      if (open.get(options.scriptId) === editor) open.delete(options.scriptId);
    },
  };
  open.set(options.scriptId, editor);

  // Reconnection of the circuit: Offline while it is down, then resend and resync (retried while the server cannot take it).
  const modal = document.getElementById("components-reconnect-modal");
  function reconnecting(e) {
    if (e.detail.state === "show" || e.detail.state === "failed") editor.offline();
    else if (e.detail.state === "hide" && !sync.connected) editor.online();
  }
  modal?.addEventListener("components-reconnect-state-changed", reconnecting);

  // Left from an earlier page (the server restarted, the tab crashed): send it again before anything else.
  if (stored && options.canEdit && (stored.unacked?.length || Object.keys(stored.residual ?? {}).length)) {
    sync.recover(stored);
    sync.resync(takeServerCopy);
  } else if (pendingInsert.length) {
    sync.send(pendingInsert);
  }
  sync.persist(localText);
  return editor;
}
