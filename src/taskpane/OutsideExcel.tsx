import * as React from "react";
import { Link, makeStyles, Text, tokens } from "@fluentui/react-components";

const useStyles = makeStyles({
  page: {
    display: "flex",
    flexDirection: "column",
    rowGap: tokens.spacingVerticalM,
    padding: tokens.spacingHorizontalL,
    maxWidth: "40rem",
  },
  title: { margin: 0, fontSize: tokens.fontSizeBase500, fontWeight: tokens.fontWeightSemibold },
  heading: { margin: 0, fontSize: tokens.fontSizeBase400, fontWeight: tokens.fontWeightSemibold },
  list: { margin: 0, paddingLeft: tokens.spacingHorizontalXL },
});

/** Shown when the page is opened outside Excel: what this is and how to load it in Excel. */
export function OutsideExcel({
  manifestUrl,
  otherHost,
}: {
  readonly manifestUrl: string;
  /** the Office application the page was opened in, when it is not Excel */
  readonly otherHost?: string;
}): React.JSX.Element {
  const styles = useStyles();
  return (
    <main className={styles.page}>
      <h1 className={styles.title}>Partnership Audit for Excel</h1>
      {otherHost && (
        <Text as="p" weight="semibold">
          This add-in works in Excel only, not in {otherHost}.
        </Text>
      )}
      <Text as="p">
        This is an Excel add-in for auditing local and regional partnership work: it sets up an audit
        workbook, checks it, imports district returns and adds the AUDIT functions. It runs inside Excel, so
        this page does nothing on its own in a browser.
      </Text>
      <h2 className={styles.heading}>Load it in Excel on the web</h2>
      <ol className={styles.list}>
        <li>
          Download the manifest: <Link href={manifestUrl}>manifest.xml</Link>.
        </li>
        <li>Open a workbook in Excel on the web.</li>
        <li>Choose Insert (or Home) &gt; Add-ins &gt; More add-ins &gt; My add-ins &gt; Upload My Add-in.</li>
        <li>Choose the manifest.xml file and Upload. Partnership audit then appears on the Home tab.</li>
      </ol>
      <h2 className={styles.heading}>Load it in Excel on Windows or Mac</h2>
      <ol className={styles.list}>
        <li>
          Windows: put manifest.xml in a shared network folder, add that folder as a trusted catalog (File
          &gt; Options &gt; Trust Center &gt; Trusted Add-in Catalogs), restart Excel and choose it under
          Add-ins &gt; Shared Folder.
        </li>
        <li>
          Windows or Mac, from the project folder:{" "}
          <code>npx office-addin-debugging start manifest.xml desktop</code>.
        </li>
      </ol>
      <Text as="p">
        The functions and the pane are described on the <Link href="help.html">help page</Link>.
      </Text>
      <Text as="p">Audit data stays in your workbook: the add-in sends nothing anywhere.</Text>
    </main>
  );
}
