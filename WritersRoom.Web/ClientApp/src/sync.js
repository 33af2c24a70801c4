import { merge } from "./merge.js";

// Differential sync with the server session, per paragraph: `shadow` is the server's text (at `version`),
// the editor holds the local text, and at most one operation per paragraph is in flight. Every operation sent
// stays in `unacked` (and in localStorage) until the server says it is committed, so a reconnect or a reload
// after a server restart sends it again; the server applies an op id once. Same algorithm as the C#
// SimulatedWriter that the convergence test drives.
export class Sync {
  constructor(scriptId, transport, onState) {
    this.scriptId = scriptId;
    this.transport = transport;   // { submit(ops, resend), snapshot() }
    this.onState = onState;       // save-state changed
    this.blocks = new Map();      // id -> { shadow, version, inflight: {opId, mine} | null }
    this.unacked = [];
    this.connected = true;
    this.sending = Promise.resolve();
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
    this.onState(this.state());
  }

  state() {
    if (!this.connected) return "Offline";
    return this.unacked.length > 0 || [...this.blocks.values()].some((b) => b.inflight) ? "Saving" : "Saved";
  }

  send(ops, resend = false) {
    if (ops.length === 0) return;
    if (!resend) this.unacked.push(...ops);
    if (!this.connected) return;
    // Chunks keep each message well under the hub's size limit; order is kept by chaining.
    const chunks = [];
    let chunk = [], size = 0;
    for (const op of ops) {
      const n = (op.text?.length ?? 0) + (op.baseText?.length ?? 0) + 200;
      if (chunk.length > 0 && (size + n > 300_000 || chunk.length >= 400)) { chunks.push(chunk); chunk = []; size = 0; }
      chunk.push(op); size += n;
    }
    chunks.push(chunk);
    for (const c of chunks) {
      this.sending = this.sending.then(() => this.transport.submit(c, resend)).catch(() => this.setConnected(false));
    }
  }

  setConnected(value) {
    if (this.connected === value) return;
    this.connected = value;
    this.onState(this.state());
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
    for (const st of this.blocks.values()) if (st.inflight?.opId === opId) st.inflight = null;
  }

  /**
   * After a reconnect (or a reload with a stored outbox): resend what is unacknowledged, send what was typed
   * since, then take the server's copy, which now holds all of it.
   */
  async resync(local, extra) {
    this.connected = true;
    const resend = [...(extra?.unacked ?? []), ...this.unacked];
    const seen = new Set();
    const unique = resend.filter((op) => !seen.has(op.opId) && seen.add(op.opId));
    this.unacked = unique;
    if (unique.length > 0) await this.transport.submit(unique, true);
    const residual = [];
    for (const [id, r] of Object.entries(extra?.residual ?? {})) {
      residual.push({ opId: crypto.randomUUID(), kind: "UpdateText", blockId: id, baseVersion: r.version, baseText: r.base, text: r.text });
    }
    for (const [id, st] of this.blocks) {
      const text = local(id);
      const basis = st.inflight?.mine ?? st.shadow;
      if (text !== null && text !== basis)
        residual.push({ opId: crypto.randomUUID(), kind: "UpdateText", blockId: id, baseVersion: st.version, baseText: basis, text });
    }
    if (residual.length > 0) { this.unacked.push(...residual); await this.transport.submit(residual, false); }
    const snapshot = await this.transport.snapshot();
    this.load(snapshot.blocks);
    return snapshot;
  }
}
