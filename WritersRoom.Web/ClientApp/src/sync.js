import { merge } from "./merge.js";
import { Backoff } from "./backoff.js";

// A call still unanswered after this was lost (a dropped connection never answers it): it is tried again.
const CALL_TIMEOUT = 60_000;
// Resyncs after updates this page could not apply are this far apart at least: a bug that repeats must not flood the server.
const REPAIR_INTERVAL = 10_000;

// Differential sync with the server session, per paragraph: `shadow` is the server's text (at `version`),
// the editor holds the local text, and at most one text operation per paragraph is in flight. Every operation made
// stays in `unacked` (and in localStorage) until the server says it is committed, so a reconnect or a reload after a
// server restart sends it again; the server applies an op id once.
//
// Operations go out one call at a time, in order, from `queue`. A call that fails while the circuit is up (the database
// slow past its timeout, a transient error: the server answers "retry", or the call itself fails) is tried again after
// a jittered pause that grows up to a cap, marked as a resend so the server skips what it already has; the save state
// says "Reconnecting" meanwhile. A refusal for good ("stop": the writer lost the right to edit) ends the sending.
// After a reconnect (or a reload with a stored outbox) everything unacknowledged goes again, then the server's copy is
// taken with what was typed meanwhile merged on top. Same algorithm as the C# SimulatedWriter that the convergence and
// offline tests drive.
export class Sync {
  constructor(scriptId, transport, onState, backoff = new Backoff()) {
    this.scriptId = scriptId;
    this.transport = transport;   // { submit(ops, resend), snapshot() }: promises of { status: "ok" | "retry" | "stop", reason, snapshot }
    this.onState = onState;       // (state, detail): the save state changed
    this.onStop = () => {};       // (reason): the server refused for good
    this.backoff = backoff;
    this.blocks = new Map();      // id -> { shadow, version, inflight: {opId, mine} | null }
    this.unacked = [];
    this.queue = [];              // chunks { ops, resend } to submit, in order; the head is retried until the server takes it
    this.catchUp = null;          // once the queue is out after a resync: (blocks, basis) => takes the server's copy
    this.connected = true;        // the circuit: the reconnect events say when it is down
    this.trouble = null;          // why the last call failed, while the next attempt waits
    this.stopped = null;          // why the server refused for good: nothing more goes out
    this.pumping = false;
    this.retry = null;            // timer of the next attempt
    this.cut = null;              // ends the call in flight when the connection drops
    this.repairs = { timer: null, last: -Infinity };
    this.key = `wr-outbox-${scriptId}`;
  }

  load(blocks) {
    this.blocks.clear();
    for (const b of blocks) this.blocks.set(b.id, { shadow: b.text, version: b.version, inflight: null });
  }

  /**
   * The server's whole script after a resync: paragraphs known here keep their state (remote() has rebased it on
   * the server's text), so unsent typing and in-flight edits survive; new ones start at the server's text.
   */
  retain(blocks) {
    const next = new Map();
    for (const b of blocks) next.set(b.id, this.blocks.get(b.id) ?? { shadow: b.text, version: b.version, inflight: null });
    this.blocks = next;
  }

  /** Operations left over from an earlier page (a crash, a restart): they go out first, marked as a resend. */
  stored() {
    try { return JSON.parse(localStorage.getItem(this.key) ?? "null"); } catch { return null; }
  }

  persist(local) {
    const residual = {};
    for (const [id, st] of this.blocks) {
      const text = local(id);
      const basis = st.inflight?.mine ?? st.shadow;
      if (text !== null && text !== basis) residual[id] = { base: basis, text, version: st.version };
    }
    if (this.unacked.length === 0 && Object.keys(residual).length === 0) localStorage.removeItem(this.key);
    else localStorage.setItem(this.key, JSON.stringify({ unacked: this.unacked, residual }));
    this.notify();
  }

  state() {
    if (this.stopped) return "Not saved";
    if (!this.connected) return "Offline";
    if (this.trouble) return "Reconnecting";
    return this.unacked.length > 0 || [...this.blocks.values()].some((b) => b.inflight) ? "Saving" : "Saved";
  }

  notify() { this.onState(this.state(), this.stopped ?? this.trouble); }

  send(ops) {
    if (ops.length === 0) return;
    this.unacked.push(...ops);
    // Offline they wait in `unacked`: the resync on reconnect sends them.
    if (!this.connected || this.stopped) return;
    this.queue.push(...chunks(ops, false));
    this.pump();
  }

  /** The circuit is down: nothing goes out until the resync, and the call in flight (never to be answered) is given up. */
  offline() {
    if (!this.connected) return;
    this.connected = false;
    this.trouble = null;
    clearTimeout(this.retry);
    this.retry = null;
    this.cut?.(new Error("The connection to the server dropped."));
    this.notify();
  }

