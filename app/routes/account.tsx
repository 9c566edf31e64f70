import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data, redirect } from "@remix-run/node";
import { Form, useActionData, useLoaderData } from "@remix-run/react";
import { z } from "zod";
import { clientIp, recordAudit } from "~/audit.server";
import {
  destroySession,
  getCurrentUser,
  revokeUserSessions,
  setPassword,
  switchOrganisation,
  verifyUserPassword,
} from "~/auth.server";
import { ActionMessage } from "~/components/action-message";
import { CsrfInput } from "~/components/csrf-input";
import { readValidatedForm } from "~/csrf.server";
import { listUserOrganisations, listUserSessions } from "~/data/members.server";
import { db } from "~/db.server";
import { ROLE_LABELS } from "~/navigation";
import { parseForm, type ActionResult } from "~/utils/forms";
import { withConfirmation } from "~/utils/password-policy";
import { formatDateTime } from "~/utils/misc";

export const meta: MetaFunction = () => [{ title: "Your account · Resilience portal" }];

// Any signed-in user may manage their own account, even without an active organisation.
async function requireSignedIn(request: Request) {
  const current = await getCurrentUser(request);
  if (!current || current.via.kind !== "session") throw redirect(`/login?redirectTo=${encodeURIComponent("/account")}`);
  return { ...current, sessionId: current.via.sessionId };
}

export async function loader({ request }: LoaderFunctionArgs) {
  const current = await requireSignedIn(request);
  const [organisations, sessions] = await Promise.all([
    listUserOrganisations(db, current.user.id),
    listUserSessions(db, current.user.id),
  ]);
  return {
    user: current.user,
    activeOrgId: current.membership?.orgId ?? null,
    organisations,
    sessions: sessions.map((s) => ({ ...s, current: s.id === current.sessionId })),
  };
}

const Intent = z.discriminatedUnion("intent", [
  // Its fields are checked by ChangePassword below (the union needs a plain object here).
  z.object({ intent: z.literal("change-password") }),
  z.object({ intent: z.literal("logout-everywhere") }),
  z.object({ intent: z.literal("revoke-session"), sessionId: z.string().uuid() }),
  z.object({ intent: z.literal("switch-org"), orgId: z.string().uuid() }),
]);
const ChangePassword = withConfirmation({ intent: z.literal("change-password"), currentPassword: z.string().min(1, "Enter your current password").max(1024) });

export async function action({ request }: ActionFunctionArgs) {
  const current = await requireSignedIn(request);
  const formData = await readValidatedForm(request);
  const parsed = parseForm(Intent, formData);
  if (!parsed.success) return data(parsed.result, { status: 400 });
  const input = parsed.data;
  const audit = (action: string, summary: Record<string, unknown> = {}) =>
    recordAudit(db, { orgId: current.membership?.orgId ?? null, actorUserId: current.user.id, action, entityType: "user", entityId: current.user.id, summary, ip: clientIp(request) });

  switch (input.intent) {
    case "change-password": {
      const checked = parseForm(ChangePassword, formData);
      if (!checked.success) return data(checked.result, { status: 400 });
      if (!(await verifyUserPassword(current.user.id, checked.data.currentPassword))) {
        return data<ActionResult>({ ok: false, message: "Your current password is not correct." }, { status: 401 });
      }
      await setPassword(current.user.id, checked.data.password);
      const revoked = await revokeUserSessions(current.user.id, { except: current.sessionId });
      await audit("password.changed", { otherSessionsRevoked: revoked });
      return { ok: true, message: "Password changed. Every other browser has been logged out." } satisfies ActionResult;
    }
    case "logout-everywhere": {
      const revoked = await revokeUserSessions(current.user.id);
      await audit("auth.logout_everywhere", { sessionsRevoked: revoked });
      throw redirect("/login", { headers: { "Set-Cookie": await destroySession(request) } });
    }
    case "revoke-session": {
      const revoked = await db
        .updateTable("sessions")
        .set({ revoked_at: new Date() })
        .where("id", "=", input.sessionId)
        .where("user_id", "=", current.user.id)
        .where("revoked_at", "is", null)
        .executeTakeFirst();
      if (Number(revoked.numUpdatedRows) === 0) return data<ActionResult>({ ok: false, message: "No such session." }, { status: 404 });
      await audit("auth.session_revoked", { sessionId: input.sessionId });
      if (input.sessionId === current.sessionId) throw redirect("/login", { headers: { "Set-Cookie": await destroySession(request) } });
      return { ok: true, message: "That browser has been logged out." } satisfies ActionResult;
    }
    case "switch-org": {
      if (!(await switchOrganisation(current.sessionId, current.user.id, input.orgId))) {
        return data<ActionResult>({ ok: false, message: "You are not an active member of that organisation." }, { status: 403 });
      }
      throw redirect("/");
    }
  }
}


