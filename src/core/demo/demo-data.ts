/**
 * Made-up, deterministic audit data shaped like the study's findings: 11 districts in one region,
 * about 4.6 partnerships per district (51 memberships: 42 local partnerships and 4 shared
 * sub-regional/regional ones that several districts list under the same ID), about half of them
 * with a Leading or Key role, and about one full-time post (≈ 1.0 FTE) of staff time per district.
 * A seeded PRNG (mulberry32), never Math.random: the same call gives the same data.
 */
import { LISTS, tableSpec, type ListKey, type SettingKey } from "../model/blueprint";
import type { GradeCost, TableAppend } from "../model/workbook-data";

/** mulberry32: a small, fast, seeded 32-bit generator; returns numbers in [0, 1). */
// exported for tests and the bench
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export interface DemoReturn {
  /** file name, e.g. "D01.xlsx" */
  readonly file: string;
  readonly settings: Readonly<Partial<Record<SettingKey, string | number>>>;
  readonly tables: readonly TableAppend[];
  /** the GradeCosts table: the hourly cost of each grade */
  readonly gradeCosts: readonly GradeCost[];
}

/**
 * Made-up hourly costs per grade (salary with on-costs, pounds an hour), plausible for a public
 * employment service; the same in every demo district.
 */
// exported for tests
export const DEMO_GRADE_COSTS: readonly GradeCost[] = [
  { grade: "Senior Civil Service", cost: 85 },
  { grade: "Grade 6", cost: 62 },
  { grade: "Grade 7", cost: 52 },
  { grade: "SEO", cost: 41 },
  { grade: "HEO", cost: 34 },
  { grade: "EO", cost: 28 },
  { grade: "AO", cost: 23 },
];

// exported for tests
export const DEMO_REGION = "North West";
// exported for tests
export const DEMO_ROUND = "2026-Q4";

function values(list: ListKey): readonly string[] {
  return LISTS.find((l) => l.key === list)?.values ?? [];
}

function pick<T>(rand: () => number, items: readonly T[]): T {
  return items[Math.floor(rand() * items.length) % items.length];
}

function pickSome(
  rand: () => number,
  items: readonly string[],
  min: number,
  max: number,
  favour?: string,
): string {
  const n = min + Math.floor(rand() * (max - min + 1));
  const chosen = new Set<string>();
  if (favour && n > 0 && rand() < 0.75) chosen.add(favour);
  while (chosen.size < Math.min(n, items.length)) chosen.add(pick(rand, items));
  return [...chosen].join("; ");
}

interface Membership {
  readonly id: string;
  readonly name: string;
  readonly level: string;
  readonly type: string;
  /** the partner organisations around its table, as [organisation, organisation type] (a shared partnership's are the same in every district) */
  readonly members?: readonly (readonly [string, string])[];
}

const PARTNERSHIP_COLUMNS = [
  "partnershipId",
  "partnership",
  "level",
  "type",
  "region",
  "district",
  "leadOrganisation",
  "ourRole",
  "seniorGrade",
  "involvedSince",
  "meetingsPerYear",
  "motivations",
  "barriers",
  "contribution",
  "impactRoutes",
  "effectivenessFactors",
  "guidanceNeeded",
  "notes",
  "auditRound",
] as const;

const REPRESENTATION_COLUMNS = [
  "partnershipId",
  "representative",
  "grade",
  "meetingsPerYear",
  "hoursPerMeeting",
  "otherHoursPerMonth",
  "annualHours",
  "district",
  "auditRound",
] as const;

const SURVEY_COLUMNS = [
  "partnershipId",
  "respondent",
  "organisationType",
  "roleSeenByPartner",
  "valueTime",
  "valueExperience",
  "valueProgrammes",
  "valueLmi",
  "trustReliable",
  "trustMission",
  "trustOpen",
  "effectiveness",
  "comments",
  "district",
  "auditRound",
] as const;

const MEMBER_COLUMNS = [
  "partnershipId",
  "organisation",
  "organisationType",
  "district",
  "auditRound",
] as const;

/** Organisations that sit on some local partnerships of any district, with their types. */
const OTHER_MEMBERS: readonly (readonly [string, string])[] = [
  ["Learning and Skills Council", "LSC / skills body"],
  ["Chamber of Commerce", "Employer body"],
  ["Police", "Other public"],
  ["Fire and Rescue Service", "Other public"],
  ["Connexions", "Other public"],
  ["Housing Association", "Voluntary / community"],
  ["Federation of Small Businesses", "Employer body"],
];

