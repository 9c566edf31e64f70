import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { useActionData } from "@remix-run/react";
import { SupplierForm } from "~/components/supplier-form";
import { requireRole } from "~/permissions.server";
import { saveSupplierFromForm } from "~/supplier-actions.server";

export const meta: MetaFunction = () => [{ title: "New supplier · Resilience portal" }];

export async function loader({ request }: LoaderFunctionArgs) {
  await requireRole(request, ["procurement"]);
  return null;
}

export async function action({ request }: ActionFunctionArgs) {
  const current = await requireRole(request, ["procurement"]);
  return saveSupplierFromForm(request, current);
}

export default function NewSupplierPage() {
  const actionData = useActionData<typeof action>();
  return (
    <>
      <h1>New supplier</h1>
      <SupplierForm
        lastResult={actionData?.result}
        duplicates={actionData?.duplicates}
        defaults={{ criticality: "medium" }}
        submitLabel="Create supplier"
        cancelTo="/suppliers"
      />
    </>
  );
}