  /**
   * After a reconnect, a reload with a stored outbox, or an update this page could not apply: everything unacknowledged
   * goes again, once each and in the order it was made, marked as a resend; then `apply(blocks, basis)` gets the
   * server's copy, which holds all of it.
   */
  resync(apply) {
    if (this.stopped) return;
    this.connected = true;
    this.trouble = null;
    clearTimeout(this.retry);
    this.retry = null;
    this.backoff.reset();
    const seen = new Set();
    this.unacked = this.unacked.filter((op) => !seen.has(op.opId) && seen.add(op.opId));
    this.queue = chunks(this.unacked, true);
    this.catchUp = apply;
    this.notify();
    this.pump();
  }

  /** After an update this page could not apply: a resync, unless one is on its way; at most one every REPAIR_INTERVAL. */
  repair(apply) {
    if (this.catchUp || this.repairs.timer || this.stopped) return;
    const wait = Math.max(0, this.repairs.last + REPAIR_INTERVAL - Date.now());
    this.repairs.timer = setTimeout(() => {
      this.repairs.timer = null;
      this.repairs.last = Date.now();
      if (this.connected) this.resync(apply);
    }, wait);
  }

  /** The editor is gone (closed, or replaced by a new one for the same script): nothing more is sent or retried. */
  close() {
    this.stopped = "closed";
    this.queue = [];
    this.catchUp = null;
    clearTimeout(this.retry);
    clearTimeout(this.repairs.timer);
    this.retry = this.repairs.timer = null;
    this.cut?.(new Error("The editor was closed."));
  }

  /** What an earlier page left: its unacknowledged operations first, then what it had typed beyond them, as new ones. */
  recover(stored) {
    const ops = [...(stored.unacked ?? [])];
    for (const [id, r] of Object.entries(stored.residual ?? {}))
      ops.push({ opId: crypto.randomUUID(), kind: "UpdateText", blockId: id, baseVersion: r.version, baseText: r.base, text: r.text });
    this.unacked.unshift(...ops);
  }

  async pump() {
    if (this.pumping) return;
    this.pumping = true;
    try {
      while (this.connected && !this.stopped && this.retry === null) {
        const head = this.queue[0];
        if (head) {
          if (head.ops.length === 0 || await this.call(() => this.transport.submit(head.ops, head.resend))) {
            if (this.queue[0] === head) this.queue.shift();
          } else {
            // Perhaps applied before it failed: the next attempt asks the server to skip what it has.
            head.resend = true;
          }
        } else if (this.catchUp) {
          const apply = this.catchUp, basis = this.basis();
          const reply = await this.call(() => this.transport.snapshot());
          // A newer resync started meanwhile: its operations go first, then a fresh copy.
          if (reply && this.catchUp === apply) {
            this.catchUp = null;
            try { apply(reply.snapshot.blocks, basis); } catch (e) { console.error("Taking the server's copy failed", e); }
          }
        } else {
          break;
        }
      }
    } finally {
      this.pumping = false;
      this.notify();
    }
  }

  /** One call to the server: its reply if it succeeded; otherwise null, with the next attempt planned or the sending stopped. */
  async call(fn) {
    let timer;
    const cut = new Promise((_, reject) => {
      this.cut = reject;
      timer = setTimeout(() => reject(new Error("The server did not answer in time.")), CALL_TIMEOUT);
    });
    let reply;
    try {
      reply = await Promise.race([fn(), cut]);
    } catch {
      // The call failed on the way (the circuit dropping, an error the server did not answer for): worth another try.
      reply = { status: "retry", reason: "The server did not take the last change." };
    } finally {
      clearTimeout(timer);
      this.cut = null;
    }
    if (reply?.status === "ok") {
      this.backoff.reset();
      if (this.trouble) { this.trouble = null; this.notify(); }
      return reply;
    }
    if (reply?.status === "stop") this.stop(reply.reason);
    else this.retryLater(reply?.reason);
    return null;
  }

  retryLater(reason) {
    if (!this.connected || this.stopped) return; // the resync on reconnect takes over
    this.trouble = reason || "The server did not take the last change.";
    this.retry = setTimeout(() => { this.retry = null; this.pump(); }, this.backoff.next());
    this.notify();
  }

  stop(reason) {
    this.stopped = reason || "The server refused the change.";
    this.queue = [];
    this.catchUp = null;
    clearTimeout(this.retry);
    this.retry = null;
    this.onStop(this.stopped);
    this.notify();
  }

