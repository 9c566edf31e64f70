import type { LoaderFunctionArgs } from "@remix-run/node";
import { PassThrough } from "node:stream";
import { createReadableStreamFromReadable } from "@remix-run/node";
import { writePortfolioTemplate } from "~/domain/portfolio";
import { requireRole } from "~/permissions.server";

const XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

export async function loader({ request }: LoaderFunctionArgs) {
  await requireRole(request, ["procurement", "analyst"]);
  const body = new PassThrough();
  writePortfolioTemplate(body).catch((error: unknown) => body.destroy(error as Error));
  return new Response(createReadableStreamFromReadable(body), {
    headers: {
      "Content-Type": XLSX,
      "Content-Disposition": 'attachment; filename="portfolio-template.xlsx"',
      "X-Content-Type-Options": "nosniff",
    },
  });
}
