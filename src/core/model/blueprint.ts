/**
 * The audit blueprint: the single description of the audit workbook.
 *
 * Everything else is derived from this data: the Excel set-up (src/excel), the xlsx template the
 * command-line tool writes (src/cli), the zod row schemas (./schemas), the header matching used by
 * checks and imports, and the Summary formulas. Adding a column is a change here and nowhere else.
 *
 * Pure data, no Office, React or Node APIs.
 */

/** Bump when the blueprint gains sheets, columns, lists or formulas; set-up upgrades older workbooks. */
export const SCHEMA_VERSION = 3;

export type ColumnKind =
  /** free text */
  | "text"
  /** one value from a list on the Lists sheet */
  | "list"
  /** several values from a list, separated by ";" or a line break */
  | "multi"
  /** a number within [min, max] */
  | "number"
  /** a whole year within [min, current year] */
  | "year"
  /** a whole-number rating 1..max */
  | "rating"
  /** a calculated table column (formula); never entered by hand */
  | "calculated";

export type ListKey =
  | "levels"
  | "types"
  | "roles"
  | "grades"
  | "motivations"
  | "barriers"
  | "contributionLevels"
  | "impactRoutes"
  | "effectivenessFactors"
  | "guidanceNeeds"
  | "organisationTypes";

export interface ColumnSpec {
  /** stable identifier in code (lower camel case) */
  readonly key: string;
  /** the header written in the sheet; matched by normalised label when read */
  readonly header: string;
  readonly kind: ColumnKind;
  /** a blank cell is an error */
  readonly required: boolean;
  /** the vocabulary of a list or multi column */
  readonly list?: ListKey;
  /** bounds of number, year and rating columns; "currentYear" is resolved when checked */
  readonly min?: number;
  readonly max?: number | "currentYear";
  /** a whole number is expected (years, ratings) */
  readonly integer?: boolean;
  /** for calculated columns: the formula in structured references (row context, e.g. [@[Hours]]) */
  readonly formula?: string;
  /** blank means the workbook's Settings value of this setting (District, Audit round) */
  readonly defaultsToSetting?: SettingKey;
  /** Partnership ID columns in other tables must name a row of Partnerships */
  readonly references?: "Partnerships";
  /** the input message shown when the cell is selected (Excel allows 255 characters) */
  readonly help: string;
  /** column width in characters */
  readonly width: number;
  /** the schema version that introduced the column */
  readonly since: number;
  /**
   * Kept by a program, not typed by people (Response ID, kept by the survey importer): a table without the
   * column is read without a finding, and a row holding only this column is not a row of data.
   */
  readonly kept?: boolean;
  /** the question a survey asks for this column (Partner survey): its title in the questionnaire and in a form tool */
  readonly question?: string;
  /** the words of a rating's answer scale, 1 to 4 (Partner survey) */
  readonly scale?: RatingScaleKey;
}

/** The Partner survey's three answer scales. */
export type RatingScaleKey = "value" | "trust" | "effectiveness";

/**
 * The words of each answer scale, for ratings 1 to 4 in order: the questionnaire writes them out
 * and the survey import takes them as answers (compared as labels).
 */
export const RATING_WORDS: Readonly<Record<RatingScaleKey, readonly [string, string, string, string]>> = {
  value: ["Not valuable", "Of little value", "Valuable", "Very valuable"],
  trust: ["Strongly disagree", "Disagree", "Agree", "Strongly agree"],
  effectiveness: ["Not effective", "Of little effect", "Effective", "Very effective"],
};

export type TableName = "Partnerships" | "Representation" | "PartnerSurvey" | "Members";

export interface TableSpec {
  readonly name: TableName;
  readonly sheet: string;
  /** what one row is, for people (Guide sheet, messages) */
  readonly rowMeaning: string;
  readonly columns: readonly ColumnSpec[];
  /** a column whose values must be unique within a district return */
  readonly uniqueKey?: string;
  readonly since: number;
}

