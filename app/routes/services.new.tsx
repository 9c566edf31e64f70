import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useActionData } from "@remix-run/react";
import { ServiceForm } from "~/components/service-form";
import { readValidatedForm } from "~/csrf.server";
import { requireRole } from "~/permissions.server";
import { saveServiceFromForm } from "~/service-actions.server";

export const meta: MetaFunction = () => [{ title: "New service · Resilience portal" }];

// Same roles as supplier create/edit: procurement sets the organisation's requirements.
export async function loader({ request }: LoaderFunctionArgs) {
  await requireRole(request, ["procurement"]);
  return null;
}

export async function action({ request }: ActionFunctionArgs) {
  const current = await requireRole(request, ["procurement"]);
  const formData = await readValidatedForm(request);
  return saveServiceFromForm(request, current, formData);
}

export default function NewServicePage() {
  const actionData = useActionData<typeof action>();
  return (
    <>
      <p>
        <Link to="/services">← Internal services</Link>
      </p>
      <h1>New service</h1>
      <p className="muted">A business process or service from your business impact analysis. After saving, add the suppliers it needs.</p>
      <ServiceForm lastResult={actionData?.result} defaults={{}} submitLabel="Create service" cancelTo="/services" />
    </>
  );
}
