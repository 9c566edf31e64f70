import type { z } from "zod";

export type ActionResult =
  | { ok: true; message: string; link?: string }
  | { ok: false; message: string; fieldErrors?: Record<string, string[]> };

/** Parses form fields with zod; on failure returns a result the page shows next to the form. */
export function parseForm<T extends z.ZodTypeAny>(
  schema: T,
  formData: FormData,
): { success: true; data: z.infer<T> } | { success: false; result: ActionResult } {
  const parsed = schema.safeParse(Object.fromEntries(formData));
  if (parsed.success) return { success: true, data: parsed.data };
  const fieldErrors = parsed.error.flatten().fieldErrors as Record<string, string[]>;
  const first = Object.values(fieldErrors).flat()[0] ?? parsed.error.issues[0]?.message ?? "Check the form and try again.";
  return { success: false, result: { ok: false, message: first, fieldErrors } };
}
