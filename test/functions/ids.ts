/** The pinned ids of the AUDIT functions, in catalogue order (docs/functions.md): the public contract. */
export const FUNCTION_IDS = [
  "PARTNERSHIPS",
  "PERDISTRICT",
  "FTE",
  "FTEBY",
  "LEADERSHIPRATIO",
  "BREAKDOWN",
  "CHANGE",
  "SCORE",
  "PARTNERSHIPSBY",
  "LEADERSHIPBY",
  "COST",
  "REVIEW",
  "SHAREDSEATS",
  "OVERLAPS",
] as const;
