import * as React from "react";
import { Button, Spinner, Text } from "@fluentui/react-components";
import { describeError, formatCount, formatFte, formatPercent, formatPerDistrict } from "./format";
import type { AuditOperations, Headlines } from "../core/operations";
import { Status, type StatusMessage } from "./Status";
import { useViewStyles } from "./styles";

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

  const h = headlines;
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
          <dd className={styles.figureValue}>{formatFte(h.fte)}</dd>
          <dt>Leading or key partner</dt>
          <dd className={styles.figureValue}>{formatPercent(h.leadershipRatio)}</dd>
        </dl>
      )}
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
    </div>
  );
}
