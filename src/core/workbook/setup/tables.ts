/**
 * Set-up of the three audit tables: adopt a table with our headers, rename look-alike headers,
 * append missing columns at the end (rows untouched), turn data typed without a table into the
 * table, or add a new table; then decorate each column with its rules from the workbook spec.
 */
import { columnLetter, formatA1, parseA1 } from "../../model/a1";
import { TABLES, type ColumnSpec, type TableSpec } from "../../model/blueprint";
import { labelKey } from "../../model/labels";
import { MIN_MATCHES, bestSpecOf, headerMatches, matchColumns } from "./matching";
import {
  blank,
  block,
  sameFormula,
  sheetOf,
  step,
  text,
  type DecoratedColumn,
  type DescribedColumn,
  type DescribedTable,
  type PlanContext,
  type SetupAction,
} from "./model";

/** New tables start in A1 (row 0). */
const NEW_TABLE_ROW = 0;

function decorationNeeded(col: ColumnSpec, described: DescribedColumn | undefined): boolean {
  if (!described || described.validationType === undefined) return true;
  const wantsRule =
    col.kind === "list" || col.kind === "number" || col.kind === "year" || col.kind === "rating";
  if (wantsRule && (described.validationType === "None" || described.validationType === "Inconsistent"))
    return true;
  if (described.hasPrompt === false) return true;
  if (col.required && described.conditionalFormats === 0) return true;
  return false;
}

export function planTable(p: PlanContext, spec: TableSpec): void {
  const d = p.d;
  const ourNames = new Set(TABLES.map((t) => labelKey(t.name)));
  let table = d.tables.find((t) => labelKey(t.name) === labelKey(spec.name));
  if (!table) {
    const scored = d.tables
      .filter((t) => !ourNames.has(labelKey(t.name)) && !p.adopted.has(t.name) && bestSpecOf(t) === spec)
      .map((t) => ({
        t,
        score: headerMatches(t.headers, spec) + (labelKey(t.sheet) === labelKey(spec.sheet) ? 0.5 : 0),
      }))
      .filter((x) => x.score >= MIN_MATCHES)
      .sort((a, b) => b.score - a.score);
    const id = `table:${spec.name}`;
    const answer = p.answers[id];
    if (answer !== undefined && answer !== "new") table = scored.find((x) => x.t.name === answer)?.t;
    else if (answer === undefined && scored.length === 1) table = scored[0].t;
    else if (answer === undefined && scored.length > 1) {
      p.questions.push({
        id,
        prompt: `Which table holds the ${spec.name} data?`,
        choices: [
          ...scored.map((x) => ({ value: x.t.name, label: `Table ${x.t.name} on the sheet ${x.t.sheet}` })),
          { value: "new", label: `None: add a new ${spec.name} table` },
        ],
      });
      return;
    }
    if (table) {
      p.adopted.add(table.name);
      p.actions.push({ kind: "renameTable", from: table.name, to: spec.name });
      step(
        p,
        "add-table",
        `Use the table ${table.name} on the sheet ${table.sheet} as ${spec.name} (renamed)`,
      );
      p.touched.add(table.sheet);
    }
  }
  if (table) {
    planExistingTable(p, spec, table);
    return;
  }
  planNewTable(p, spec);
}