interface ListSpec {
  readonly key: ListKey;
  /** header on the Lists sheet */
  readonly header: string;
  /** workbook-level name that data validation refers to */
  readonly rangeName: string;
  readonly values: readonly string[];
  readonly since: number;
}

export type SettingKey =
  | "region"
  | "district"
  | "auditRound"
  | "hoursPerWeek"
  | "weeksPerYear"
  | "reviewValueBelow"
  | "reviewHoursFrom"
  | "overlapFrom"
  | "schemaVersion";

export interface SettingSpec {
  readonly key: SettingKey;
  /** label in column A of the Settings sheet */
  readonly label: string;
  /** workbook-level name of the value cell in column B */
  readonly name: string;
  readonly kind: "text" | "number";
  readonly default: string | number;
  readonly min?: number;
  readonly max?: number;
  /** the task pane's Settings form asks for it (a text setting that must not be blank) */
  readonly required?: boolean;
  /** an example value for messages (e.g. "2026-Q4") */
  readonly example?: string;
  readonly help: string;
  readonly since: number;
}

// ---------------------------------------------------------------------------------------------
// Sheets

export const SHEETS = {
  guide: "Guide",
  settings: "Settings",
  partnerships: "Partnerships",
  representation: "Representation",
  partnerSurvey: "Partner survey",
  members: "Members",
  lists: "Lists",
  summary: "Summary",
} as const;

/** The order of the sheets in a new workbook. */
export const SHEET_ORDER: readonly string[] = [
  SHEETS.guide,
  SHEETS.settings,
  SHEETS.partnerships,
  SHEETS.representation,
  SHEETS.partnerSurvey,
  SHEETS.members,
  SHEETS.summary,
  SHEETS.lists,
];

// ---------------------------------------------------------------------------------------------
// Vocabularies (defaults from the research; a region edits them on the Lists sheet)

export const LISTS: readonly ListSpec[] = [
  {
    key: "levels",
    header: "Levels",
    rangeName: "List_Levels",
    values: ["Regional", "Sub-regional", "Local"],
    since: 1,
  },
  {
    key: "types",
    header: "Types",
    rangeName: "List_Types",
    values: [
      "Local Strategic Partnership",
      "Employment and skills partnership",
      "Learning and skills partnership",
      "Economic development / regeneration",
      "Regional development / skills partnership",
      "Neighbourhood renewal",
      "Community safety",
      "Health and wellbeing",
      "Children and young people",
      "Voluntary and community sector forum",
      "Other",
    ],
    since: 1,
  },
  {
    key: "roles",
    header: "Roles",
    rangeName: "List_Roles",
    values: ["Leading", "Key", "Active", "Limited"],
    since: 1,
  },
  {
    key: "grades",
    header: "Grades",
    rangeName: "List_Grades",
    values: ["Senior Civil Service", "Grade 6", "Grade 7", "SEO", "HEO", "EO", "AO"],
    since: 1,
  },
  {
    key: "motivations",
    header: "Motivations",
    rangeName: "List_Motivations",
    values: [
      "Achieving targets",
      "Raising profile and influence",
      "Reaching hard-to-reach groups",
      "Keeping in touch with local organisations and developments",
      "Joint funding or initiatives",
    ],
    since: 1,
  },
  {
    key: "barriers",
    header: "Barriers",
    rangeName: "List_Barriers",
    values: [
      "Limited history of partnership working",
      "Short-term national targets",
      "Limited local flexibility or autonomy",
      "Pressure on key staff time",
      "Limited skills or experience among staff",
      "Internal, inward-looking focus",
    ],
    since: 1,
  },
  {
    key: "contributionLevels",
    header: "Contribution levels",
    rangeName: "List_ContributionLevels",
    values: ["None", "Low", "Medium", "High", "Not known"],
    since: 1,
  },
  {
    key: "impactRoutes",
    header: "Impact routes",
    rangeName: "List_ImpactRoutes",
    values: [
      "Demand side (employers, jobs)",
      "Supply side (jobseekers, claimants)",
      "Joined-up provision (avoiding gaps, overlaps, discontinuities)",
      "Trust and communication (social capital)",
    ],
    since: 1,
  },
  {
    key: "effectivenessFactors",
    header: "Effectiveness factors",
    rangeName: "List_EffectivenessFactors",
    values: [
      "Previous history of partnership working",
      "A specific local labour market problem",
      "Skills and attitudes of key individuals",
      "Good formal and informal relations",
    ],
    since: 1,
  },
  {
    key: "guidanceNeeds",
    header: "Guidance needs",
    rangeName: "List_GuidanceNeeds",
    values: [
      "Information about partnerships and partners",
      "Communication about our strategies and programmes",
      "Confidence to take part",
      "Communication and negotiation skills",
      "Representing the organisation (ambassadorial role)",
      "Networking and information sharing",
    ],
    since: 1,
  },
  {
    key: "organisationTypes",
    header: "Organisation types",
    rangeName: "List_OrganisationTypes",
    values: [
      "Local authority",
      "LSC / skills body",
      "Regional development agency",
      "Employer body",
      "Voluntary / community",
      "Health",
      "Education",
      "Other public",
    ],
    since: 1,
  },
];

