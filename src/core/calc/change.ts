import { LabelTable } from "./label-table";
import { looseRange, shaped, shapeChanged, type RangeArg, type ReadRange } from "./ranges";

/** The result of AUDIT.CHANGE: distinct ids new, continuing and ended between two rounds. */
type ChangeRows = [["New", number], ["Continuing", number], ["Ended", number]];

/**
 * AUDIT.CHANGE: compares two audit rounds by distinct id. New: in current only; Continuing: in
 * both; Ended: in previous only. The two ranges need not have the same size.
 */
export function change(previousIds: RangeArg, currentIds: RangeArg): ChangeRows {
  const loosePrevious = looseRange("previous_ids", previousIds);
  const looseCurrent = looseRange("current_ids", currentIds);
  return shaped([loosePrevious, looseCurrent], ([previous, current]) => compare(previous, current));
}

function compare(previous: ReadRange, current: ReadRange): ChangeRows {
  const table = new LabelTable(false);
  let marks = new Uint8Array(1024);
  const mark = (range: ReadRange, bit: number): void => {
    const rows = range.rows;
    for (let r = 0; r < rows.length; r++) {
      const row = rows[r];
      if (!Array.isArray(row)) shapeChanged();
      for (let c = 0; c < row.length; c++) {
        const v = row[c];
        const id = table.id(v, range.name, r, c);
        if (id < 0) continue;
        if (id >= marks.length) {
          const next = new Uint8Array(Math.max(marks.length * 2, id + 1));
          next.set(marks);
          marks = next;
        }
        marks[id] |= bit;
      }
    }
  };
  mark(previous, 1);
  mark(current, 2);
  let added = 0;
  let continuing = 0;
  let ended = 0;
  for (let id = 0; id < table.size; id++) {
    const m = marks[id];
    if (m === 2) added++;
    else if (m === 3) continuing++;
    else if (m === 1) ended++;
  }
  return [
    ["New", added],
    ["Continuing", continuing],
    ["Ended", ended],
  ];
}