function planExistingTable(p: PlanContext, spec: TableSpec, table: DescribedTable): void {
  const m = matchColumns(p, spec, table.headers);
  for (const r of m.renames) {
    p.actions.push({ kind: "renameHeader", table: spec.name, index: r.index, from: r.from, to: r.to });
    step(p, "upgrade", `${spec.name}: rename the header "${r.from}" to "${r.to}"`);
    p.touched.add(table.sheet);
  }
  const added = m.missing;
  const width = table.headers.length;
  if (added.length > 0) {
    if ((table.merged ?? []).length > 0) {
      block(
        p,
        table.sheet,
        `Merged cells ${table.merged?.join(", ")} are in the way of the ${spec.name} table's new columns. Unmerge them (Home > Merge & Center > Unmerge Cells) and run set-up again.`,
        table.merged?.[0],
      );
    }
    if (table.rightUsed) {
      block(
        p,
        table.sheet,
        `The cells ${table.rightUsed} right of the ${spec.name} table hold content, and set-up needs to add ${added.length} column(s) there. Move that content further right (or to another sheet) and run set-up again.`,
        table.rightUsed,
      );
    }
    p.actions.push({ kind: "addColumns", table: spec.name, headers: added.map((c) => c.header) });
    step(
      p,
      "add-column",
      `${spec.name}: add ${added.length === 1 ? "the column" : "the columns"} ${added.map((c) => c.header).join(", ")} at the end of the table (your rows stay as they are)`,
    );
    p.touched.add(table.sheet);
  }
  // columns after set-up: existing ones (matched), then the added ones
  const indexOf = new Map<string, number>(m.found);
  added.forEach((c, i) => indexOf.set(c.key, width + i));
  const decorate: DecoratedColumn[] = [];
  for (const col of spec.columns) {
    const i = indexOf.get(col.key);
    if (i === undefined) continue;
    const isAdded = i >= width;
    const described = table.columns?.[i];
    if (isAdded || decorationNeeded(col, described))
      decorate.push({
        index: i,
        key: col.key,
        letter: columnLetter(table.firstColumn + i),
        added: isAdded,
        highlight:
          col.required &&
          (isAdded || described?.conditionalFormats === undefined || described.conditionalFormats === 0),
      });
  }
  const calcCount = spec.columns.filter((c) => c.kind === "calculated" && indexOf.has(c.key)).length;
  if (decorate.length > 0) {
    p.actions.push({
      kind: "decorateTable",
      table: spec.name,
      sheet: table.sheet,
      firstBodyRow: table.headerRow + 2,
      firstLetter: columnLetter(table.firstColumn),
      lastLetter: columnLetter(table.firstColumn + width + added.length - 1),
      calculatedColumns: calcCount,
      columns: decorate,
      isNew: false,
      headerRow: table.headerRow + 1,
    });
    step(
      p,
      "validation",
      `${spec.name}: add drop-downs, limits, input messages and required-cell highlighting to ${columnList(spec, decorate)}`,
    );
    p.touched.add(table.sheet);
  }
  for (const col of spec.columns) {
    if (col.kind !== "calculated" || !col.formula) continue;
    const i = indexOf.get(col.key);
    if (i === undefined) continue;
    const isAdded = i >= width;
    const first = table.columns?.[i]?.firstFormula;
    // unknown (no details read) is not blank: typed values are never overwritten on a guess
    let write = isAdded || (table.columns !== undefined && blank(first));
    if (!write && first !== undefined && !sameFormula(text(first), col.formula)) {
      const id = `calculated:${spec.name}:${col.key}`;
      const answer = p.answers[id];
      if (answer === "replace") write = true;
      else if (answer === undefined)
        p.questions.push({
          id,
          prompt: `${spec.sheet}: the column ${col.header} holds values typed by hand. Replace them with the calculation (${col.help.replace(/^Calculated: /, "")})?`,
          choices: [
            { value: "keep", label: "Keep the typed values" },
            { value: "replace", label: "Replace them with the calculation" },
          ],
        });
    }
    if (write) {
      p.actions.push({ kind: "calculatedColumn", table: spec.name, index: i, formula: col.formula });
      step(p, "formula", `${spec.name}: calculate ${col.header} (${col.help.replace(/^Calculated: /, "")})`);
      p.touched.add(table.sheet);
    }
  }
}