/**
 * The regional partnership directory on the Lists sheet, to the right of the vocabularies: the
 * same ID for a shared regional partnership in every district.
 */
export const DIRECTORY = {
  headers: ["Directory ID", "Directory partnership", "Directory level"] as const,
  rangeName: "List_PartnershipIds",
  help: "Regional partnership directory: districts use these IDs for shared partnerships.",
  since: 1,
} as const;

/** How many rows a vocabulary may grow to on the Lists sheet (the named range stops at the last filled cell). */
export const LIST_CAPACITY = 200;

/** Role strength for the leadership ratio: Leading > Key > Active > Limited > any other label. */
export const ROLE_STRENGTH: readonly string[] = ["Leading", "Key", "Active", "Limited"];
/** Roles that count as leading for the leadership ratio by default. */
export const LEADING_ROLES: readonly string[] = ["Leading", "Key"];

// ---------------------------------------------------------------------------------------------
// Settings

export const SETTINGS: readonly SettingSpec[] = [
  {
    key: "region",
    label: "Region",
    name: "AuditRegion",
    kind: "text",
    default: "",
    required: true,
    example: "North West",
    help: "The region this workbook belongs to.",
    since: 1,
  },
  {
    key: "district",
    label: "District",
    name: "AuditDistrict",
    kind: "text",
    default: "",
    help: "The district of this return. Leave blank in a regional workbook.",
    since: 1,
  },
  {
    key: "auditRound",
    label: "Audit round",
    name: "AuditRound",
    kind: "text",
    default: "",
    required: true,
    example: "2026-Q4",
    help: "The audit round, for example 2026-Q4.",
    since: 1,
  },
  {
    key: "hoursPerWeek",
    label: "Hours per week",
    name: "HoursPerWeek",
    kind: "number",
    default: 37,
    min: 1,
    max: 168,
    help: "Contracted hours of one full-time post, used for staff-time equivalents (FTE).",
    since: 1,
  },
  {
    key: "weeksPerYear",
    label: "Weeks per year",
    name: "WeeksPerYear",
    kind: "number",
    default: 52,
    min: 1,
    max: 53,
    help: "Working weeks in a year, used for staff-time equivalents (FTE).",
    since: 1,
  },
  {
    key: "reviewValueBelow",
    label: "Review value below",
    name: "ReviewValueBelow",
    kind: "number",
    default: 2.5,
    min: 1,
    max: 4,
    help: "A partnership whose partners rate the value of our contribution below this (1–4) is flagged Review.",
    since: 2,
  },
  {
    key: "reviewHoursFrom",
    label: "Review hours from",
    name: "ReviewHoursFrom",
    kind: "number",
    default: 0,
    min: 0,
    help: "Only partnerships taking at least this many hours a year are flagged Review (0: all of them).",
    since: 2,
  },
  {
    key: "overlapFrom",
    label: "Overlap from",
    name: "OverlapFrom",
    kind: "number",
    default: 0.5,
    min: 0,
    max: 1,
    help: "Two partnerships overlap when at least this share (0–1) of the smaller one's organisations sit on both.",
    since: 3,
  },
  {
    key: "schemaVersion",
    label: "Schema version",
    name: "SchemaVersion",
    kind: "number",
    default: SCHEMA_VERSION,
    help: "Written by the add-in. Do not edit: it tells set-up what to upgrade.",
    since: 1,
  },
];

