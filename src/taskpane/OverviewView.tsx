import * as React from "react";
import { Button, Link, Spinner, Text } from "@fluentui/react-components";
import {
  describeError,
  formatCount,
  formatFte,
  formatHours,
  formatPercent,
  formatPerDistrict,
  formatPounds,
  formatRating,
  listWords,
} from "./format";
import type {
  AuditOperations,
  CellLink,
  CostHeadline,
  Headlines,
  ReviewHeadline,
} from "../core/model/operations";
import { Status, type StatusMessage } from "./Status";
import { useViewStyles } from "./styles";

/** What the cost figure shows. */
const NOT_COMPUTED = "not computed";

/** The figures whose reason the Overview may show when they are not computed. */
const FIGURE_NAMES: Readonly<Record<string, string>> = {
  fte: "Staff time",
  fteByDistrict: "Staff time by district",
  cost: "Annual cost",
  costByDistrict: "Annual cost by district",
  review: "Partnerships to review",
  sharedSeats: "Hours beyond one on shared seats",
  overlaps: "Overlapping partnerships",
};

function costFigure(cost: CostHeadline): string {
  return cost.kind === "costed"
    ? formatPounds(cost.annual)
    : cost.kind === "invalid"
      ? NOT_COMPUTED
      : "not costed";
}

/** Why there is no cost, and what to do about it (null when costed). */
function costHelp(cost: CostHeadline): string | null {
  switch (cost.kind) {
    case "costed":
      return null;
    case "no-table":
      return "Not costed: this workbook has no GradeCosts table yet. Run Set up to add it to the Settings sheet, then fill in each grade's hourly cost.";
    case "invalid":
      return "The annual cost cannot be worked out: an hourly cost in GradeCosts or an Annual hours cell is not a valid number. Run Check to find it.";
    case "not-costed": {
      const parts: string[] = [];
      if (cost.grades.length > 0)
        parts.push(
          `fill in the hourly cost of ${listWords(cost.grades)} in the GradeCosts table on the Settings sheet`,
        );
      if (cost.blankGrade) parts.push("fill in the Grade of every Representation row that has hours");
      if (parts.length === 0)
        parts.push("fill in each grade's hourly cost in the GradeCosts table on the Settings sheet");
      return `Not costed: ${listWords(parts)}.`;
    }
  }
}

function ReviewItem({
  item,
  onSelect,
}: {
  readonly item: ReviewHeadline;
  readonly onSelect: (item: ReviewHeadline) => void;
}): React.JSX.Element {
  const detail = `${formatHours(item.hours)} hours a year, value ${formatRating(item.value)}`;
  return (
    <li>
      {item.at ? (
        <Link
          as="button"
          onClick={() => onSelect(item)}
          aria-label={`${item.id}: ${detail}. Go to its row on ${item.at.sheet}`}
        >
          {item.id}
        </Link>
      ) : (
        <Text weight="semibold">{item.id}</Text>
      )}
      <Text>: {detail}</Text>
    </li>
  );
}

/** The hours beyond one across shared seats, or why there is no figure. */
function networkHours(h: Headlines): string {
  if (h.notComputed?.sharedSeats !== undefined) return NOT_COMPUTED;
  if (h.network.hoursBeyondOne === null) return "none recorded";
  if (h.network.sharedSeats === 0) return "none shared";
  return `${formatHours(h.network.hoursBeyondOne)} hours a year (${formatCount(h.network.sharedSeats)} partnerships)`;
}

/** The number of overlapping pairs, "none recorded" when Members is empty, or "not computed". */
function networkPairs(h: Headlines): string {
  if (h.notComputed?.overlaps !== undefined) return NOT_COMPUTED;
  return h.network.overlaps === null ? "none recorded" : formatCount(h.network.overlaps);
}

