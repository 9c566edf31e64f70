import { openApiDocument } from "~/api/openapi";

/** Public: the API's description (no data), so integrators can generate clients. */
export function loader() {
  return Response.json(openApiDocument, { headers: { "Cache-Control": "public, max-age=300" } });
}
