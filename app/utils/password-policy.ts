import { z } from "zod";

/** NIST 800-63B style: length over composition rules; long passphrases welcome. */
export const NewPasswordSchema = z
  .string({ required_error: "Choose a password" })
  .min(12, "Use at least 12 characters")
  .max(1024, "Use at most 1,024 characters");

export function withConfirmation<T extends z.ZodRawShape>(shape: T) {
  return z
    .object({ ...shape, password: NewPasswordSchema, confirm: z.string() })
    .refine((v) => v.password === v.confirm, { path: ["confirm"], message: "The two passwords differ" });
}
