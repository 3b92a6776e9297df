import * as React from "react";
import { makeStyles, Spinner, Tab, TabList, tokens } from "@fluentui/react-components";
import { CHECK_COMMAND_EVENT, takeCheckResult, type CheckCommandDetail } from "../commands/events";
import type { AuditOperations } from "../core/model/operations";
import { SetupView } from "./SetupView";

// The first view (Set up) comes with the pane; the others load when first opened (their own chunks).
const CheckView = React.lazy(() =>
  import(/* webpackChunkName: "view-check" */ "./CheckView").then((m) => ({ default: m.CheckView })),
);
const OverviewView = React.lazy(() =>
  import(/* webpackChunkName: "view-overview" */ "./OverviewView").then((m) => ({ default: m.OverviewView })),
);
const SettingsView = React.lazy(() =>
  import(/* webpackChunkName: "view-settings" */ "./SettingsView").then((m) => ({ default: m.SettingsView })),
);
const ImportView = React.lazy(() =>
  import(/* webpackChunkName: "view-import" */ "./ImportView").then((m) => ({ default: m.ImportView })),
);
// The survey's code (questionnaire, import planning) comes with its view; the file reader later still.
const SurveyView = React.lazy(() =>
  import(/* webpackChunkName: "view-survey" */ "./SurveyView").then((m) => ({ default: m.SurveyView })),
);
// The report's code (builder, renderer) is loaded only when the Report view is first shown.
const ReportView = React.lazy(() => import(/* webpackChunkName: "view-report" */ "./ReportView"));

type ViewId = "setup" | "check" | "overview" | "settings" | "import" | "survey" | "report";

const VIEWS: readonly { readonly id: ViewId; readonly label: string }[] = [
  { id: "setup", label: "Set up" },
  { id: "check", label: "Check" },
  { id: "overview", label: "Overview" },
  { id: "settings", label: "Settings" },
  { id: "import", label: "Import" },
  { id: "survey", label: "Survey" },
  { id: "report", label: "Report" },
];

const useStyles = makeStyles({
  app: {
    display: "flex",
    flexDirection: "column",
    paddingLeft: tokens.spacingHorizontalM,
    paddingRight: tokens.spacingHorizontalM,
    paddingTop: tokens.spacingVerticalS,
    minWidth: 0,
  },
  title: {
    margin: 0,
    fontSize: tokens.fontSizeBase500,
    fontWeight: tokens.fontWeightSemibold,
    lineHeight: tokens.lineHeightBase500,
  },
  tabs: {
    flexWrap: "wrap",
    marginLeft: `calc(-1 * ${tokens.spacingHorizontalXS})`,
  },
  // Narrower tabs, so that all five fit on one line at the task pane's default width (~350 px).
  tab: {
    paddingLeft: tokens.spacingHorizontalXS,
    paddingRight: tokens.spacingHorizontalXS,
  },
});

/** The task pane: its views in tabs; every view stays mounted so that long work survives a tab switch. */
export function App({
  operations,
  initialView = "setup",
}: {
  readonly operations: AuditOperations;
  readonly initialView?: ViewId;
}): React.JSX.Element {
  const styles = useStyles();
  const [view, setView] = React.useState<ViewId>(initialView);
  const [commandCheck, setCommandCheck] = React.useState<CheckCommandDetail | null>(null);
  const [visited, setVisited] = React.useState<ReadonlySet<ViewId>>(new Set([initialView]));

  const select = (id: ViewId): void => {
    setView(id);
    setVisited((v) => (v.has(id) ? v : new Set([...v, id])));
  };

  // The ribbon's Check workbook command reports to the Check view: a result that arrived before the
  // pane mounted waits in the mailbox; later ones come with the event (events.ts).
  React.useEffect(() => {
    const show = (detail: CheckCommandDetail): void => {
      setCommandCheck(detail);
      setView("check");
      setVisited((v) => (v.has("check") ? v : new Set([...v, "check"])));
    };
    const waiting = takeCheckResult();
    if (waiting) show(waiting);
    const onCommand = (): void => {
      const detail = takeCheckResult();
      if (detail) show(detail);
    };
    window.addEventListener(CHECK_COMMAND_EVENT, onCommand);
    return () => window.removeEventListener(CHECK_COMMAND_EVENT, onCommand);
  }, []);

  const panel = (id: ViewId): React.JSX.Element | null => {
    // A view is mounted the first time it is shown (so that it reads the workbook only when needed)
    // and then kept mounted.
    if (!visited.has(id)) return null;
    switch (id) {
      case "setup":
        return <SetupView operations={operations} />;
      case "check":
        return <CheckView operations={operations} commandCheck={commandCheck} />;
      case "overview":
        return <OverviewView operations={operations} />;
      case "settings":
        return <SettingsView operations={operations} />;
      case "import":
        return <ImportView operations={operations} />;
      case "survey":
        return <SurveyView operations={operations} />;
      case "report":
        return (
          <React.Suspense fallback={<p>Loading the report view…</p>}>
            <ReportView operations={operations} />
          </React.Suspense>
        );
    }
  };

  return (
    <main className={styles.app}>
      <h1 className={styles.title}>Partnership Audit</h1>
      <TabList
        className={styles.tabs}
        selectedValue={view}
        onTabSelect={(_, data) => select(data.value as ViewId)}
        aria-label="Partnership Audit views"
        size="small"
      >
        {VIEWS.map((v) => (
          <Tab
            key={v.id}
            id={`tab-${v.id}`}
            className={styles.tab}
            value={v.id}
            aria-controls={`panel-${v.id}`}
          >
            {v.label}
          </Tab>
        ))}
      </TabList>
      {VIEWS.map((v) => (
        <div
          key={v.id}
          id={`panel-${v.id}`}
          role="tabpanel"
          aria-labelledby={`tab-${v.id}`}
          hidden={view !== v.id}
        >
          <React.Suspense fallback={<Spinner size="tiny" label="Opening…" />}>{panel(v.id)}</React.Suspense>
        </div>
      ))}
    </main>
  );
}
