import path from "node:path";
import { createRequestHandler } from "@remix-run/express";
import type { ServerBuild } from "@remix-run/node";
import express from "express";
import helmet from "helmet";

export interface AppOptions {
  build: ServerBuild | (() => Promise<ServerBuild>);
  /** Directory holding public/ (static files and the client build). */
  rootDir: string;
  mode?: string;
  /** Set when behind a load balancer so the client IP and protocol come from X-Forwarded-*. */
  trustProxy?: boolean | number | string;
}

/** The HTTP application: security headers, static assets, then Remix. No database work here. */
export function createApp({ build, rootDir, mode = process.env.NODE_ENV, trustProxy = false }: AppOptions) {
  const app = express();
  app.disable("x-powered-by");
  app.set("trust proxy", trustProxy);

  app.use(
    helmet({
      contentSecurityPolicy: {
        useDefaults: true,
        directives: {
          "default-src": ["'self'"],
          // Remix inlines its hydration data and route manifest as scripts.
          "script-src": ["'self'", "'unsafe-inline'"],
          "style-src": ["'self'", "'unsafe-inline'"],
          "img-src": ["'self'", "data:"],
          "connect-src": ["'self'", ...(mode === "development" ? ["ws:"] : [])],
          "frame-ancestors": ["'none'"],
          "form-action": ["'self'"],
          "object-src": ["'none'"],
          "base-uri": ["'self'"],
          "upgrade-insecure-requests": null,
        },
      },
      referrerPolicy: { policy: "strict-origin-when-cross-origin" },
      crossOriginEmbedderPolicy: false,
      strictTransportSecurity: mode === "production",
    }),
  );

  // Fingerprinted client bundles never change; everything else in public/ is cached briefly.
  app.use("/build", express.static(path.join(rootDir, "public/build"), { immutable: true, maxAge: "1y" }));
  // Only paths naming a file (favicon.svg, fonts/…) can be in public/; pages skip the disk lookup.
  const publicFiles = express.static(path.join(rootDir, "public"), { maxAge: "1h", index: false });
  app.use((req, res, next) => (path.extname(req.path) ? publicFiles(req, res, next) : next()));

  // Loaders read the client address and a per-request id (app/auth.server.ts shares one session lookup
  // between the loaders of a request) from these headers; whatever a client sent under those names is replaced.
  let requestSeq = 0;
  app.use((req, _res, next) => {
    req.headers["x-portal-client-ip"] = req.ip ?? req.socket.remoteAddress ?? "";
    req.headers["x-portal-request-id"] = String(++requestSeq);
    next();
  });

  app.all("*", createRequestHandler({ build, mode }));
  return app;
}
