import { Form } from "@remix-run/react";
import { CsrfInput } from "./csrf-input";

/** "New link" (pending or expired) and "Revoke" (pending) for one invitation; posts intents resend / revoke-invite. */
export function InvitationActions({ invitation }: { invitation: { id: string; state: string } }) {
  if (invitation.state !== "pending" && invitation.state !== "expired") return null;
  const button = (intent: string, label: string) => (
    <Form method="post">
      <CsrfInput />
      <input type="hidden" name="intent" value={intent} />
      <input type="hidden" name="invitationId" value={invitation.id} />
      <button type="submit" className="button secondary small">
        {label}
      </button>
    </Form>
  );
  return (
    <div className="actions">
      {button("resend", "New link")}
      {invitation.state === "pending" ? button("revoke-invite", "Revoke") : null}
    </div>
  );
}
