import * as React from "react";
import { Button, Field, Input, Spinner, Text } from "@fluentui/react-components";
import { settingSpec } from "../core/model/blueprint";
import { describeError } from "./format";
import type { AuditOperations } from "../core/model/operations";
import { draftOf, validateSettings, type SettingsDraft, type SettingsErrors } from "./settings-form";
import { Status, type StatusMessage } from "./Status";
import { useViewStyles } from "./styles";

const EMPTY: SettingsDraft = { region: "", district: "", auditRound: "", hoursPerWeek: "", weeksPerYear: "" };

export function SettingsView({ operations }: { readonly operations: AuditOperations }): React.JSX.Element {
  const styles = useViewStyles();
  const [draft, setDraft] = React.useState<SettingsDraft>(EMPTY);
  const [errors, setErrors] = React.useState<SettingsErrors>({});
  const [loading, setLoading] = React.useState(false);
  const [saving, setSaving] = React.useState(false);
  const [status, setStatus] = React.useState<StatusMessage | null>(null);

  const load = React.useCallback(async () => {
    setLoading(true);
    try {
      setDraft(draftOf(await operations.readSettings()));
      setErrors({});
    } catch (error) {
      setStatus({
        intent: "error",
        text: describeError(error, "read the Settings sheet (run Set up workbook first if it is missing)"),
      });
    } finally {
      setLoading(false);
    }
  }, [operations]);

  React.useEffect(() => {
    void load();
  }, [load]);

  const update =
    (key: keyof SettingsDraft) =>
    (_: unknown, data: { value: string }): void => {
      setDraft((d) => ({ ...d, [key]: data.value }));
      setErrors((e) => ({ ...e, [key]: undefined }));
    };

  const save = async (event: React.FormEvent): Promise<void> => {
    event.preventDefault();
    const checked = validateSettings(draft);
    setErrors(checked.errors);
    if (!checked.values) {
      setStatus({ intent: "warning", text: "Some settings need fixing: see the messages under the fields." });
      return;
    }
    setSaving(true);
    setStatus(null);
    try {
      await operations.writeSettings(checked.values);
      setStatus({ intent: "success", text: "Settings saved to the Settings sheet." });
    } catch (error) {
      setStatus({ intent: "error", text: describeError(error, "save the settings") });
    } finally {
      setSaving(false);
    }
  };

  const field = (
    key: keyof SettingsDraft,
    settingKey: Parameters<typeof settingSpec>[0],
    required: boolean,
  ) => {
    const spec = settingSpec(settingKey);
    return (
      <Field
        label={spec.label}
        required={required}
        hint={spec.help}
        validationMessage={errors[key]}
        validationState={errors[key] ? "error" : "none"}
      >
        <Input
          value={draft[key]}
          onChange={update(key)}
          inputMode={spec.kind === "number" ? "decimal" : undefined}
          disabled={loading || saving}
        />
      </Field>
    );
  };

  return (
    <form className={styles.view} onSubmit={(e) => void save(e)} noValidate>
      <h2 className={styles.heading}>Settings</h2>
      <Text>
        Saved on the Settings sheet of this workbook. Blank District and Audit round cells in the tables mean
        these values.
      </Text>
      {loading && <Spinner size="tiny" label="Reading Settings…" />}
      {field("region", "region", true)}
      {field("district", "district", false)}
      {field("auditRound", "auditRound", true)}
      {field("hoursPerWeek", "hoursPerWeek", true)}
      {field("weeksPerYear", "weeksPerYear", true)}
      <div className={styles.row}>
        <Button appearance="primary" type="submit" disabled={loading || saving}>
          {saving ? "Saving…" : "Save"}
        </Button>
        <Button onClick={() => void load()} disabled={loading || saving}>
          Reload
        </Button>
      </div>
      <Status status={status} />
    </form>
  );
}
