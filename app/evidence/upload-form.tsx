import { Form, useRevalidator } from "@remix-run/react";
import { useEffect, useRef, useState, type DragEvent, type FormEvent } from "react";
import { CsrfInput } from "~/components/csrf-input";
import { ACCEPT_ATTRIBUTE, ALLOWED_SUMMARY, EVIDENCE_KINDS, KIND_LABELS, type EvidenceKind } from "~/domain/evidence";

type Result = { ok: boolean; message: string; fieldErrors?: Record<string, string[]> } | undefined;

/** Which kinds each optional field belongs to (without JavaScript every field shows, labelled). */
const FIELD_KINDS: Record<string, readonly EvidenceKind[]> = {
  documentVersion: ["bcp_plan"],
  approvalDate: ["bcp_plan"],
  testDate: ["dr_test"],
  testScope: ["dr_test", "iso22301"],
  achievedRto: ["dr_test"],
  achievedRpo: ["dr_test"],
  testResult: ["dr_test"],
  issuer: ["iso22301", "insurance"],
  certificateNumber: ["iso22301", "insurance"],
  validFrom: ["iso22301", "insurance"],
  validTo: ["iso22301", "insurance", "other"],
};

function forKinds(field: string) {
  return (FIELD_KINDS[field] ?? []).map((k) => KIND_LABELS[k]).join(", ");
}

function FieldError({ id, errors }: { id: string; errors: string[] | undefined }) {
  if (!errors?.length) return null;
  return (
    <p className="field-error" id={`${id}-error`}>
      {errors.join(" ")}
    </p>
  );
}

/**
 * Upload form: works as a plain multipart form without JavaScript; with it, files can be dropped
 * on the zone and the upload shows a progress bar. Metadata fields come before the file input, so
 * the server checks them before it stores any byte.
 */