/**
 * A district's own partners: its council, college, health body and voluntary sector, who sit on
 * most of its local partnerships (so that those partnerships overlap).
 */
function districtMembers(district: string): (readonly [string, string])[] {
  return [
    [`${district} Council`, "Local authority"],
    [`${district} College`, "Education"],
    [`${district} Primary Care Trust`, "Health"],
    [`${district} Council for Voluntary Service`, "Voluntary / community"],
  ];
}

const LEADS = [
  "City Council",
  "County Council",
  "Learning and Skills Council",
  "Chamber of Commerce",
  "Primary Care Trust",
  "Jobcentre Plus",
];
const POSTS = [
  "District Manager",
  "Partnership Manager",
  "Employer Engagement Manager",
  "Business Manager",
  "Office Manager",
];
const ROLE_WEIGHTS: readonly [string, number][] = [
  ["Leading", 0.17],
  ["Key", 0.28],
  ["Active", 0.35],
  ["Limited", 0.2],
];

function weightedRole(rand: () => number): string {
  let x = rand();
  for (const [role, w] of ROLE_WEIGHTS) {
    if (x < w) return role;
    x -= w;
  }
  return "Active";
}

interface DistrictOptions {
  readonly district: string;
  readonly region?: string;
  readonly auditRound?: string;
  readonly seed: number;
  /** partnerships only this district takes part in */
  readonly local: number;
  /** shared partnerships it also lists (same ID in every district) */
  readonly shared?: readonly Membership[];
  /** staff hours a year to spread over its representatives (default one full-time post, 37 × 52) */
  readonly hours?: number;
  /** the current year, for "Involved since" (default 2026) */
  readonly currentYear?: number;
}

