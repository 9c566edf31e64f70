import { getFormProps, getInputProps, getSelectProps, useForm, type SubmissionResult } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod";
import { Form, Link } from "@remix-run/react";
import { SupplierFormSchema } from "~/domain/supplier-form";
import { CsrfInput } from "./csrf-input";
import { FieldError, FormErrors } from "./form";

export interface DuplicateCandidate {
  id: string;
  externalId: string;
  name: string;
  country: string | null;
  reasons: string[];
}

export interface SupplierFormDefaults {
  externalId?: string;
  name?: string;
  country?: string | null;
  isVendor?: boolean;
  criticality?: string;
  contactEmail?: string | null;
  declaredRtoHours?: number | null;
  declaredRpoHours?: number | null;
  lei?: string | null;
  duns?: string | null;
  website?: string | null;
}

/** Create / edit form for a supplier: validated in the browser and again on the server (same schema). */
export function SupplierForm({
  lastResult,
  defaults,
  duplicates,
  submitLabel,
  cancelTo,
}: {
  lastResult: SubmissionResult<string[]> | undefined;
  defaults: SupplierFormDefaults;
  duplicates?: DuplicateCandidate[];
  submitLabel: string;
  cancelTo: string;
}) {
  const [form, fields] = useForm({
    id: "supplier",
    lastResult,
    shouldValidate: "onBlur",
    shouldRevalidate: "onInput",
    defaultValue: {
      ...defaults,
      isVendor: defaults.isVendor ? "on" : undefined,
      declaredRtoHours: defaults.declaredRtoHours?.toString(),
      declaredRpoHours: defaults.declaredRpoHours?.toString(),
    },
    onValidate: ({ formData }) => parseWithZod(formData, { schema: SupplierFormSchema, disableAutoCoercion: true }),
  });
  const text = (name: keyof typeof fields, label: string, hint?: string, type: "text" | "email" = "text") => {
    const field = fields[name];
    return (
      <div className="field">
        <label htmlFor={field.id}>{label}</label>
        {hint ? (
          <p className="muted hint" id={`${field.id}-hint`}>
            {hint}
          </p>
        ) : null}
        <input {...getInputProps(field, { type })} />
        <FieldError field={field} />
      </div>
    );
  };
  return (
    <Form method="post" {...getFormProps(form)} className="card form-grid">
      <CsrfInput />
      <FormErrors form={form} />
      {duplicates?.length ? (
        <div className="alert error" role="alert">
          <p style={{ margin: 0 }}>This looks like a supplier you already have:</p>
          <ul>
            {duplicates.map((d) => (
              <li key={d.id}>
                <Link to={`/suppliers/${d.id}`}>
                  {d.name} ({d.externalId}, {d.country ?? "no country"})
                </Link>{" "}
                — {d.reasons.join(", ")}
              </li>
            ))}
          </ul>
          <label>
            <input type="checkbox" name="confirmNotDuplicate" value="yes" /> It is a different company: save anyway
          </label>
        </div>
      ) : null}
      {text("externalId", "Supplier ID", "Your own key for this supplier, e.g. SUP-042")}
      {text("name", "Name")}
      {text("country", "Country", "Two-letter ISO code, e.g. DE")}
      <div className="field">
        <label htmlFor={fields.criticality.id}>Criticality</label>
        <select {...getSelectProps(fields.criticality)}>
          <option value="">Choose…</option>
          <option value="critical">Critical</option>
          <option value="high">High</option>
          <option value="medium">Medium</option>
          <option value="low">Low</option>
        </select>
        <FieldError field={fields.criticality} />
      </div>
      <div className="field">
        <label>
          <input {...getInputProps(fields.isVendor, { type: "checkbox" })} /> Direct vendor (tier 1: we buy from them)
        </label>
      </div>
      {text("contactEmail", "Continuity contact email", undefined, "email")}
      {text("declaredRtoHours", "Declared RTO (hours)", "Leave empty if unknown; decimals allowed (0.25 = 15 min)")}
      {text("declaredRpoHours", "Declared RPO (hours)", "Leave empty if unknown")}
      {text("lei", "LEI")}
      {text("duns", "D-U-N-S number")}
      {text("website", "Website")}
      <div className="actions">
        <button type="submit" className="button">
          {submitLabel}
        </button>
        <Link to={cancelTo} className="button secondary">
          Cancel
        </Link>
      </div>
    </Form>
  );
}
