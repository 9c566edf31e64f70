import nodemailer, { type Transporter } from "nodemailer";

/*
 * Outgoing links (invitations, password resets, reminders). With SMTP_URL set (e.g.
 * smtp://user:pass@mail.example:587) they are e-mailed from MAIL_FROM; without it the link is
 * written to the server log and shown to the administrator who created it, who can pass it on.
 */
export interface OutgoingLink {
  to: string;
  subject: string;
  url: string;
}

let transport: { url: string; transporter: Transporter } | null = null;

function transporterFor(url: string): Transporter {
  if (transport?.url !== url) transport = { url, transporter: nodemailer.createTransport(url) };
  return transport.transporter;
}

export async function deliverLink(message: OutgoingLink): Promise<{ delivered: boolean }> {
  const smtpUrl = process.env.SMTP_URL;
  if (!smtpUrl) {
    console.log(`[mail] ${message.subject} for ${message.to}: ${message.url}`);
    return { delivered: false };
  }
  try {
    await transporterFor(smtpUrl).sendMail({
      from: process.env.MAIL_FROM ?? "Resilience portal <no-reply@localhost>",
      to: message.to,
      subject: message.subject,
      text: `${message.subject}\n\nOpen this link to continue:\n${message.url}\n\nIf you did not expect this message, ignore it.\n`,
    });
    return { delivered: true };
  } catch (error) {
    // The administrator still sees the link on screen; the failure must not lose the action.
    console.error(`[mail] could not send "${message.subject}" to ${message.to}: ${error instanceof Error ? error.message : String(error)}`);
    return { delivered: false };
  }
}

export function absoluteUrl(request: Request, path: string): string {
  return new URL(path, new URL(request.url).origin).toString();
}
