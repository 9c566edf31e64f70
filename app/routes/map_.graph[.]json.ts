import type { LoaderFunctionArgs } from "@remix-run/node";
import { createHash } from "node:crypto";
import { getSupplyGraph } from "~/data/supply-graph-cache.server";
import { db } from "~/db.server";
import { DEFAULT_NODE_CAP } from "~/domain/supply-map";
import { mapFilters, parseMapQuery } from "~/domain/supply-map/map-query";
import { requireRole } from "~/permissions.server";

/**
 * The nodes and edges the interactive map draws, fetched by the map page in the browser: the page
 * itself stays small, and the JSON is serialised once per version of the graph and revalidated
 * with an ETag, so revisiting the map costs a 304.
 */
export async function loader({ request }: LoaderFunctionArgs) {
  const current = await requireRole(request, ["procurement", "analyst"]);
  const { orgId } = current.membership;
  const url = new URL(request.url);
  const filters = mapFilters(parseMapQuery(url));
  const snapshot = await getSupplyGraph(db, orgId);
  const headers: Record<string, string> = { "Content-Type": "application/json; charset=utf-8", "Cache-Control": "private, no-cache" };
  const etag = `"${createHash("sha256").update(`${orgId}|${snapshot.version}|${url.search}`).digest("base64url").slice(0, 27)}"`;
  headers.ETag = etag;
  if (request.headers.get("If-None-Match") === etag) return new Response(null, { status: 304, headers });
  return new Response(snapshot.viewJson(filters, DEFAULT_NODE_CAP), { headers });
}