export function OverviewView({ operations }: { readonly operations: AuditOperations }): React.JSX.Element {
  const styles = useViewStyles();
  const [headlines, setHeadlines] = React.useState<Headlines | null>(null);
  const [loading, setLoading] = React.useState(false);
  const [status, setStatus] = React.useState<StatusMessage | null>(null);

  const refresh = React.useCallback(async () => {
    setLoading(true);
    setStatus(null);
    try {
      setHeadlines(await operations.readHeadlines());
    } catch (error) {
      setStatus({ intent: "error", text: describeError(error, "read the headline figures") });
    } finally {
      setLoading(false);
    }
  }, [operations]);

  React.useEffect(() => {
    void refresh();
  }, [refresh]);

  const goTo = async (at: CellLink): Promise<void> => {
    try {
      await operations.selectCell(at.sheet, at.address);
    } catch (error) {
      setStatus({
        intent: "error",
        text: describeError(
          error,
          `go to ${at.sheet}!${at.address} (the sheet may have been renamed or deleted; press Refresh)`,
        ),
      });
    }
  };
  const select = async (item: ReviewHeadline): Promise<void> => {
    if (item.at) await goTo(item.at);
  };

  const h = headlines;
  const help = h ? costHelp(h.cost) : null;
  const rule = h
    ? `Partners value them below ${formatRating(h.reviewThresholds.valueBelow)} on average (the Partner survey's four value ratings, 1–4)${
        h.reviewThresholds.hoursFrom > 0
          ? ` and they take ${formatHours(h.reviewThresholds.hoursFrom)} hours a year or more`
          : ""
      }.`
    : "";
  return (
    <div className={styles.view}>
      <h2 className={styles.heading}>Overview</h2>
      <Text>
        Headline figures of the audit data in this workbook. The Summary sheet has the full tables and charts.
      </Text>
      <div className={styles.row}>
        <Button onClick={() => void refresh()} disabled={loading}>
          Refresh
        </Button>
        {loading && <Spinner size="tiny" label="Reading the tables…" />}
      </div>
      <Status status={status} />
      {h && (
        <dl className={styles.figures} aria-label="Headline figures">
          <dt>Partnerships</dt>
          <dd className={styles.figureValue}>{formatCount(h.partnerships)}</dd>
          <dt>Districts</dt>
          <dd className={styles.figureValue}>{formatCount(h.districts)}</dd>
          <dt>Partnerships per district</dt>
          <dd className={styles.figureValue}>{formatPerDistrict(h.perDistrict)}</dd>
          <dt>Staff time (full-time equivalents)</dt>
          <dd className={styles.figureValue}>{h.fte === null ? NOT_COMPUTED : formatFte(h.fte)}</dd>
          <dt>Leading or key partner</dt>
          <dd className={styles.figureValue}>{formatPercent(h.leadershipRatio)}</dd>
          <dt>Annual cost of staff time</dt>
          <dd className={styles.figureValue}>{costFigure(h.cost)}</dd>
          <dt>Partnerships to review</dt>
          <dd className={styles.figureValue}>
            {h.notComputed?.review !== undefined ? NOT_COMPUTED : formatCount(h.review.length)}
          </dd>
          <dt>Hours beyond one on shared seats</dt>
          <dd className={styles.figureValue}>
            <Link
              as="button"
              onClick={() => void goTo(h.network.sharedSeatsAt)}
              aria-label={`${networkHours(h)}: go to the shared seats on the ${h.network.sharedSeatsAt.sheet} sheet`}
            >
              {networkHours(h)}
            </Link>
          </dd>
          <dt>Overlapping partnerships (pairs)</dt>
          <dd className={styles.figureValue}>
            <Link
              as="button"
              onClick={() => void goTo(h.network.overlapsAt)}
              aria-label={`${networkPairs(h)}: go to the overlapping partnerships on the ${h.network.overlapsAt.sheet} sheet`}
            >
              {networkPairs(h)}
            </Link>
          </dd>
        </dl>
      )}
      {help && <Text className={styles.muted}>{help}</Text>}
      {h &&
        Object.entries(h.notComputed ?? {}).map(([key, reason]) => (
          <Text key={key} className={styles.muted}>
            {FIGURE_NAMES[key] ?? key}: not computed: {reason}. Run Check to find the cell.
          </Text>
        ))}
      {h && h.partnerships === 0 && (
        <Text className={styles.muted}>
          No partnerships yet: enter them on the Partnerships sheet, or import district returns, then press
          Refresh.
        </Text>
      )}
      {h && h.partnerships > 0 && h.perDistrict === null && (
        <Text className={styles.muted}>
          No district is recorded: fill in District in Settings or on each row to see partnerships per
          district.
        </Text>
      )}
      {h && (
        <section aria-labelledby="overview-review" className={styles.section}>
          <h3 id="overview-review" className={styles.subheading}>
            Partnerships to review
          </h3>
          <Text className={styles.muted}>{rule}</Text>
          {h.review.length > 0 ? (
            <ul className={styles.list} aria-label="Partnerships flagged Review">
              {h.review.map((item) => (
                <ReviewItem key={item.id} item={item} onSelect={(x) => void select(x)} />
              ))}
            </ul>
          ) : h.notComputed?.review !== undefined ? (
            <Text>Not computed: {h.notComputed.review}.</Text>
          ) : (
            <Text>None is flagged Review.</Text>
          )}
        </section>
      )}
    </div>
  );
}
