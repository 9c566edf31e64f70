/**
 * A tiny cookie-keeping HTTP client for integration tests: real requests against the running app,
 * redirects not followed (so tests can assert them), CSRF token scraped from the last HTML page.
 */
export class TestClient {
  readonly cookies = new Map<string, string>();
  csrfToken: string | null = null;

  constructor(readonly baseUrl: string) {}

  async request(path: string, init: RequestInit = {}): Promise<Response> {
    const headers = new Headers(init.headers);
    if (this.cookies.size) headers.set("Cookie", [...this.cookies].map(([k, v]) => `${k}=${v}`).join("; "));
    const response = await fetch(new URL(path, this.baseUrl), { ...init, headers, redirect: "manual" });
    for (const cookie of response.headers.getSetCookie()) {
      const [pair, ...attributes] = cookie.split(";");
      const eq = pair!.indexOf("=");
      const name = pair!.slice(0, eq).trim();
      const value = pair!.slice(eq + 1).trim();
      const expired = attributes.some((a) => /max-age=0\b/i.test(a.trim())) || value === "";
      if (expired) this.cookies.delete(name);
      else this.cookies.set(name, value);
    }
    return response;
  }

  /** GET a page and remember its CSRF token. */
  async page(path: string): Promise<{ response: Response; html: string }> {
    const response = await this.request(path);
    const html = await response.text();
    const match = html.match(/name="csrf" value="([^"]+)"/);
    if (match) this.csrfToken = match[1]!;
    return { response, html };
  }

  /** POST a form the way a browser would (urlencoded), adding the CSRF token unless told otherwise. */
  async post(path: string, fields: Record<string, string>, { withCsrf = true } = {}): Promise<Response> {
    const body = new URLSearchParams(fields);
    if (withCsrf && this.csrfToken && !body.has("csrf")) body.set("csrf", this.csrfToken);
    return this.request(path, {
      method: "POST",
      body,
      headers: { "Content-Type": "application/x-www-form-urlencoded", Origin: this.baseUrl },
    });
  }

  /** Creates an API token through the procurement page (as a person would) and returns the clear value shown once. */
  async createApiToken(name: string, role: "procurement" | "analyst", expiresInDays = 1): Promise<string> {
    await this.page("/admin/api-tokens");
    const created = await this.post("/admin/api-tokens", { intent: "create", name, role, expiresInDays: String(expiresInDays) });
    const token = (await created.text()).match(/value="(rp_[A-Za-z0-9_-]+)"/)?.[1];
    if (!token) throw new Error(`No API token shown after creating "${name}" (status ${created.status})`);
    return token;
  }

  async login(email: string, password: string): Promise<Response> {
    await this.page("/login");
    return this.post("/login", { email, password });
  }
}