export function EvidenceUploadForm({
  action,
  xhrAction,
  maxMb,
  result,
  replace,
  hidden,
}: {
  action: string;
  xhrAction: string;
  maxMb: number;
  result: Result;
  replace?: { id: string; title: string; kind: EvidenceKind } | null;
  hidden?: Record<string, string>;
}) {
  const [kind, setKind] = useState<EvidenceKind>(replace?.kind ?? "bcp_plan");
  const [hydrated, setHydrated] = useState(false);
  const [progress, setProgress] = useState<number | null>(null);
  const [xhrResult, setXhrResult] = useState<Result>(undefined);
  const [dragging, setDragging] = useState(false);
  const [chosen, setChosen] = useState<string[]>([]);
  const fileInput = useRef<HTMLInputElement>(null);
  const revalidator = useRevalidator();
  useEffect(() => setHydrated(true), []);

  const shown = xhrResult ?? result;
  const errors = shown && !shown.ok ? (shown.fieldErrors ?? {}) : {};
  const visible = (field: string) => !hydrated || (FIELD_KINDS[field] ?? []).includes(kind);
  const describedBy = (field: string) => (errors[field]?.length ? `${field}-error` : undefined);

  function onDrop(event: DragEvent<HTMLDivElement>) {
    event.preventDefault();
    setDragging(false);
    if (!fileInput.current || !event.dataTransfer.files.length) return;
    fileInput.current.files = event.dataTransfer.files;
    setChosen(Array.from(event.dataTransfer.files, (f) => f.name));
  }

  function onSubmit(event: FormEvent<HTMLFormElement>) {
    if (typeof XMLHttpRequest === "undefined") return;
    event.preventDefault();
    const form = event.currentTarget;
    const xhr = new XMLHttpRequest();
    xhr.open("POST", xhrAction);
    xhr.setRequestHeader("Accept", "application/json");
    xhr.upload.onprogress = (e) => setProgress(e.lengthComputable ? Math.round((100 * e.loaded) / e.total) : null);
    xhr.onload = () => {
      setProgress(null);
      let body: Result;
      try {
        body = JSON.parse(xhr.responseText) as Result;
      } catch {
        body = { ok: false, message: xhr.status === 413 ? `Each file may be at most ${maxMb} MB.` : `The upload failed (${xhr.status}).` };
      }
      setXhrResult(body);
      if (body?.ok) {
        form.reset();
        setChosen([]);
        revalidator.revalidate();
      }
    };
    xhr.onerror = () => {
      setProgress(null);
      setXhrResult({ ok: false, message: `The upload was interrupted. Files larger than ${maxMb} MB are refused; otherwise check the connection and try again.` });
    };
    setXhrResult(undefined);
    setProgress(0);
    xhr.send(new FormData(form));
  }

  return (
    <Form method="post" encType="multipart/form-data" action={action} className="card" onSubmit={onSubmit} aria-describedby="upload-help">
      <CsrfInput />
      <input type="hidden" name="intent" value="upload" />
      {Object.entries(hidden ?? {}).map(([k, v]) => (
        <input key={k} type="hidden" name={k} value={v} />
      ))}
      {replace ? <input type="hidden" name="supersedesId" value={replace.id} /> : null}
      <h2 style={{ marginTop: 0 }}>{replace ? `Upload a new version of “${replace.title}”` : "Upload evidence"}</h2>
      {shown ? (
        <div className={`alert ${shown.ok ? "info" : "error"}`} role={shown.ok ? "status" : "alert"}>
          {shown.message}
        </div>
      ) : null}
      <div className="form-grid">
        <div className="field">
          <label htmlFor="kind">Kind</label>
          <select id="kind" name="kind" value={kind} onChange={(e) => setKind(e.target.value as EvidenceKind)} disabled={Boolean(replace)} aria-describedby={describedBy("kind")}>
            {EVIDENCE_KINDS.map((k) => (
              <option key={k} value={k}>
                {KIND_LABELS[k]}
              </option>
            ))}
          </select>
          {replace ? <input type="hidden" name="kind" value={replace.kind} /> : null}
          <FieldError id="kind" errors={errors.kind} />
        </div>
        <div className="field">
          <label htmlFor="title">Title (optional: the file name otherwise)</label>
          <input id="title" name="title" type="text" maxLength={200} aria-describedby={describedBy("title")} />
          <FieldError id="title" errors={errors.title} />
        </div>
        {(
          [
            ["documentVersion", "Plan version", "text"],
            ["approvalDate", "Approval date", "date"],
            ["testDate", "Test date", "date"],
            ["testScope", "Scope", "text"],
            ["issuer", kind === "insurance" ? "Insurer" : "Issuer (certification body)", "text"],
            ["certificateNumber", kind === "insurance" ? "Policy number" : "Certificate number", "text"],
            ["validFrom", "Valid from", "date"],
            ["validTo", "Valid to (expiry)", "date"],
          ] as const
        ).map(([name, label, type]) =>
          visible(name) ? (
            <div className="field" key={name}>
              <label htmlFor={name}>
                {label}
                {hydrated ? null : <span className="muted"> ({forKinds(name)})</span>}
              </label>
              <input id={name} name={name} type={type} aria-invalid={errors[name]?.length ? true : undefined} aria-describedby={describedBy(name)} />
              <FieldError id={name} errors={errors[name]} />
            </div>
          ) : null,
        )}
        {(["achievedRto", "achievedRpo"] as const).map((name) =>
          visible(name) ? (
            <div className="field" key={name}>
              <label htmlFor={name}>
                {name === "achievedRto" ? "Achieved RTO" : "Achieved RPO"}
                {hydrated ? null : <span className="muted"> ({forKinds(name)})</span>}
              </label>
              <input id={name} name={name} type="number" min={0} step="any" inputMode="decimal" aria-describedby={describedBy(name)} />{" "}
              <select name={`${name}Unit`} aria-label={`${name === "achievedRto" ? "RTO" : "RPO"} unit`} defaultValue="h">
                <option value="min">minutes</option>
                <option value="h">hours</option>
                <option value="d">days</option>
              </select>
              <FieldError id={name} errors={errors[name]} />
            </div>
          ) : null,
        )}
        {visible("testResult") ? (
          <fieldset className="field">
            <legend>Result{hydrated ? null : <span className="muted"> ({forKinds("testResult")})</span>}</legend>
            <label className="inline-choice">
              <input type="radio" name="testResult" value="pass" /> Passed
            </label>{" "}
            <label className="inline-choice">
              <input type="radio" name="testResult" value="fail" /> Failed
            </label>
            <FieldError id="testResult" errors={errors.testResult} />
          </fieldset>
        ) : null}
      </div>
      <div
        className={`field dropzone${dragging ? " dragging" : ""}`}
        onDragOver={(e) => {
          e.preventDefault();
          setDragging(true);
        }}
        onDragLeave={() => setDragging(false)}
        onDrop={onDrop}
        style={{ border: "2px dashed currentColor", borderRadius: 8, padding: "1rem", opacity: dragging ? 0.7 : 1 }}
      >
        <label htmlFor="file">Files{hydrated ? " — choose or drop them here" : ""}</label>
        <input
          ref={fileInput}
          id="file"
          name="file"
          type="file"
          multiple={!replace}
          required
          accept={ACCEPT_ATTRIBUTE}
          aria-describedby={`upload-help${errors.file?.length ? " file-error" : ""}`}
          onChange={(e) => setChosen(Array.from(e.currentTarget.files ?? [], (f) => f.name))}
        />
        {chosen.length ? <p className="muted">{chosen.join(", ")}</p> : null}
        <p id="upload-help" className="muted">
          {ALLOWED_SUMMARY}; at most {maxMb} MB each, up to 10 files at once.
        </p>
        <FieldError id="file" errors={errors.file} />
      </div>
      {progress !== null ? (
        <p>
          <label htmlFor="upload-progress">Uploading…</label>{" "}
          <progress id="upload-progress" max={100} value={progress}>
            {progress}%
          </progress>{" "}
          {progress}%
        </p>
      ) : null}
      <button type="submit" className="button" disabled={progress !== null}>
        Upload
      </button>
    </Form>
  );
}
