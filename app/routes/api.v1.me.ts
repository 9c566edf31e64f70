import type { LoaderFunctionArgs } from "@remix-run/node";
import { requireApiUser } from "~/permissions.server";

export async function loader({ request }: LoaderFunctionArgs) {
  const current = await requireApiUser(request);
  const { membership } = current;
  return Response.json({
    user: current.user,
    organisation: { id: membership.orgId, name: membership.orgName, slug: membership.orgSlug },
    role: membership.role,
    supplierId: membership.supplierId,
    authenticatedWith: current.via.kind,
  });
}
