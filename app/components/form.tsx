/** Form-level errors (conform's `form`), announced to screen readers. */
export function FormErrors({ form }: { form: { errorId: string; errors?: string[] } }) {
  if (!form.errors?.length) return null;
  return (
    <div className="alert error" role="alert" id={form.errorId}>
      {form.errors.join(" ")}
    </div>
  );
}

/** The error under a field; conform's getInputProps points the input at it with aria-describedby. */
export function FieldError({ field }: { field: { errorId: string; errors?: string[] } }) {
  if (!field.errors?.length) return null;
  return (
    <p className="field-error" id={field.errorId}>
      {field.errors.join(" ")}
    </p>
  );
}
