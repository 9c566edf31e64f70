import type { AnswerValue, Question } from "~/domain/questionnaire/answers";
import { TABLE_EXTRA_ROWS } from "~/domain/questionnaire/answers";

function durationParts(minutes: unknown): { amount: string; unit: "min" | "h" | "d" } {
  if (typeof minutes !== "number") return { amount: "", unit: "h" };
  if (minutes !== 0 && minutes % 1440 === 0) return { amount: String(minutes / 1440), unit: "d" };
  if (minutes % 60 === 0) return { amount: String(minutes / 60), unit: "h" };
  return { amount: String(minutes), unit: "min" };
}

function DurationInput({ name, value, label, disabled }: { name: string; value: unknown; label: string; disabled: boolean }) {
  const { amount, unit } = durationParts(value);
  return (
    <span className="duration">
      <input type="number" min={0} step="any" name={name} id={name} defaultValue={amount} aria-label={label} disabled={disabled} style={{ width: "7rem" }} />{" "}
      <select name={`${name}.unit`} defaultValue={unit} aria-label={`${label}: unit`} disabled={disabled} className="compact">
        <option value="min">minutes</option>
        <option value="h">hours</option>
        <option value="d">days</option>
      </select>
    </span>
  );
}

/** One question as form fields named the way parseAnswer reads them. */
export function QuestionField({ question, value, disabled, error }: { question: Question; value: AnswerValue | undefined; disabled: boolean; error?: string }) {
  const name = `q.${question.key}`;
  const describedBy = [question.help ? `${name}-help` : null, error ? `${name}-error` : null].filter(Boolean).join(" ") || undefined;
  let control: React.ReactNode;
  switch (question.type) {
    case "yes_no":
      control = (
        <span role="radiogroup" aria-labelledby={`${name}-label`} aria-describedby={describedBy}>
          {["yes", "no"].map((v) => (
            <label key={v} className="inline-choice">
              <input type="radio" name={name} value={v} defaultChecked={value === (v === "yes")} disabled={disabled} data-condition-source={question.key} /> {v === "yes" ? "Yes" : "No"}
            </label>
          ))}
        </span>
      );
      break;
    case "single_choice":
      control = (
        <select name={name} id={name} defaultValue={typeof value === "string" ? value : ""} disabled={disabled} aria-describedby={describedBy} data-condition-source={question.key}>
          <option value="">Choose…</option>
          {question.config.options?.map((o) => (
            <option key={o.value} value={o.value}>
              {o.label}
            </option>
          ))}
        </select>
      );
      break;
    case "multi_choice":
      control = (
        <fieldset className="plain" aria-describedby={describedBy}>
          <legend className="visually-hidden">{question.text}</legend>
          {question.config.options?.map((o) => (
            <label key={o.value} className="block-choice">
              <input type="checkbox" name={name} value={o.value} defaultChecked={Array.isArray(value) && (value as unknown[]).includes(o.value)} disabled={disabled} /> {o.label}
            </label>
          ))}
        </fieldset>
      );
      break;
    case "text":
    case "file":
      control = (
        <textarea name={name} id={name} rows={question.type === "file" ? 1 : 3} defaultValue={typeof value === "string" ? value : ""} disabled={disabled} aria-describedby={describedBy} />
      );
      break;
    case "number":
      control = <input type="number" step="any" name={name} id={name} defaultValue={typeof value === "number" ? value : ""} disabled={disabled} aria-describedby={describedBy} />;
      break;
    case "date":
      control = <input type="date" name={name} id={name} defaultValue={typeof value === "string" ? value : ""} disabled={disabled} aria-describedby={describedBy} />;
      break;
    case "duration":
      control = <DurationInput name={name} value={value} label={question.text} disabled={disabled} />;
      break;
    case "table": {
      const rows = Array.isArray(value) ? (value as Record<string, unknown>[]) : [];
      const columns = question.config.columns ?? [];
      const count = disabled ? rows.length : rows.length + TABLE_EXTRA_ROWS;
      control = (
        <div style={{ overflowX: "auto" }}>
          <table className="answer-table">
            <thead>
              <tr>
                <th scope="col">#</th>
                {columns.map((c) => (
                  <th key={c.key} scope="col">
                    {c.label}
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              {Array.from({ length: count }, (_, index) => {
                const row = rows[index] ?? {};
                return (
                  <tr key={index}>
                    <td>{index + 1}</td>
                    {columns.map((c) => {
                      const cellName = `${name}.${index}.${c.key}`;
                      const label = `${c.label}, row ${index + 1}`;
                      const cell = row[c.key];
                      return (
                        <td key={c.key}>
                          {c.type === "duration" ? (
                            <DurationInput name={cellName} value={cell} label={label} disabled={disabled} />
                          ) : c.type === "yes_no" ? (
                            <select name={cellName} defaultValue={cell === true ? "yes" : cell === false ? "no" : ""} aria-label={label} disabled={disabled} className="compact">
                              <option value="">—</option>
                              <option value="yes">Yes</option>
                              <option value="no">No</option>
                            </select>
                          ) : (
                            <input
                              type={c.type === "number" ? "number" : "text"}
                              name={cellName}
                              defaultValue={cell === null || cell === undefined ? "" : String(cell)}
                              aria-label={label}
                              disabled={disabled}
                              maxLength={c.type === "country" ? 2 : 500}
                              style={{ minWidth: c.type === "country" ? "3.5rem" : "9rem", width: c.type === "country" ? "3.5rem" : undefined }}
                            />
                          )}
                        </td>
                      );
                    })}
                  </tr>
                );
              })}
            </tbody>
          </table>
        </div>
      );
      break;
    }
  }
  return (
    <div className={`question${error ? " has-error" : ""}`}>
      <p className="question-text" id={`${name}-label`}>
        <label htmlFor={["yes_no", "multi_choice", "table", "duration"].includes(question.type) ? undefined : name}>
          {question.text}
          {question.required ? <span aria-hidden="true"> *</span> : null}
          {question.required ? <span className="visually-hidden"> (required)</span> : null}
        </label>
      </p>
      {question.help ? (
        <p className="muted hint" id={`${name}-help`}>
          {question.help}
        </p>
      ) : null}
      {control}
      {error ? (
        <p className="field-error" id={`${name}-error`} role="alert">
          {error}
        </p>
      ) : null}
    </div>
  );
}