function planNewTable(p: PlanContext, spec: TableSpec): void {
  const sheet = sheetOf(p.d, spec.sheet);
  const headers = spec.columns.map((c) => c.header);
  let address: string;
  let existingHeaders: readonly string[] | undefined;
  let origin = { r: NEW_TABLE_ROW, c: 0 };
  if (!sheet) {
    p.actions.push({ kind: "addSheet", sheet: spec.sheet });
    step(p, "add-sheet", `Add the ${spec.sheet} sheet (${spec.rowMeaning} a row)`);
    address = formatA1({ r0: 0, c0: 0, r1: 0, c1: headers.length - 1 });
  } else if (sheet.used === null) {
    address = formatA1({ r0: 0, c0: 0, r1: 0, c1: headers.length - 1 });
    const inTheWay = (sheet.merged ?? []).filter((m) => {
      const a = parseA1(m);
      return a.r0 <= 1 && a.c0 < headers.length;
    });
    if (inTheWay.length > 0) {
      block(
        p,
        spec.sheet,
        `Merged cells ${inTheWay.join(", ")} on the sheet ${spec.sheet} are where set-up puts the ${spec.name} table (A1:${columnLetter(headers.length - 1)}2). Unmerge them (Home > Merge & Center > Unmerge Cells) and run set-up again.`,
        inTheWay[0],
      );
    }
  } else {
    const used = parseA1(sheet.used);
    const row1 = (sheet.firstRow ?? []).map(text);
    if (used.r0 === 0 && used.c0 === 0 && headerMatches(row1, spec) >= MIN_MATCHES) {
      // data typed without a table: turn the range into the table, keep every cell
      let last = row1.length - 1;
      while (last > 0 && row1[last].trim() === "") last--;
      const rect = { r0: 0, c0: 0, r1: Math.max(used.r1, 1), c1: Math.max(last, 0) };
      if (row1.slice(0, last + 1).some((h) => h.trim() === "")) {
        block(
          p,
          spec.sheet,
          `Row 1 of the sheet ${spec.sheet} has blank headers between the columns. Give every column in A1:${columnLetter(last)}1 a header and run set-up again.`,
          `A1:${columnLetter(last)}1`,
        );
      }
      if ((sheet.merged ?? []).length > 0) {
        block(
          p,
          spec.sheet,
          `The sheet ${spec.sheet} has merged cells (${sheet.merged?.join(", ")}); a table can't hold merged cells. Unmerge them (Home > Merge & Center > Unmerge Cells) and run set-up again.`,
          sheet.merged?.[0],
        );
      }
      address = formatA1(rect);
      existingHeaders = row1.slice(0, last + 1);
      origin = { r: 0, c: 0 };
      step(
        p,
        "add-table",
        `Turn the data in ${spec.sheet}!${address} into the ${spec.name} table (every row kept)`,
      );
    } else {
      block(
        p,
        spec.sheet,
        `The sheet ${spec.sheet} holds other content and no ${spec.name} table, so set-up will not write on it. Rename that sheet (right-click its tab > Rename) and run set-up again: set-up then adds a new ${spec.sheet} sheet.`,
      );
      return;
    }
  }
  p.touched.add(spec.sheet);
  if (existingHeaders) {
    p.actions.push({ kind: "createTable", table: spec.name, sheet: spec.sheet, address });
    const described: DescribedTable = {
      name: spec.name,
      sheet: spec.sheet,
      headerRow: origin.r,
      firstColumn: origin.c,
      headers: existingHeaders,
      rowCount: 0,
    };
    planExistingTable(p, spec, described);
    // a converted range gets the whole decoration, its style and frozen header
    const m = p.actions.findIndex((a) => a.kind === "decorateTable" && a.table === spec.name);
    const all =
      existingHeaders.length +
      ((): number => {
        const add = p.actions.find((a) => a.kind === "addColumns" && a.table === spec.name);
        return add && add.kind === "addColumns" ? add.headers.length : 0;
      })();
    const deco = decorationFor(spec, origin, all, matchedIndexes(spec, existingHeaders, p));
    if (m >= 0) p.actions[m] = deco;
    else p.actions.push(deco);
    return;
  }
  p.actions.push({ kind: "createTable", table: spec.name, sheet: spec.sheet, address, headers });
  step(p, "add-table", `Add the ${spec.name} table on ${spec.sheet} with its ${headers.length} columns`);
  const indexes = new Map(spec.columns.map((c, i) => [c.key, i]));
  p.actions.push(decorationFor(spec, origin, headers.length, indexes));
  step(
    p,
    "validation",
    `${spec.name}: drop-downs from the Lists sheet, limits, input messages, required-cell highlighting`,
  );
  for (const col of spec.columns) {
    if (col.kind === "calculated" && col.formula) {
      p.actions.push({
        kind: "calculatedColumn",
        table: spec.name,
        index: indexes.get(col.key) ?? 0,
        formula: col.formula,
      });
      step(p, "formula", `${spec.name}: calculate ${col.header}`);
    }
  }
}

/** "Our role, Level" or, for many, "all 19 columns" / "12 columns (Partnership ID, Partnership, …)". */
function columnList(spec: TableSpec, columns: readonly DecoratedColumn[]): string {
  const headers = columns.map((c) => spec.columns.find((x) => x.key === c.key)?.header ?? c.key);
  if (headers.length <= 4) return headers.join(", ");
  if (headers.length === spec.columns.length) return `all ${headers.length} columns`;
  return `${headers.length} columns (${headers.slice(0, 3).join(", ")}, …)`;
}

/** blueprint key → index in a converted range's headers after columns are appended */
function matchedIndexes(spec: TableSpec, headers: readonly string[], p: PlanContext): Map<string, number> {
  const out = new Map<string, number>();
  const add = p.actions.find((a) => a.kind === "addColumns" && a.table === spec.name);
  const added = add && add.kind === "addColumns" ? add.headers : [];
  const renamed = new Map<number, string>();
  for (const a of p.actions)
    if (a.kind === "renameHeader" && a.table === spec.name) renamed.set(a.index, a.to);
  const final = [...headers.map((h, i) => renamed.get(i) ?? h), ...added];
  for (const col of spec.columns) {
    const i = final.findIndex((h) => labelKey(h) === labelKey(col.header));
    if (i >= 0) out.set(col.key, i);
  }
  return out;
}

function decorationFor(
  spec: TableSpec,
  origin: { r: number; c: number },
  width: number,
  indexes: ReadonlyMap<string, number>,
): SetupAction {
  const columns: DecoratedColumn[] = [];
  for (const col of spec.columns) {
    const i = indexes.get(col.key);
    if (i !== undefined)
      columns.push({
        index: i,
        key: col.key,
        letter: columnLetter(origin.c + i),
        added: true,
        highlight: col.required,
      });
  }
  return {
    kind: "decorateTable",
    table: spec.name,
    sheet: spec.sheet,
    firstBodyRow: origin.r + 2,
    firstLetter: columnLetter(origin.c),
    lastLetter: columnLetter(origin.c + width - 1),
    calculatedColumns: spec.columns.filter((c) => c.kind === "calculated" && indexes.has(c.key)).length,
    columns,
    isNew: true,
    headerRow: origin.r + 1,
  };
}