/** One district's return, deterministic for its options. */
// exported for tests and the bench
export function demoDistrict(options: DistrictOptions): DemoReturn {
  const rand = seededRandom(options.seed);
  const region = options.region ?? DEMO_REGION;
  const round = options.auditRound ?? DEMO_ROUND;
  const currentYear = options.currentYear ?? 2026;
  const types = values("types");
  const num = options.district.replace(/\D/g, "").padStart(2, "0");
  const memberships: Membership[] = [];
  for (let i = 0; i < options.local; i++) {
    const type = i === 0 ? "Local Strategic Partnership" : pick(rand, types.slice(1));
    memberships.push({
      id: `P-${num}${String(i + 1).padStart(options.local > 99 ? 3 : 2, "0")}`,
      name:
        i === 0 ? `${options.district} Local Strategic Partnership` : `${options.district} ${type} ${i + 1}`,
      level: "Local",
      type,
    });
  }
  memberships.push(...(options.shared ?? []));

  const partnerships: (string | number | null)[][] = [];
  const representation: (string | number | null)[][] = [];
  const survey: (string | number | null)[][] = [];
  const members: (string | number | null)[][] = [];
  // the members are drawn from a generator of their own, so the other tables stay as they were
  const memberRand = seededRandom(options.seed * 13 + 5);
  const own = districtMembers(options.district);
  for (const m of memberships) {
    const around: (readonly [string, string])[] = m.members
      ? [...m.members]
      : [own[0], ...own.slice(1).filter(() => memberRand() < 0.7)];
    if (!m.members) {
      const extra = 1 + Math.floor(memberRand() * 3);
      for (let k = 0; k < extra; k++) {
        const o = pick(memberRand, OTHER_MEMBERS);
        if (!around.includes(o)) around.push(o);
      }
    }
    for (const [organisation, type] of around) members.push([m.id, organisation, type, null, null]);
  }
  const reps: { id: string; post: string; grade: string; meetings: number; hours: number }[] = [];
  // A few partnerships whose partners rate the value of our contribution low (so that the review
  // flags some): drawn from a second generator, so the rest of the demo stays as it was.
  const valueRand = seededRandom(options.seed * 7 + 3);
  for (const m of memberships) {
    const weak = valueRand() < 0.12;
    const meetings = pick(rand, [4, 6, 10, 12]);
    partnerships.push([
      m.id,
      m.name,
      m.level,
      m.type,
      region,
      null,
      pick(rand, LEADS),
      weightedRole(rand),
      pick(rand, ["Grade 6", "Grade 7", "SEO", "HEO"]),
      currentYear - 1 - Math.floor(rand() * 12),
      meetings,
      pickSome(rand, values("motivations"), 1, 3, "Achieving targets"),
      pickSome(rand, values("barriers"), 0, 3, "Pressure on key staff time"),
      pick(rand, values("contributionLevels")),
      pickSome(rand, values("impactRoutes"), 1, 2),
      pickSome(rand, values("effectivenessFactors"), 1, 2, "Good formal and informal relations"),
      pickSome(rand, values("guidanceNeeds"), 0, 2),
      null,
      null,
    ]);
    const repCount = rand() < 0.35 ? 2 : 1;
    for (let r = 0; r < repCount; r++) {
      reps.push({
        id: m.id,
        post: POSTS[(reps.length + r) % POSTS.length],
        grade: pick(rand, ["Grade 7", "SEO", "HEO", "EO"]),
        meetings,
        hours: pick(rand, [2, 2.5, 3, 3.5, 4]),
      });
    }
    const responses = 1 + Math.floor(rand() * 2);
    for (let s = 0; s < responses; s++) {
      const rating = (): number => 2 + Math.floor(rand() * 3);
      // a weak partnership's value ratings are 1 or 2 (its other ratings as drawn)
      const value = (): number => {
        const drawn = rating();
        return weak ? 1 + Math.floor(valueRand() * 2) : drawn;
      };
      survey.push([
        m.id,
        pick(rand, LEADS),
        pick(rand, values("organisationTypes")),
        pick(rand, ["Key", "Active", "Leading", "Limited"]),
        value(),
        value(),
        value(),
        value(),
        rating(),
        rating(),
        rating(),
        rating(),
        null,
        null,
        null,
      ]);
    }
  }
  // spread the district's hours: meetings first, the rest as other hours a month
  const target = (options.hours ?? 37 * 52) * (0.9 + rand() * 0.2);
  const meetingHours = reps.reduce((s, r) => s + r.meetings * r.hours, 0);
  const weights = reps.map(() => 0.5 + rand());
  const weightSum = weights.reduce((a, b) => a + b, 0);
  const rest = Math.max(0, target - meetingHours);
  for (const [i, r] of reps.entries()) {
    const other = Math.round(((rest * weights[i]) / weightSum / 12) * 2) / 2;
    representation.push([
      r.id,
      r.post,
      r.grade,
      r.meetings,
      r.hours,
      other,
      r.meetings * r.hours + 12 * other,
      null,
      null,
    ]);
  }
  return {
    file: `${options.district}.xlsx`,
    settings: { region, district: options.district, auditRound: round, hoursPerWeek: 37, weeksPerYear: 52 },
    tables: [
      { table: "Partnerships", columns: PARTNERSHIP_COLUMNS, rows: partnerships },
      { table: "Representation", columns: REPRESENTATION_COLUMNS, rows: representation },
      { table: "PartnerSurvey", columns: SURVEY_COLUMNS, rows: survey },
      { table: "Members", columns: MEMBER_COLUMNS, rows: members },
    ],
    gradeCosts: DEMO_GRADE_COSTS,
  };
}

/** Shared partnerships of the demo region and the districts that list them. */
const SHARED: readonly { m: Membership; districts: readonly number[] }[] = [
  {
    m: {
      id: "P-S001",
      name: "City Region Employment and Skills Board",
      level: "Sub-regional",
      type: "Employment and skills partnership",
    },
    districts: [1, 2],
  },
  {
    m: {
      id: "P-S002",
      name: "Coastal Regeneration Partnership",
      level: "Sub-regional",
      type: "Economic development / regeneration",
    },
    districts: [3, 4],
  },
  {
    m: {
      id: "P-S003",
      name: "Valleys Learning and Skills Partnership",
      level: "Sub-regional",
      type: "Learning and skills partnership",
    },
    districts: [5, 6],
  },
  {
    m: {
      id: "P-R001",
      name: "Regional Skills Partnership",
      level: "Regional",
      type: "Regional development / skills partnership",
    },
    districts: [7, 8, 9],
  },
];

/**
 * Who sits on a shared partnership: the regional bodies and the council of every district that
 * lists it (the same list in each of those districts' returns).
 */
