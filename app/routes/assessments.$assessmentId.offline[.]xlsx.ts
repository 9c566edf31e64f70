import type { LoaderFunctionArgs } from "@remix-run/node";
import { requireUser } from "~/auth.server";
import { offlineDownload } from "~/questionnaire-offline.server";

/** The questionnaire as an .xlsx to fill in offline: vendors only their own; procurement and analysts any in the organisation. */
export async function loader({ request, params }: LoaderFunctionArgs) {
  const current = await requireUser(request);
  return offlineDownload(current, params.assessmentId);
}