/**
 * The GradeCosts table on the Settings sheet, beside the settings: the hourly cost of each grade,
 * for the cost of representation (docs/value-for-time.md). One row per grade of the Grades list; a blank
 * cost means "not costed".
 */
export const GRADE_COSTS = {
  name: "GradeCosts",
  sheet: SHEETS.settings,
  /** the column of its header row in a new workbook (E: one empty column after the settings) */
  column: "E",
  since: 2,
  columns: [
    {
      key: "grade",
      header: "Grade",
      kind: "list",
      list: "grades",
      required: true,
      help: "A grade from the Grades list.",
      width: 22,
      since: 2,
    },
    {
      key: "hourlyCost",
      header: "Hourly cost",
      kind: "number",
      required: false,
      min: 0,
      help: "The cost of one hour of this grade's time (salary and on-costs), 0 or more. Leave blank if not costed.",
      width: 12,
      since: 2,
    },
  ],
} as const satisfies {
  name: string;
  sheet: string;
  column: string;
  since: number;
  columns: readonly ColumnSpec[];
};

/**
 * Where the survey import remembers the mapping the user confirmed: a labelled row on the Settings
 * sheet, one blank row under the last setting (label in A, the mapping as JSON in B, a named cell),
 * so that the next round's export imports in one step. Found by its label when read.
 */
export const SURVEY_MAPPING = {
  label: "Survey mapping",
  name: "SurveyMapping",
  help: "Written by the survey import: which column of a responses file fills each Partner survey column. Delete it to match by header again.",
} as const;

/** Settings sheet layout: headers in row 1, one setting a row from row 2, label in A, value in B, help in C. */
export const SETTINGS_LAYOUT = {
  headers: ["Setting", "Value", "What it is"] as const,
  firstRow: 2,
} as const;

// ---------------------------------------------------------------------------------------------
// Tables

const districtColumn = {
  key: "district",
  header: "District",
  kind: "text",
  required: false,
  defaultsToSetting: "district",
  help: "The district taking part. Leave blank to use the District on the Settings sheet.",
  width: 16,
  since: 1,
} as const satisfies ColumnSpec;

const roundColumn = {
  key: "auditRound",
  header: "Audit round",
  kind: "text",
  required: false,
  defaultsToSetting: "auditRound",
  help: "The audit round, e.g. 2026-Q4. Leave blank to use the round on the Settings sheet.",
  width: 12,
  since: 1,
} as const satisfies ColumnSpec;

/** A column spec whose key and kind keep their literal types (so row types derived from it are exact). */
type Column<K extends string, Kind extends ColumnKind> = ColumnSpec & {
  readonly key: K;
  readonly kind: Kind;
};

function multi<K extends string>(key: K, header: string, list: ListKey, what: string): Column<K, "multi"> {
  return {
    key,
    header,
    kind: "multi",
    required: false,
    list,
    help: `${what} Pick from the Lists sheet; separate several with ";".`,
    width: 30,
    since: 1,
  };
}