function sharedMembers(districts: readonly number[]): (readonly [string, string])[] {
  return [
    ["Regional Development Agency", "Regional development agency"],
    ["Learning and Skills Council", "LSC / skills body"],
    ["Chamber of Commerce", "Employer body"],
    ...districts.map((n) => [`D${String(n).padStart(2, "0")} Council`, "Local authority"] as const),
  ];
}

/** Local partnerships per district: 42 in all, 3 or 4 each. */
const LOCAL_COUNTS = [4, 4, 4, 4, 4, 4, 4, 4, 3, 4, 3];

/** The 11 demo district returns (D01 … D11). */
export function demoReturns(seed = 2026): DemoReturn[] {
  return LOCAL_COUNTS.map((local, i) => {
    const n = i + 1;
    const district = `D${String(n).padStart(2, "0")}`;
    return demoDistrict({
      district,
      seed: seed * 100 + n,
      local,
      shared: SHARED.filter((s) => s.districts.includes(n)).map((s) => ({
        ...s.m,
        members: sharedMembers(s.districts),
      })),
    });
  });
}

/** The demo region's partnership directory (shared IDs) for the Lists sheet. */
export function demoDirectory(): [string, string, string][] {
  return SHARED.map((s) => [s.m.id, s.m.name, s.m.level]);
}

// ---------------------------------------------------------------------------------------------
// The round before, and a return with mistakes

/** The round before DEMO_ROUND, for `compare` and `report --previous`. */
export const DEMO_PREVIOUS_ROUND = "2025-Q4";

/**
 * The local partnerships a district joined most recently (Involved since this year or later) are
 * the ones new in this round: the previous round's return leaves them out (never its Local
 * Strategic Partnership, which every district has).
 */
const JOINED_SINCE = 2024;
/** The chance that a district took part in one more local partnership, since ended. */
const ENDED_CHANCE = 0.35;

const ROLES_UP: readonly string[] = ["Limited", "Active", "Key", "Leading"];

function column<T extends readonly string[]>(columns: T, key: T[number]): number {
  return columns.indexOf(key);
}

function tableRows(r: DemoReturn, table: TableAppend["table"]): readonly (readonly unknown[])[] {
  return r.tables.find((t) => t.table === table)?.rows ?? [];
}

type Row = (string | number | null)[];

/**
 * One district's return of the previous round, derived from this round's `current` with a
 * generator of its own: the local partnerships it joined most recently (Involved since
 * JOINED_SINCE or later) are left out, sometimes one more local partnership that has since ended is added (with its
 * own representatives, survey responses and members), some roles were a step lower or higher, and
 * the other hours a month of each representative differ (most were lower).
 */
