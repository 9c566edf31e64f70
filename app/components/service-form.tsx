import { getFormProps, getInputProps, getTextareaProps, useForm, type SubmissionResult } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod";
import { Form, Link } from "@remix-run/react";
import { ServiceFormSchema } from "~/domain/services/service-form";
import { CsrfInput } from "./csrf-input";
import { FieldError, FormErrors } from "./form";

export interface ServiceFormDefaults {
  externalId?: string;
  name?: string;
  owner?: string | null;
  description?: string | null;
  requiredRtoHours?: string;
  requiredRpoHours?: string;
  mtpdHours?: string;
}

/** Create / edit form for an internal service: validated in the browser and again on the server (same schema). */
export function ServiceForm({
  lastResult,
  defaults,
  submitLabel,
  cancelTo,
}: {
  lastResult: SubmissionResult<string[]> | undefined;
  defaults: ServiceFormDefaults;
  submitLabel: string;
  cancelTo: string;
}) {
  const [form, fields] = useForm({
    id: "service",
    lastResult,
    shouldValidate: "onBlur",
    shouldRevalidate: "onInput",
    defaultValue: { ...defaults, owner: defaults.owner ?? "", description: defaults.description ?? "" },
    onValidate: ({ formData }) => parseWithZod(formData, { schema: ServiceFormSchema, disableAutoCoercion: true }),
  });
  const text = (name: Exclude<keyof typeof fields, "description">, label: string, hint?: string, inputMode?: "decimal") => {
    const field = fields[name];
    return (
      <div className="field">
        <label htmlFor={field.id}>{label}</label>
        {hint ? (
          <p className="muted hint" id={`${field.id}-hint`}>
            {hint}
          </p>
        ) : null}
        <input {...getInputProps(field, { type: "text" })} inputMode={inputMode} aria-describedby={describedBy(field, hint)} />
        <FieldError field={field} />
      </div>
    );
  };
  return (
    <Form method="post" {...getFormProps(form)} className="card form-grid">
      <CsrfInput />
      <FormErrors form={form} />
      {text("externalId", "Service ID", "Your own key for this service, as in the portfolio workbook, e.g. SVC-PAY")}
      {text("name", "Name")}
      {text("owner", "Owner", "Optional: who owns the service, e.g. HR operations")}
      {text("requiredRtoHours", "Required RTO (hours)", "Longest the service may be down; decimals allowed (0.25 = 15 min)", "decimal")}
      {text("requiredRpoHours", "Required RPO (hours)", "Most data (as time) that may be lost; 0 for none", "decimal")}
      {text("mtpdHours", "MTPD (hours)", "Maximum tolerable period of disruption; at least the RTO", "decimal")}
      <div className="field">
        <label htmlFor={fields.description.id}>Description</label>
        <textarea {...getTextareaProps(fields.description)} rows={3} />
        <FieldError field={fields.description} />
      </div>
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

/** The hint and, when there is one, the error describe the input (conform only links the error). */
function describedBy(field: { id: string; errorId: string; errors?: string[] }, hint: string | undefined) {
  const ids = [hint ? `${field.id}-hint` : null, field.errors?.length ? field.errorId : null].filter(Boolean);
  return ids.length ? ids.join(" ") : undefined;
}
