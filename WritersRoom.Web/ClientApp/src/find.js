import { Plugin, PluginKey, TextSelection } from "prosemirror-state";
import { Decoration, DecorationSet } from "prosemirror-view";
import { isUppercase } from "./flow.js";

// Find and replace across the script. Matches stay inside one paragraph. Replacing is an ordinary edit of the
// document: "replace all" is one transaction, hence one undo step and one batch of paragraph operations that
// every other writer receives. A reader can find but not replace (the server refuses their edits anyway).

const key = new PluginKey("find");
const escape = (s) => s.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");

/** The expression for a query; null for an empty query. Whole words: no letter, digit or _ on either side. */
export function pattern(query, { matchCase = false, wholeWord = false } = {}) {
  if (!query) return null;
  const body = escape(query);
  return new RegExp(wholeWord ? `(?<![\\p{L}\\p{N}_])${body}(?![\\p{L}\\p{N}_])` : body, `gu${matchCase ? "" : "i"}`);
}

/** Every match in the document, in reading order, as document positions. */
export function findAll(doc, query, options) {
  const re = pattern(query, options);
  const matches = [];
  if (!re) return matches;
  doc.forEach((node, offset) => {
    const text = node.textContent;
    re.lastIndex = 0;
    for (let m = re.exec(text); m; m = re.exec(text)) {
      if (m[0].length === 0) { re.lastIndex++; continue; }
      matches.push({ from: offset + 1 + m.index, to: offset + 1 + m.index + m[0].length });
    }
  });
  return matches;
}

export const findPlugin = new Plugin({
  key,
  state: {
    init: () => ({ query: "", options: {}, matches: [], current: -1 }),
    apply(tr, st) {
      const meta = tr.getMeta(key);
      if (!meta && !tr.docChanged) return st;
      const next = { ...st, ...meta };
      if (meta?.query !== undefined || meta?.options !== undefined || tr.docChanged) {
        next.matches = next.query ? findAll(tr.doc, next.query, next.options) : [];
        if (meta?.current === undefined) next.current = nearest(next.matches, tr.selection.from);
      }
      return next;
    },
  },
  props: {
    decorations(state) {
      const st = key.getState(state);
      if (!st.matches.length) return null;
      return DecorationSet.create(state.doc, st.matches.map((m, i) =>
        Decoration.inline(m.from, m.to, { class: i === st.current ? "wr-find-match wr-find-current" : "wr-find-match" })));
    },
  },
});

function nearest(matches, pos) {
  if (!matches.length) return -1;
  const i = matches.findIndex((m) => m.from >= pos);
  return i < 0 ? 0 : i;
}

function el(tag, props, testid) {
  const e = Object.assign(document.createElement(tag), props);
  if (testid) e.setAttribute("data-testid", testid);
  return e;
}

