import type { PartnershipRow, RepresentationRow } from "../../src/core/schemas";
const f = (r: PartnershipRow, q: RepresentationRow): void => {
  const role: string | null = r.ourRole;
  const bars: string[] = r.barriers;
  const h: number | null = q.annualHours;
  // @ts-expect-error not a column
  void r.nonsense;
  void role; void bars; void h;
};
void f;