/** The Partner survey's rating scale: 1 (not valuable, poor) to 4 (very valuable, very good). */
export const RATING_SCALE = { min: 1, max: 4 } as const;

function rating<K extends string>(
  key: K,
  header: string,
  what: string,
  scale: RatingScaleKey,
  question: string,
): Column<K, "rating"> {
  return {
    key,
    header,
    kind: "rating",
    scale,
    question,
    required: false,
    min: RATING_SCALE.min,
    max: RATING_SCALE.max,
    integer: true,
    help: `${what} 1 = not valuable/poor … 4 = very valuable/very good. Leave blank if not answered.`,
    width: 14,
    since: 1,
  };
}

export const PARTNERSHIPS = {
  name: "Partnerships",
  sheet: SHEETS.partnerships,
  rowMeaning: "one partnership the district takes part in",
  uniqueKey: "partnershipId",
  since: 1,
  columns: [
    {
      key: "partnershipId",
      header: "Partnership ID",
      kind: "text",
      required: true,
      help: "A stable key such as P-0001, unique in this return. For a shared regional partnership use the ID from the Lists sheet directory.",
      width: 14,
      since: 1,
    },
    {
      key: "partnership",
      header: "Partnership",
      kind: "text",
      required: true,
      help: "The partnership's name.",
      width: 34,
      since: 1,
    },
    {
      key: "level",
      header: "Level",
      kind: "list",
      list: "levels",
      required: true,
      help: "Regional, Sub-regional or Local.",
      width: 13,
      since: 1,
    },
    {
      key: "type",
      header: "Type",
      kind: "list",
      list: "types",
      required: true,
      help: "The kind of partnership, from the list.",
      width: 30,
      since: 1,
    },
    {
      key: "region",
      header: "Region",
      kind: "text",
      required: true,
      help: "The region the partnership belongs to.",
      width: 14,
      since: 1,
    },
    districtColumn,
    {
      key: "leadOrganisation",
      header: "Lead organisation",
      kind: "text",
      required: false,
      help: "The organisation that leads or chairs the partnership (optional).",
      width: 22,
      since: 1,
    },
    {
      key: "ourRole",
      header: "Our role",
      kind: "list",
      list: "roles",
      required: true,
      help: "Leading (chairs, leads or is accountable), Key (core member shaping strategy), Active (helpful, not leading) or Limited (occasional attendance).",
      width: 10,
      since: 1,
    },
    {
      key: "seniorGrade",
      header: "Senior representative grade",
      kind: "list",
      list: "grades",
      required: false,
      help: "Grade of our most senior representative on the partnership.",
      width: 16,
      since: 1,
    },
    {
      key: "involvedSince",
      header: "Involved since",
      kind: "year",
      required: false,
      min: 1990,
      max: "currentYear",
      integer: true,
      help: "The year we first took part (1990 to this year).",
      width: 10,
      since: 1,
    },
    {
      key: "meetingsPerYear",
      header: "Meetings per year",
      kind: "number",
      required: false,
      min: 0,
      max: 365,
      help: "How many times the partnership meets in a year (0 to 365).",
      width: 10,
      since: 1,
    },
    multi("motivations", "Motivations", "motivations", "Why we take part."),
    multi("barriers", "Barriers", "barriers", "What holds our partnership work back."),
    {
      key: "contribution",
      header: "Contribution to targets",
      kind: "list",
      list: "contributionLevels",
      required: false,
      help: "How much the partnership contributes to our targets: None, Low, Medium, High or Not known.",
      width: 12,
      since: 1,
    },
    multi("impactRoutes", "Impact routes", "impactRoutes", "How the partnership has an impact."),
    multi(
      "effectivenessFactors",
      "Effectiveness factors",
      "effectivenessFactors",
      "What makes the partnership work.",
    ),
    multi("guidanceNeeded", "Guidance needed", "guidanceNeeds", "Guidance our staff would need."),
    {
      key: "notes",
      header: "Notes",
      kind: "text",
      required: false,
      help: "Anything else worth recording.",
      width: 30,
      since: 1,
    },
    roundColumn,
  ],
} as const satisfies TableSpec;