export default function AccountPage() {
  const { user, organisations, activeOrgId, sessions } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  return (
    <>
      <h1>Your account</h1>
      <ActionMessage result={result} />
      <dl className="facts card">
        <dt>Name</dt>
        <dd>{user.name}</dd>
        <dt>Email</dt>
        <dd>{user.email}</dd>
      </dl>

      {organisations.length > 1 ? (
        <>
          <h2>Organisation</h2>
          <Form method="post" className="toolbar">
            <CsrfInput />
            <input type="hidden" name="intent" value="switch-org" />
            <div>
              <label htmlFor="orgId">Work in</label>
              <select id="orgId" name="orgId" defaultValue={activeOrgId ?? undefined}>
                {organisations.map((o) => (
                  <option key={o.id} value={o.id}>
                    {o.name} ({ROLE_LABELS[o.role]})
                  </option>
                ))}
              </select>
            </div>
            <button type="submit" className="button">
              Switch
            </button>
          </Form>
        </>
      ) : null}

      <h2>Change password</h2>
      <Form method="post" className="card" style={{ maxWidth: "28rem" }}>
        <CsrfInput />
        <input type="hidden" name="intent" value="change-password" />
        <div className="field">
          <label htmlFor="currentPassword">Current password</label>
          <input id="currentPassword" name="currentPassword" type="password" autoComplete="current-password" required />
        </div>
        <div className="field">
          <label htmlFor="password">New password (at least 12 characters)</label>
          <input id="password" name="password" type="password" autoComplete="new-password" minLength={12} required />
        </div>
        <div className="field">
          <label htmlFor="confirm">Repeat the new password</label>
          <input id="confirm" name="confirm" type="password" autoComplete="new-password" required />
        </div>
        <button type="submit" className="button">
          Change password
        </button>
      </Form>

      <h2>Where you are logged in</h2>
      <table>
        <thead>
          <tr>
            <th scope="col">Browser</th>
            <th scope="col">IP address</th>
            <th scope="col">Last active</th>
            <th scope="col">Actions</th>
          </tr>
        </thead>
        <tbody>
          {sessions.map((s) => (
            <tr key={s.id}>
              <td>
                {s.user_agent ?? "Unknown"} {s.current ? <span className="badge ok">This browser</span> : null}
              </td>
              <td>{s.ip ?? "—"}</td>
              <td>{formatDateTime(s.last_seen_at)}</td>
              <td>
                <Form method="post">
                  <CsrfInput />
                  <input type="hidden" name="intent" value="revoke-session" />
                  <input type="hidden" name="sessionId" value={s.id} />
                  <button type="submit" className="button secondary small">
                    Log out
                  </button>
                </Form>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      <Form method="post" style={{ marginTop: "1rem" }}>
        <CsrfInput />
        <input type="hidden" name="intent" value="logout-everywhere" />
        <button type="submit" className="button secondary">
          Log out everywhere
        </button>
      </Form>
    </>
  );
}
