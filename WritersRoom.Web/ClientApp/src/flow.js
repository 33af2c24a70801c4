// The keyboard rules writers know from Final Draft. Mirrors WritersRoom.Core/Editing/KeyboardFlow.cs,
// which is the unit-tested specification; keep the two tables in step.
export const TYPES = ["scene_heading", "action", "character", "dialogue", "parenthetical", "transition",
  "centered", "lyric", "section", "synopsis", "note", "page_break"];

export const LABELS = {
  scene_heading: "Scene Heading", action: "Action", character: "Character", dialogue: "Dialogue",
  parenthetical: "Parenthetical", transition: "Transition", centered: "Centered", lyric: "Lyric",
  section: "Section", synopsis: "Synopsis", note: "Note", page_break: "Page Break",
};

export function afterEnter(type) {
  switch (type) {
    case "scene_heading": return "action";
    case "character": return "dialogue";
    case "parenthetical": return "dialogue";
    case "dialogue": return "action";
    case "transition": return "scene_heading";
    case "centered": case "lyric": return type;
    default: return "action";
  }
}

export function onEmptyEnter(type) {
  switch (type) {
    case "action": return "character";
    case "character": case "dialogue": case "parenthetical": return "action";
    default: return null;
  }
}

const CYCLE = ["action", "character", "transition", "scene_heading"];

export function onTab(type, backwards) {
  if (type === "dialogue") return "parenthetical";
  if (type === "parenthetical") return "dialogue";
  const i = CYCLE.indexOf(type);
  if (i < 0) return "action";
  return CYCLE[(i + (backwards ? CYCLE.length - 1 : 1)) % CYCLE.length];
}

export const isUppercase = (type) => type === "scene_heading" || type === "character" || type === "transition";
