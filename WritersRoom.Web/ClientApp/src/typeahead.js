import { Plugin, PluginKey } from "prosemirror-state";

// Type-ahead for cues and scene headings: names, INT./EXT., locations and times of day the script already uses.
// The lists come from the server's live session (pushed when a heading or a cue changes); the rules mirror
// WritersRoom.Core/Editing/TypeAhead.cs (TypeAheadLists.Suggest), which is their unit-tested specification.

export const PREFIXES = ["INT. ", "EXT. ", "INT./EXT. ", "I/E. "];
const MAX = 10;

function offer(kind, from, typed, candidates, allWhenEmpty = false) {
  if (typed.length === 0 && !allWhenEmpty) return null;
  const options = candidates.filter((c) => c.startsWith(typed) && c.trimEnd() !== typed.trimEnd()).slice(0, MAX);
  return options.length ? { kind, from, options } : null;
}

/** What to offer for a paragraph of `type` whose text before the caret is `before`; null: nothing. */
export function suggest(type, before, lists) {
  const typed = before.toUpperCase();
  if (type === "character") {
    const name = typed.trimStart();
    if (name.length === 0 || name.includes("(")) return null;
    return offer("character", before.length - name.length, name, lists.characters ?? []);
  }
  if (type !== "scene_heading" || typed.trim().length === 0) return null;
  const prefix = [...PREFIXES].sort((a, b) => b.length - a.length).find((p) => typed.startsWith(p));
  if (!prefix) return offer("prefix", 0, typed, PREFIXES);
  const rest = typed.slice(prefix.length);
  const dash = rest.lastIndexOf(" - ");
  if (dash < 0) return rest.trim().length === 0 ? null : offer("location", prefix.length, rest, lists.locations ?? []);
  return offer("time", prefix.length + dash + 3, rest.slice(dash + 3), lists.timesOfDay ?? [], true);
}

/** A location is followed by " - " so the times of day come next. */
export const insertText = (s, option) => (s.kind === "location" ? option + " - " : option);

const key = new PluginKey("typeahead");

/**
 * The dropdown: opens while the writer types in a cue or a heading, follows the caret; ArrowUp/ArrowDown choose,
 * Enter or Tab accept, Escape closes (until the next keystroke). `lists()` gives the current lists.
 */
export function typeAheadPlugin(lists) {
  return new Plugin({
    key,
    state: {
      init: () => null,
      apply(tr, open, _old, state) {
        const meta = tr.getMeta(key);
        if (meta !== undefined) return meta;
        const typed = tr.docChanged && !tr.getMeta("remote");
        if (!typed && !open) return null;
        if (!typed && !tr.docChanged && !tr.selectionSet) return open;
        const { $head, empty } = state.selection;
        if (!empty) return null;
        const s = suggest($head.parent.type.name, $head.parent.textContent.slice(0, $head.parentOffset), lists());
        if (!s) return null;
        // A remote change or a caret move keeps the list only if the writer is still at the same word.
        if (!typed && open && (open.blockStart !== $head.start() || open.from !== s.from)) return null;
        return { ...s, blockStart: $head.start(), to: $head.pos, index: 0 };
      },
    },
    props: {
      handleKeyDown(view, event) {
        const open = key.getState(view.state);
        if (!open) return false;
        const move = (by) => view.dispatch(view.state.tr.setMeta(key, { ...open, index: (open.index + by + open.options.length) % open.options.length }));
        switch (event.key) {
          case "ArrowDown": move(1); return true;
          case "ArrowUp": move(-1); return true;
          case "Enter": case "Tab": accept(view, open, open.index); return true;
          case "Escape": view.dispatch(view.state.tr.setMeta(key, null)); return true;
          default: return false;
        }
      },
    },
    view(editorView) {
      const list = document.createElement("div");
      list.className = "wr-typeahead";
      list.setAttribute("data-testid", "typeahead");
      list.setAttribute("role", "listbox");
      list.hidden = true;
      editorView.dom.parentNode.appendChild(list);
      // mousedown, not click: the editor keeps the focus and the selection.
      list.addEventListener("mousedown", (e) => {
        const item = e.target.closest("[data-index]");
        const open = key.getState(editorView.state);
        if (!item || !open) return;
        e.preventDefault();
        accept(editorView, open, Number(item.dataset.index));
      });
      return {
        update(view) {
          const open = key.getState(view.state);
          list.hidden = !open;
          if (!open) { list.replaceChildren(); return; }
          list.replaceChildren(...open.options.map((option, i) => {
            const item = document.createElement("div");
            item.className = "wr-typeahead-item";
            item.setAttribute("data-testid", "typeahead-item");
            item.setAttribute("role", "option");
            item.setAttribute("aria-selected", String(i === open.index));
            item.dataset.index = String(i);
            item.textContent = option.trim();
            return item;
          }));
          const caret = view.coordsAtPos(open.to);
          const box = list.offsetParent?.getBoundingClientRect() ?? { left: 0, top: 0 };
          list.style.left = `${caret.left - box.left}px`;
          list.style.top = `${caret.bottom - box.top + 2}px`;
        },
        destroy() { list.remove(); },
      };
    },
  });
}

function accept(view, open, index) {
  const option = open.options[index];
  const tr = view.state.tr.insertText(insertText(open, option), open.blockStart + open.from, open.to);
  view.dispatch(tr.scrollIntoView());
}
