import type { ActionResult } from "~/utils/forms";

/** The outcome of the last form post: a polite status or an alert, plus a one-time link if any. */
export function ActionMessage({ result }: { result: ActionResult | undefined }) {
  if (!result) return null;
  return (
    <div className={`alert ${result.ok ? "info" : "error"}`} role={result.ok ? "status" : "alert"}>
      <p style={{ margin: 0 }}>{result.message}</p>
      {result.ok && result.link ? (
        <p style={{ margin: ".5rem 0 0" }}>
          <label htmlFor="one-time-link">Link (shown once — copy it now)</label>
          <input id="one-time-link" type="text" readOnly value={result.link} style={{ width: "100%" }} onFocus={(e) => e.currentTarget.select()} />
        </p>
      ) : null}
    </div>
  );
}