export const REPRESENTATION = {
  name: "Representation",
  sheet: SHEETS.representation,
  rowMeaning: "one representative's attendance at one partnership",
  since: 1,
  columns: [
    {
      key: "partnershipId",
      header: "Partnership ID",
      kind: "text",
      required: true,
      references: "Partnerships",
      help: "The ID of a partnership listed on the Partnerships sheet.",
      width: 14,
      since: 1,
    },
    {
      key: "representative",
      header: "Representative",
      kind: "text",
      required: false,
      help: "A post rather than a name is enough (for example District Manager).",
      width: 22,
      since: 1,
    },
    {
      key: "grade",
      header: "Grade",
      kind: "list",
      list: "grades",
      required: true,
      help: "The representative's grade.",
      width: 16,
      since: 1,
    },
    {
      key: "meetingsPerYear",
      header: "Meetings per year",
      kind: "number",
      required: true,
      min: 0,
      help: "Meetings this representative attends in a year (0 or more).",
      width: 10,
      since: 1,
    },
    {
      key: "hoursPerMeeting",
      header: "Hours per meeting",
      kind: "number",
      required: true,
      min: 0,
      max: 24,
      help: "Hours per meeting including preparation and travel (0 to 24).",
      width: 10,
      since: 1,
    },
    {
      key: "otherHoursPerMonth",
      header: "Other hours per month",
      kind: "number",
      required: false,
      min: 0,
      max: 744,
      help: "Other hours a month: working groups, correspondence (0 to 744).",
      width: 10,
      since: 1,
    },
    {
      key: "annualHours",
      header: "Annual hours",
      kind: "calculated",
      required: false,
      min: 0,
      formula: "=[@[Meetings per year]]*[@[Hours per meeting]]+12*N([@[Other hours per month]])",
      help: "Calculated: Meetings per year × Hours per meeting + 12 × Other hours per month.",
      width: 10,
      since: 1,
    },
    districtColumn,
    roundColumn,
  ],
} as const satisfies TableSpec;

