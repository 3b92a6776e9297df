/**
 * The review thresholds of `summary` and the report (docs/value-for-time.md): the command line's,
 * else the first workbook's Settings, else the defaults (2.5 and 0). A Settings value outside the
 * setting's range (Review value below from 1 to 4, Review hours from 0 or more) or not a number
 * counts as not set, as an out-of-range Hours per week does for the FTE; the checks report it.
 */
import { appendsToReturn } from "../../../src/core/consolidation/consolidate";
import {
  reviewThresholds,
  thresholdDisagreements,
  type ReviewThresholds,
} from "../../../src/core/figures/value-for-time";
import type { AuditReturn } from "../../../src/core/model/workbook-data";

type Own = Partial<Record<"reviewValueBelow" | "reviewHoursFrom", string | number>>;

const workbook = (file: string, own: Own): AuditReturn =>
  appendsToReturn(file, { region: "North West", district: "D01", auditRound: "2026-Q4", ...own }, []);

describe("reviewThresholds", () => {
  const cases: [string, Own[], Partial<ReviewThresholds>, ReviewThresholds][] = [
    ["no workbook: the defaults", [], {}, { valueBelow: 2.5, hoursFrom: 0 }],
    ["settings blank: the defaults", [{}], {}, { valueBelow: 2.5, hoursFrom: 0 }],
    [
      "the first workbook's settings",
      [{ reviewValueBelow: 3, reviewHoursFrom: 40 }],
      {},
      { valueBelow: 3, hoursFrom: 40 },
    ],
    [
      "numeric text",
      [{ reviewValueBelow: " 3.5 ", reviewHoursFrom: "12" }],
      {},
      { valueBelow: 3.5, hoursFrom: 12 },
    ],
    [
      "the bounds themselves",
      [{ reviewValueBelow: 4, reviewHoursFrom: 0 }],
      {},
      { valueBelow: 4, hoursFrom: 0 },
    ],
    ["value below 1", [{ reviewValueBelow: 1 }], {}, { valueBelow: 1, hoursFrom: 0 }],
    ["value below above 4: the default", [{ reviewValueBelow: 7 }], {}, { valueBelow: 2.5, hoursFrom: 0 }],
    ["value below under 1: the default", [{ reviewValueBelow: 0.5 }], {}, { valueBelow: 2.5, hoursFrom: 0 }],
    ["value below negative: the default", [{ reviewValueBelow: -3 }], {}, { valueBelow: 2.5, hoursFrom: 0 }],
    ["hours from negative: the default", [{ reviewHoursFrom: -5 }], {}, { valueBelow: 2.5, hoursFrom: 0 }],
    [
      "text: the default",
      [{ reviewValueBelow: "high", reviewHoursFrom: "lots" }],
      {},
      { valueBelow: 2.5, hoursFrom: 0 },
    ],
    ["only the first workbook counts", [{}, { reviewValueBelow: 3 }], {}, { valueBelow: 2.5, hoursFrom: 0 }],
    [
      "the command line wins",
      [{ reviewValueBelow: 3, reviewHoursFrom: 40 }],
      { valueBelow: 2, hoursFrom: 0 },
      { valueBelow: 2, hoursFrom: 0 },
    ],
    [
      "one given, the other from Settings",
      [{ reviewValueBelow: 3, reviewHoursFrom: 40 }],
      { hoursFrom: 5 },
      { valueBelow: 3, hoursFrom: 5 },
    ],
  ];
  it.each(cases)("%s", (_what, own, overrides, expected) => {
    const returns = own.map((o, i) => workbook(`D0${i + 1}.xlsx`, o));
    expect(reviewThresholds(returns, overrides)).toEqual(expected);
  });
});

describe("thresholdDisagreements reads the settings as the review does", () => {
  const cases: [string, Own[], number][] = [
    ["the same", [{ reviewValueBelow: 3 }, { reviewValueBelow: 3 }], 0],
    ["another value", [{ reviewValueBelow: 3 }, { reviewValueBelow: 2 }], 1],
    ["an out-of-range value is the default, as the review takes it", [{}, { reviewValueBelow: 9 }], 0],
    ["blank against the default", [{ reviewValueBelow: 2.5 }, {}], 0],
  ];
  it.each(cases)("%s", (_what, own, n) => {
    const returns = own.map((o, i) => workbook(`D0${i + 1}.xlsx`, o));
    expect(thresholdDisagreements(returns)).toHaveLength(n);
  });
});
