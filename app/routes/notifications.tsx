import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { z } from "zod";
import { requireUser } from "~/auth.server";
import { ActionMessage } from "~/components/action-message";
import { CsrfInput } from "~/components/csrf-input";
import { readValidatedForm } from "~/csrf.server";
import { db } from "~/db.server";
import { ensureEvidenceMaintenance } from "~/evidence/maintenance.server";
import { listNotifications, markRead } from "~/evidence/notifications.server";
import { parseForm, type ActionResult } from "~/utils/forms";

export const meta: MetaFunction = () => [{ title: "Notifications · Resilience portal" }];

export async function loader({ request }: LoaderFunctionArgs) {
  const current = await requireUser(request);
  ensureEvidenceMaintenance(db);
  return { notifications: await listNotifications(db, current) };
}

const MarkRead = z.object({ id: z.union([z.literal("").transform(() => null), z.string().uuid()]).optional().transform((v) => v ?? null) });

export async function action({ request }: ActionFunctionArgs) {
  const current = await requireUser(request);
  const parsed = parseForm(MarkRead, await readValidatedForm(request));
  if (!parsed.success) return data(parsed.result, { status: 400 });
  const n = await markRead(db, current, parsed.data.id);
  return { ok: true, message: n === 1 ? "Marked as read." : `Marked ${n} as read.` } satisfies ActionResult;
}

export default function NotificationsPage() {
  const { notifications } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const unread = notifications.filter((n) => !n.read_at).length;
  return (
    <>
      <h1>Notifications</h1>
      <ActionMessage result={result} />
      {unread > 1 ? (
        <Form method="post">
          <CsrfInput />
          <input type="hidden" name="id" value="" />
          <button type="submit" className="button secondary small">
            Mark all {unread} as read
          </button>
        </Form>
      ) : null}
      {notifications.length === 0 ? (
        <p className="card empty">Nothing new.</p>
      ) : (
        <ul className="card">
          {notifications.map((n) => (
            <li key={n.id} style={{ fontWeight: n.read_at ? "normal" : "bold" }}>
              {n.link ? <Link to={n.link}>{n.title}</Link> : n.title}
              {n.body ? <span className="muted"> — {n.body}</span> : null} <small className="muted">{new Date(n.created_at).toLocaleDateString("en-GB")}</small>
              {n.read_at ? null : (
                <Form method="post" style={{ display: "inline" }}>
                  <CsrfInput />
                  <input type="hidden" name="id" value={n.id} />{" "}
                  <button type="submit" className="link-button">
                    Mark read<span className="visually-hidden">: {n.title}</span>
                  </button>
                </Form>
              )}
            </li>
          ))}
        </ul>
      )}
    </>
  );
}
