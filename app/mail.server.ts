/*
 * Outgoing links (invitations, password resets). No mail transport is configured in this build:
 * the link is written to the server log and shown to the administrator who created it, who can
 * pass it on. An SMTP transport plugs in here.
 */
export interface OutgoingLink {
  to: string;
  subject: string;
  url: string;
}

export async function deliverLink(message: OutgoingLink): Promise<{ delivered: false }> {
  console.log(`[mail] ${message.subject} for ${message.to}: ${message.url}`);
  return { delivered: false };
}

export function absoluteUrl(request: Request, path: string): string {
  return new URL(path, new URL(request.url).origin).toString();
}