function previousDistrict(current: DemoReturn, seed: number): DemoReturn {
  const rand = seededRandom(seed);
  const district = String(current.settings.district);
  const pid = column(PARTNERSHIP_COLUMNS, "partnershipId");
  const level = column(PARTNERSHIP_COLUMNS, "level");
  const type = column(PARTNERSHIP_COLUMNS, "type");
  const since = column(PARTNERSHIP_COLUMNS, "involvedSince");
  const role = column(PARTNERSHIP_COLUMNS, "ourRole");
  const partnerships = tableRows(current, "Partnerships").map((r) => [...r] as Row);
  const joined = new Set(
    partnerships
      .filter(
        (r) =>
          r[level] === "Local" &&
          r[type] !== "Local Strategic Partnership" &&
          typeof r[since] === "number" &&
          r[since] >= JOINED_SINCE,
      )
      .map((r) => String(r[pid])),
  );
  const kept = (r: readonly unknown[]): boolean => !joined.has(String(r[0]));
  const tables: Record<TableAppend["table"], Row[]> = {
    Partnerships: partnerships.filter(kept),
    Representation: tableRows(current, "Representation")
      .filter(kept)
      .map((r) => [...r] as Row),
    PartnerSurvey: tableRows(current, "PartnerSurvey")
      .filter(kept)
      .map((r) => [...r] as Row),
    Members: tableRows(current, "Members")
      .filter(kept)
      .map((r) => [...r] as Row),
  };
  for (const r of tables.Partnerships) {
    const x = rand();
    const at = ROLES_UP.indexOf(String(r[role]));
    if (x < 0.25 && at > 0) r[role] = ROLES_UP[at - 1];
    else if (x > 0.95 && at >= 0 && at < ROLES_UP.length - 1) r[role] = ROLES_UP[at + 1];
  }
  const meetings = column(REPRESENTATION_COLUMNS, "meetingsPerYear");
  const perMeeting = column(REPRESENTATION_COLUMNS, "hoursPerMeeting");
  const other = column(REPRESENTATION_COLUMNS, "otherHoursPerMonth");
  const annual = column(REPRESENTATION_COLUMNS, "annualHours");
  for (const r of tables.Representation) {
    const hours = Math.round(Number(r[other]) * (0.7 + rand() * 0.4) * 2) / 2;
    r[other] = hours;
    r[annual] = Number(r[meetings]) * Number(r[perMeeting]) + 12 * hours;
  }
  for (const r of tables.PartnerSurvey)
    for (let c = column(SURVEY_COLUMNS, "valueTime"); c <= column(SURVEY_COLUMNS, "effectiveness"); c++) {
      const x = rand();
      if (x < 0.15) r[c] = Math.max(1, Number(r[c]) - 1);
      else if (x > 0.9) r[c] = Math.min(4, Number(r[c]) + 1);
    }
  if (rand() < ENDED_CHANCE) {
    // drawn as this district's partnership after its local ones, with the previous round's year
    const local = partnerships.filter((r) => r[level] === "Local").length;
    const wider = demoDistrict({
      district,
      seed: seed * 17 + 1,
      local: local + 1,
      auditRound: DEMO_PREVIOUS_ROUND,
      currentYear: 2025,
    });
    const ended = String(tableRows(wider, "Partnerships")[local][pid]);
    for (const table of Object.keys(tables) as TableAppend["table"][])
      for (const r of tableRows(wider, table)) if (r[0] === ended) tables[table].push([...r] as Row);
  }
  const columns: Record<TableAppend["table"], readonly string[]> = {
    Partnerships: PARTNERSHIP_COLUMNS,
    Representation: REPRESENTATION_COLUMNS,
    PartnerSurvey: SURVEY_COLUMNS,
    Members: MEMBER_COLUMNS,
  };
  return {
    file: current.file,
    settings: { ...current.settings, auditRound: DEMO_PREVIOUS_ROUND },
    tables: (Object.keys(tables) as TableAppend["table"][]).map((table) => ({
      table,
      columns: columns[table],
      rows: tables[table],
    })),
    gradeCosts: current.gradeCosts,
  };
}

/**
 * The same 11 districts' returns of the previous round (DEMO_PREVIOUS_ROUND): a few partnerships
 * they have joined since are not in it, a few that have since ended are, and roles and hours
 * differ. Derived from demoReturns() with a seed of its own, which it leaves as they are.
 */
export function demoPreviousReturns(seed = 2025): DemoReturn[] {
  return demoReturns().map((r, i) => previousDistrict(r, seed * 100 + i + 1));
}

/** The district of the return with mistakes (one more than the demo region's 11). */
// exported for tests
export const DEMO_MISTAKES_DISTRICT = "D12";

/** A mistake made on purpose in the demo's return with mistakes, and where it is. */
interface DemoMistake {
  readonly sheet: "Partnerships" | "Representation";
  /** the Excel row of the cell */
  readonly row: number;
  readonly column: string;
  /** what is wrong, in a few words */
  readonly what: string;
}

/**
 * A district return (D12 of the demo region, this round) with a few mistakes of the kind returns
 * have, for `check` to find: a misspelt pick-list value, hours typed as text with a thousands
 * separator ("1,200", and more than a month's other hours may be), a representative for a
 * Partnership ID that is not in Partnerships, and a partnership entered twice. `mistakes` says
 * where each is; the return is otherwise as good as the demo's others.
 */
