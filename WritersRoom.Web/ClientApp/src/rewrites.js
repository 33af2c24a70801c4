import { Plugin } from "prosemirror-state";
import { undo, redo, undoDepth, redoDepth, closeHistory, isHistoryTransaction } from "prosemirror-history";

// The AI rewrites this writer applied, in the editor's undo order (Ctrl+Z, and Ctrl+Y / Ctrl+Shift+Z to redo).
//
// A rewrite is applied on the server, through the live session, and reaches every editor as a change from outside,
// which ProseMirror's history leaves out (as it leaves out every other writer's edits). The update names its proposal
// and who applied it, so the editor of that writer keeps the rewrite beside its history, with the number of undoable
// events the history held at that moment. When the history is back at that number (nothing typed since, or what was
// typed since already undone), the rewrite is what Ctrl+Z undoes next, and the server is asked to undo it: the card's
// Undo with its checks (a writer; the paragraphs as the rewrite left them), never a local inversion that could
// overwrite a co-writer's newer text. Redo is the card's Apply again, kept by the number of redoable events the same way.

export class RewriteHistory {
  /**
   * @param view      () => the EditorView
   * @param userId    this writer: only their rewrites join their undo order
   * @param server    (method, messageId, proposalId) => Promise<{ done, reason, retry }>
   * @param settled   () => Promise resolved once what was typed is on the server (so the server checks the text as shown)
   * @param say       shows a line to the writer
   */
  constructor(view, userId, server, settled, say) {
    this.view = view;
    this.userId = userId;
    this.server = server;
    this.settled = settled;
    this.say = say;
    this.undoable = []; // { messageId, proposalId, depth }: depth = undoDepth when it went in
    this.redoable = []; // same, depth = redoDepth when it was undone
    this.pending = false;
    this.undo = (state, dispatch) => this.step(state, dispatch, true);
    this.redo = (state, dispatch) => this.step(state, dispatch, false);
    // The browser's own Undo/Redo (Edit menu, context menu) as well as the keys; before the history plugin, which
    // would handle them itself.
    this.plugin = new Plugin({
      props: {
        handleDOMEvents: {
          beforeinput: (v, e) => {
            const command = e.inputType === "historyUndo" ? this.undo : e.inputType === "historyRedo" ? this.redo : null;
            if (!command || !v.editable) return false;
            e.preventDefault();
            return command(v.state, v.dispatch);
          },
        },
      },
    });
  }

  step(state, dispatch, undoing) {
    const list = undoing ? this.undoable : this.redoable;
    const depth = undoing ? undoDepth(state) : redoDepth(state);
    const top = list.at(-1);
    // While the server works on one, the keys wait rather than reach past it to older typing.
    if (this.pending) return true;
    if (!top || depth > top.depth) return (undoing ? undo : redo)(state, dispatch);
    if (dispatch) this.ask(top, undoing);
    return true;
  }

  async ask(entry, undoing) {
    this.pending = true;
    try {
      await this.settled();
      const r = await this.server(undoing ? "UndoRewrite" : "RedoRewrite", entry.messageId, entry.proposalId);
      if (r.done) this.moved(entry.messageId, entry.proposalId, undoing);
      else {
        this.say(r.reason);
        // Refused for good (changed since, not a writer any more): the keys go on to the writer's own edits.
        if (!r.retry) remove(undoing ? this.undoable : this.redoable, entry.proposalId);
      }
    } catch {
      this.say("The server did not answer; try again in a moment.");
    } finally {
      this.pending = false;
    }
  }

  /** The session's updates, once they are in the document: rewrites applied or undone, by this writer or another. */
  heard(updates) {
    for (const u of updates) {
      const t = u.rewrite;
      if (!t) continue;
      if (u.by === this.userId) this.moved(t.messageId, t.proposalId, t.undone);
      // Another writer undid it (or applied it again): there is nothing left for this writer's keys to undo (or redo).
      else remove(t.undone ? this.undoable : this.redoable, t.proposalId);
    }
  }

  /** This writer applied (or undid) the rewrite, from the keys or the card: it moves to the other list. Said twice, once. */
  moved(messageId, proposalId, undone) {
    const [from, to] = undone ? [this.undoable, this.redoable] : [this.redoable, this.undoable];
    if (to.some((e) => e.proposalId === proposalId)) return;
    const known = remove(from, proposalId);
    // An undo from the card of a rewrite applied before this editor opened is none of its keys' business.
    if (undone && !known) return;
    // A fresh rewrite starts a new future, as any edit does.
    if (!undone && !known) this.redoable.length = 0;
    const view = this.view();
    to.push({ messageId, proposalId, depth: undone ? redoDepth(view.state) : undoDepth(view.state) });
    // What the writer types next is an undo step of its own, after the rewrite, never merged into the one before it.
    view.dispatch(closeHistory(view.state.tr).setMeta("remote", true).setMeta("addToHistory", false));
  }

  /** Every transaction of the editor: keeps the numbers in step with the history. */
  track(prev, next, tr) {
    const history = isHistoryTransaction(tr);
    // The history drops its oldest events past its depth: the only way its count falls by more than an undo's one.
    const a = undoDepth(prev), b = undoDepth(next);
    if (b < a && !(history && b === a - 1)) shift(this.undoable, a + 1 - b);
    const c = redoDepth(prev), d = redoDepth(next);
    if (history && d < c && d !== c - 1) shift(this.redoable, c + 1 - d);
    // The writer's own change: nothing is left to redo, as in the history itself.
    if (tr.docChanged && !history && tr.getMeta("addToHistory") !== false) this.redoable.length = 0;
  }
}

function remove(list, proposalId) {
  const i = list.findIndex((e) => e.proposalId === proposalId);
  if (i < 0) return false;
  list.splice(i, 1);
  return true;
}

function shift(list, dropped) {
  for (const e of list) e.depth -= dropped;
  const kept = list.filter((e) => e.depth >= 0);
  list.length = 0;
  list.push(...kept);
}