  /** Per paragraph, the text the server has from us once everything sent is in: the in-flight text, else the shadow. */
  basis() {
    const basis = new Map();
    for (const [id, st] of this.blocks) basis.set(id, st.inflight?.mine ?? st.shadow);
    return basis;
  }

  /** Paragraphs inserted, deleted or retyped here whose operations are queued but not yet sent. */
  unsent() {
    const unsent = { inserted: new Set(), deleted: new Set(), retyped: new Set() };
    for (const c of this.queue) {
      for (const op of c.ops) {
        if (op.kind === "InsertBlock") unsent.inserted.add(op.blockId);
        else if (op.kind === "DeleteBlock") unsent.deleted.add(op.blockId);
        else if (op.kind === "SetType") unsent.retyped.add(op.blockId);
      }
    }
    return unsent;
  }

  /**
   * The server's copy after a resync (`unsent` as catchUp saw it): paragraphs start again from its text. Text changes
   * queued while it was on its way are dropped, since the merged text goes out again from the new shadow; paragraphs
   * inserted here and not yet sent keep their state, retyped ones their pending type.
   */
  adopt(blocks, unsent) {
    const next = new Map();
    for (const b of blocks) {
      if (unsent.deleted.has(b.id)) continue;
      const st = { shadow: b.text, version: b.version, inflight: null };
      if (unsent.retyped.has(b.id)) st.typeOp = this.blocks.get(b.id)?.typeOp;
      next.set(b.id, st);
    }
    for (const id of unsent.inserted) {
      const st = this.blocks.get(id);
      if (st && !next.has(id)) next.set(id, st);
    }
    this.blocks = next;
    const dropped = new Set();
    for (const c of this.queue) c.ops = c.ops.filter((op) => op.kind !== "UpdateText" || !dropped.add(op.opId));
    this.unacked = this.unacked.filter((op) => !dropped.has(op.opId));
  }

  /** A new text-change op for this paragraph if nothing is in flight and the local text differs. */
  textOp(id, local) {
    const st = this.blocks.get(id);
    if (!st || st.inflight || local === st.shadow) return null;
    const op = { opId: crypto.randomUUID(), kind: "UpdateText", blockId: id, baseVersion: st.version, baseText: st.shadow, text: local };
    st.inflight = { opId: op.opId, mine: local };
    return op;
  }

  inserted(id, type, text, after) {
    const op = { opId: crypto.randomUUID(), kind: "InsertBlock", blockId: id, type, text, afterBlockId: after };
    this.blocks.set(id, { shadow: text, version: 0, inflight: { opId: op.opId, mine: text } });
    return op;
  }

  deleted(id) {
    this.blocks.delete(id);
    return { opId: crypto.randomUUID(), kind: "DeleteBlock", blockId: id };
  }

  typed(id, type) {
    return { opId: crypto.randomUUID(), kind: "SetType", blockId: id, type };
  }

  /** The server's new text for a paragraph → the local text to show (null: leave it). */
  remote(update, b, local) {
    const st = this.blocks.get(b.id);
    if (!st) return null;
    let next = local;
    if (st.inflight && st.inflight.opId === update.opId) {
      next = merge(st.inflight.mine, local, b.text);
      st.inflight = null;
    } else if (b.version > st.version) {
      // Another writer's change reached the server before ours: our in-flight change will be merged onto it.
      if (st.inflight) st.inflight.mine = merge(st.shadow, st.inflight.mine, b.text);
      next = merge(st.shadow, local, b.text);
    } else {
      return null;
    }
    st.shadow = b.text;
    st.version = b.version;
    return next;
  }

  committed(ids) {
    const done = new Set(ids);
    this.unacked = this.unacked.filter((op) => !done.has(op.opId));
  }

  rejected(opId) {
    this.unacked = this.unacked.filter((op) => op.opId !== opId);
    // Not sent again: a retry of its call would only be refused again.
    for (const c of this.queue) c.ops = c.ops.filter((op) => op.opId !== opId);
    for (const st of this.blocks.values()) if (st.inflight?.opId === opId) st.inflight = null;
  }
}

// Chunks keep each message well under the hub's size limit and the server's operations per call; order is kept.
function chunks(ops, resend) {
  const list = [];
  let chunk = [], size = 0;
  for (const op of ops) {
    const n = (op.text?.length ?? 0) + (op.baseText?.length ?? 0) + 200;
    if (chunk.length > 0 && (size + n > 300_000 || chunk.length >= 400)) { list.push({ ops: chunk, resend }); chunk = []; size = 0; }
    chunk.push(op);
    size += n;
  }
  if (chunk.length > 0) list.push({ ops: chunk, resend });
  return list;
}