export function demoReturnWithMistakes(seed = 2026): { demo: DemoReturn; mistakes: readonly DemoMistake[] } {
  const base = demoDistrict({ district: DEMO_MISTAKES_DISTRICT, seed: seed * 100 + 12, local: 4 });
  const partnerships = tableRows(base, "Partnerships").map((r) => [...r] as Row);
  const representation = tableRows(base, "Representation").map((r) => [...r] as Row);
  const role = column(PARTNERSHIP_COLUMNS, "ourRole");
  const other = column(REPRESENTATION_COLUMNS, "otherHoursPerMonth");
  const annual = column(REPRESENTATION_COLUMNS, "annualHours");
  const id = (n: number): string => `P-12${String(n).padStart(2, "0")}`;
  // row 3 of the sheet (the second partnership): its role misspelt
  partnerships[1][role] = partnerships[1][role] === "Leading" ? "Leadng" : "Acitve";
  const typo = String(partnerships[1][role]);
  // the second partnership entered again at the end, with the same ID
  partnerships.push([...partnerships[1]].map((v, c) => (c === role ? "Key" : v)));
  // the first representative's other hours typed as text, with a comma; Annual hours left blank
  // (its formula's value cannot be known from text)
  representation[0][other] = "1,200";
  representation[0][annual] = null;
  // a representative for a partnership that is not in Partnerships (P-1205: the return has four)
  const unknown = id(5);
  representation.push([unknown, "Partnership Manager", "HEO", 6, 2, 0, 12, null, null]);
  const mistakes: DemoMistake[] = [
    { sheet: "Partnerships", row: 3, column: "Our role", what: `"${typo}" is not a role` },
    { sheet: "Partnerships", row: partnerships.length + 1, column: "Partnership ID", what: `${id(2)} twice` },
    { sheet: "Representation", row: 2, column: "Other hours per month", what: '"1,200" as text' },
    {
      sheet: "Representation",
      row: representation.length + 1,
      column: "Partnership ID",
      what: `${unknown} is not in Partnerships`,
    },
  ];
  return {
    demo: {
      ...base,
      tables: base.tables.map((t) =>
        t.table === "Partnerships"
          ? { ...t, rows: partnerships }
          : t.table === "Representation"
            ? { ...t, rows: representation }
            : t,
      ),
    },
    mistakes,
  };
}

/** A CSV field, quoted when it holds a comma, a quote or a line break. */
function csvField(value: string | number): string {
  const text = String(value);
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/**
 * Partner survey responses about one return's partnerships, as a form tool exports them: a CSV
 * file headed by a response ID and the questionnaire's questions, one response a partnership from
 * an organisation that sits on it (its Members rows), the partnership named as a respondent would
 * (its name). One answer is out of the 1 to 4 scale (a 5) for the survey import to find.
 */
export function demoSurveyResponses(
  ret: DemoReturn,
  seed = 2026,
): { csv: string; outOfScale?: { readonly row: number; readonly header: string } } {
  const rand = seededRandom(seed * 31 + 7);
  const questions = tableSpec("PartnerSurvey").columns.filter((c) => c.question !== undefined);
  const members = ret.tables.find((t) => t.table === "Members")?.rows ?? [];
  const lines = [["Response ID", ...questions.map((c) => c.question ?? c.header)].map(csvField).join(",")];
  const wrong = 2;
  partnershipNames(ret).forEach((p, i) => {
    const around = members.filter((m) => m[0] === p.id);
    const member = around.length > 0 ? pick(rand, around) : undefined;
    const organisation = member ? String(member[1]) : pick(rand, LEADS);
    const type = member ? String(member[2]) : pick(rand, values("organisationTypes"));
    const answers = questions.map((c): string | number => {
      if (c.key === "partnershipId") return p.name;
      if (c.key === "respondent") return organisation;
      if (c.key === "organisationType") return type;
      if (c.key === "roleSeenByPartner") return pick(rand, ["Leading", "Key", "Active", "Limited"]);
      if (c.kind === "rating") return i === wrong && c.key === "valueTime" ? 5 : 2 + Math.floor(rand() * 3);
      if (c.key === "comments") return i === 0 ? "Useful, and the labour market briefings help" : "";
      return "";
    });
    lines.push([`R-${String(i + 1).padStart(3, "0")}`, ...answers].map(csvField).join(","));
  });
  const header = questions.find((c) => c.key === "valueTime")?.question ?? "";
  // the file row of the response with the 5 (the header is row 1)
  const outOfScale = lines.length > wrong + 1 ? { row: wrong + 2, header } : undefined;
  return { csv: `${lines.join("\r\n")}\r\n`, ...(outOfScale ? { outOfScale } : {}) };
}

/** The partnerships of a demo return: each one's ID and name. */
function partnershipNames(ret: DemoReturn): { id: string; name: string }[] {
  const rows = ret.tables.find((t) => t.table === "Partnerships")?.rows ?? [];
  return rows.map((r) => ({ id: String(r[0]), name: String(r[1]) }));
}
