/** Keeps the findings of a check bounded per sheet, column and severity. */
import type { Finding } from "../../model/findings";

/** Findings listed per sheet, column and severity before the rest are only counted. */
export const FINDINGS_PER_COLUMN = 200;

/**
 * Keeps the findings of a check bounded: the first `limit` of each sheet, column and severity are
 * listed, the others counted, and `more` gives one finding per overflowing column that says how many
 * more there are. A million bad rows then cost a few hundred findings, not a million.
 */
export function findingLimiter(limit: number): {
  admit(f: Finding): boolean;
  admitKey(severity: Finding["severity"], sheet: string, column: string | undefined): boolean;
  more(file: { file?: string }): Finding[];
} {
  const seen = new Map<
    string,
    { severity: Finding["severity"]; sheet: string; column: string | undefined; count: number }
  >();
  const admitKey = (severity: Finding["severity"], sheet: string, column: string | undefined): boolean => {
    const key = `${severity}|${sheet}|${column ?? ""}`;
    const entry = seen.get(key);
    if (!entry) {
      seen.set(key, { severity, sheet, column, count: 1 });
      return true;
    }
    entry.count++;
    return entry.count <= limit;
  };
  return {
    admit: (f) => admitKey(f.severity, f.sheet, f.column),
    admitKey,
    more(file) {
      const out: Finding[] = [];
      for (const { severity, sheet, column, count } of seen.values()) {
        if (count <= limit) continue;
        const n = count - limit;
        out.push({
          ...file,
          severity,
          sheet,
          ...(column !== undefined ? { column } : {}),
          message: `and ${n.toLocaleString("en-GB")} more like ${n === 1 ? "it" : "them"} (only the first ${limit} ${severity}s of this column are listed); fix those, then check again`,
          more: n,
        });
      }
      return out;
    },
  };
}
