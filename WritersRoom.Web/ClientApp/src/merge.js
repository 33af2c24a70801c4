import DiffMatchPatch from "diff-match-patch";

// Three-way merge of one paragraph, the same rule as WritersRoom.Core/Editing/TextMerge.cs: both changes are
// diffed against the common base and replayed position by position; where both inserted at one spot, theirs
// (already in `current`) comes first. No inserted character is ever dropped.
const dmp = new DiffMatchPatch();
dmp.Diff_Timeout = 0.2;

function edits(from, to) {
  const inserts = new Map();
  const deleted = new Uint8Array(from.length);
  let at = 0;
  for (const [op, text] of dmp.diff_main(from, to, false)) {
    if (op === 0) at += text.length;
    else if (op === -1) { deleted.fill(1, at, at + text.length); at += text.length; }
    else inserts.set(at, (inserts.get(at) ?? "") + text);
  }
  return { inserts, deleted };
}

export function merge(base, mine, current) {
  if (mine === base) return current;
  if (current === base) return mine;
  if (current === mine) return current;
  const theirs = edits(base, current);
  const ours = edits(base, mine);
  let out = "";
  for (let i = 0; i <= base.length; i++) {
    out += theirs.inserts.get(i) ?? "";
    out += ours.inserts.get(i) ?? "";
    if (i < base.length && !theirs.deleted[i] && !ours.deleted[i]) out += base[i];
  }
  return out;
}