/** The find bar under the editor's toolbar, and the commands behind it. */
export class FindBar {
  constructor(view, canEdit, say) {
    this.view = view;
    this.canEdit = canEdit;
    this.say = say;
    this.root = el("div", { className: "wr-find", hidden: true }, "find-bar");
    this.find = el("input", { type: "search", placeholder: "Find", ariaLabel: "Find" }, "find-input");
    this.matchCase = el("input", { type: "checkbox", title: "Match case" }, "find-case");
    this.wholeWord = el("input", { type: "checkbox", title: "Whole words" }, "find-word");
    this.count = el("span", { className: "wr-find-count" }, "find-count");
    const prev = el("button", { type: "button", textContent: "↑", title: "Previous (Shift+Enter)" }, "find-prev");
    const next = el("button", { type: "button", textContent: "↓", title: "Next (Enter)" }, "find-next");
    this.replace = el("input", { type: "text", placeholder: "Replace with", ariaLabel: "Replace with" }, "replace-input");
    const one = el("button", { type: "button", textContent: "Replace" }, "replace-one");
    const all = el("button", { type: "button", textContent: "Replace all" }, "replace-all");
    const close = el("button", { type: "button", textContent: "×", title: "Close (Escape)" }, "find-close");
    const label = (box, text) => { const l = el("label", {}); l.append(box, text); return l; };
    this.root.append(this.find, label(this.matchCase, "Aa"), label(this.wholeWord, "Word"), prev, next, this.count);
    if (canEdit) this.root.append(this.replace, one, all);
    this.root.append(close);

    const search = () => this.dispatch({ query: this.find.value, options: this.options() });
    this.find.addEventListener("input", search);
    this.matchCase.addEventListener("change", search);
    this.wholeWord.addEventListener("change", search);
    this.find.addEventListener("keydown", (e) => {
      if (e.key === "Enter") { e.preventDefault(); this.go(e.shiftKey ? -1 : 1); }
      if (e.key === "Escape") { e.preventDefault(); this.close(); }
    });
    this.replace.addEventListener("keydown", (e) => {
      if (e.key === "Enter") { e.preventDefault(); this.replaceOne(); }
      if (e.key === "Escape") { e.preventDefault(); this.close(); }
    });
    prev.addEventListener("click", () => this.go(-1));
    next.addEventListener("click", () => this.go(1));
    one.addEventListener("click", () => this.replaceOne());
    all.addEventListener("click", () => this.replaceAll());
    close.addEventListener("click", () => this.close());
  }

  options() { return { matchCase: this.matchCase.checked, wholeWord: this.wholeWord.checked }; }
  state() { return key.getState(this.view.state); }

  dispatch(meta) {
    this.view.dispatch(this.view.state.tr.setMeta(key, meta).setMeta("remote", true).setMeta("addToHistory", false));
    this.showCount();
  }

  showCount() {
    const st = this.state();
    this.count.textContent = st.query ? (st.matches.length ? `${st.current + 1} of ${st.matches.length}` : "No matches") : "";
  }

  open() {
    this.root.hidden = false;
    const { from, to } = this.view.state.selection;
    const selected = this.view.state.doc.textBetween(from, to);
    if (selected && !selected.includes("\n")) this.find.value = selected;
    this.find.focus();
    this.find.select();
    this.dispatch({ query: this.find.value, options: this.options() });
  }

  close() {
    this.root.hidden = true;
    this.dispatch({ query: "", matches: [], current: -1 });
    this.view.focus();
  }

  /** Moves to the next (or previous) match, selects it and scrolls it into view. */
  go(step) {
    const st = this.state();
    if (!st.matches.length) return;
    const current = (st.current + step + st.matches.length) % st.matches.length;
    const m = st.matches[current];
    const tr = this.view.state.tr.setMeta(key, { current }).setMeta("remote", true);
    tr.setSelection(TextSelection.create(tr.doc, m.from, m.to)).scrollIntoView();
    this.view.dispatch(tr);
    this.showCount();
  }

  replacementFor(pos) {
    const type = this.view.state.doc.resolve(pos).parent.type.name;
    return isUppercase(type) ? this.replace.value.toUpperCase() : this.replace.value;
  }

  /** Replaces the current match, then moves to the next one. */
  replaceOne() {
    if (!this.canEdit) return;
    const st = this.state();
    const m = st.matches[st.current];
    if (!m) return;
    this.view.dispatch(this.view.state.tr.insertText(this.replacementFor(m.from), m.from, m.to));
    const after = this.state();
    if (after.matches.length) {
      const current = nearest(after.matches, m.from + this.replace.value.length);
      this.dispatch({ current });
      this.go(0);
    } else this.showCount();
  }

  /** Every match at once: one transaction, one undo step, one batch of operations. */
  replaceAll() {
    if (!this.canEdit) return;
    const { matches } = this.state();
    if (!matches.length) return;
    const tr = this.view.state.tr;
    for (let i = matches.length - 1; i >= 0; i--) tr.insertText(this.replacementFor(matches[i].from), matches[i].from, matches[i].to);
    this.view.dispatch(tr.scrollIntoView());
    this.showCount();
    this.say(`Replaced ${matches.length} occurrence${matches.length === 1 ? "" : "s"}.`);
  }
}