export const PARTNER_SURVEY = {
  name: "PartnerSurvey",
  sheet: SHEETS.partnerSurvey,
  rowMeaning: "one partner organisation's answers about one partnership",
  since: 1,
  columns: [
    {
      key: "partnershipId",
      header: "Partnership ID",
      kind: "text",
      required: true,
      references: "Partnerships",
      help: "The ID of a partnership listed on the Partnerships sheet.",
      question: "Which partnership are you answering about (its ID or its name)?",
      width: 14,
      since: 1,
    },
    {
      key: "respondent",
      header: "Respondent organisation",
      kind: "text",
      required: true,
      help: "The partner organisation that answered.",
      question: "Your organisation's name",
      width: 24,
      since: 1,
    },
    {
      key: "organisationType",
      header: "Organisation type",
      kind: "list",
      list: "organisationTypes",
      required: false,
      help: "The kind of organisation that answered.",
      question: "What kind of organisation is yours?",
      width: 20,
      since: 1,
    },
    {
      key: "roleSeenByPartner",
      header: "Role we play (as seen by partner)",
      kind: "list",
      list: "roles",
      required: false,
      help: "The role the partner sees us play: Leading, Key, Active or Limited.",
      question: "Which role do we play in this partnership?",
      width: 14,
      since: 1,
    },
    rating(
      "valueTime",
      "Value of our time",
      "How valuable the partner finds our time.",
      "value",
      "How valuable to the partnership is the time our staff give it?",
    ),
    rating(
      "valueExperience",
      "Value of our experience and knowledge",
      "How valuable the partner finds our experience and knowledge.",
      "value",
      "How valuable to the partnership are our staff's experience and knowledge?",
    ),
    rating(
      "valueProgrammes",
      "Value of programme knowledge",
      "How valuable the partner finds our knowledge of programmes.",
      "value",
      "How valuable to the partnership is our knowledge of employment programmes?",
    ),
    rating(
      "valueLmi",
      "Value of labour market information",
      "How valuable the partner finds our labour market information.",
      "value",
      "How valuable to the partnership is the labour market information we provide?",
    ),
    rating(
      "trustReliable",
      "Trust (reliable)",
      "Do they find us reliable?",
      "trust",
      "We are a reliable partner in this partnership.",
    ),
    rating(
      "trustMission",
      "Trust (shares the mission)",
      "Do they find we share the mission?",
      "trust",
      "We share the partnership's mission.",
    ),
    rating(
      "trustOpen",
      "Trust (open to discussion)",
      "Do they find us open to discussion?",
      "trust",
      "We are open to discussion with the other partners.",
    ),
    rating(
      "effectiveness",
      "Effectiveness of our participation",
      "How effective they find our participation.",
      "effectiveness",
      "How effective is our participation in this partnership?",
    ),
    {
      key: "comments",
      header: "Comments",
      kind: "text",
      required: false,
      help: "The partner's comments.",
      question: "Any comments on our part in this partnership?",
      width: 30,
      since: 1,
    },
    districtColumn,
    roundColumn,
    {
      key: "responseId",
      header: "Response ID",
      kind: "text",
      required: false,
      kept: true,
      help: "Where the row came from, kept by the survey import so that importing a file again adds nothing twice. Leave as it is.",
      width: 14,
      since: 3,
    },
  ],
} as const satisfies TableSpec;

/**
 * Who else sits around each table: one row per partner organisation per partnership. The overlaps
 * between partnerships and the organisations met most are computed from it.
 */
export const MEMBERS = {
  name: "Members",
  sheet: SHEETS.members,
  rowMeaning: "one partner organisation sitting on one partnership",
  since: 3,
  columns: [
    {
      key: "partnershipId",
      header: "Partnership ID",
      kind: "text",
      required: true,
      references: "Partnerships",
      help: "The ID of a partnership listed on the Partnerships sheet.",
      width: 14,
      since: 3,
    },
    {
      key: "organisation",
      header: "Organisation",
      kind: "text",
      required: true,
      help: "A partner organisation that sits on the partnership, named the same way on every row (for example City Council).",
      width: 30,
      since: 3,
    },
    {
      key: "organisationType",
      header: "Organisation type",
      kind: "list",
      list: "organisationTypes",
      required: false,
      help: "The kind of organisation, from the list.",
      width: 20,
      since: 3,
    },
    { ...districtColumn, since: 3 },
    { ...roundColumn, since: 3 },
  ],
} as const satisfies TableSpec;

export const TABLES: readonly TableSpec[] = [PARTNERSHIPS, REPRESENTATION, PARTNER_SURVEY, MEMBERS];

export function tableSpec(name: TableName): TableSpec {
  const t = TABLES.find((x) => x.name === name);
  if (!t) throw new Error(`Unknown table ${name}`);
  return t;
}

export function listSpec(key: ListKey): ListSpec {
  const l = LISTS.find((x) => x.key === key);
  if (!l) throw new Error(`Unknown list ${key}`);
  return l;
}

export function settingSpec(key: SettingKey): SettingSpec {
  const s = SETTINGS.find((x) => x.key === key);
  if (!s) throw new Error(`Unknown setting ${key}`);
  return s;
}

/** A number setting's default (hours per week 37, weeks per year 52, …): the one place it is written. */
export function numberDefault(key: SettingKey): number {
  const value = settingSpec(key).default;
  if (typeof value !== "number") throw new Error(`The setting ${key} has no number default`);
  return value;
}
