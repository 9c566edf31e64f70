import { readdirSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { migrations } from "./index";

describe("migration index", () => {
  it("lists every migration file in this folder, in timestamp order", () => {
    const dir = path.dirname(fileURLToPath(import.meta.url));
    const files = readdirSync(dir)
      .filter((f) => /^\d{8}T\d{4}_[a-z0-9_]+\.ts$/.test(f))
      .map((f) => f.replace(/\.ts$/, ""))
      .sort();
    expect(Object.keys(migrations)).toEqual(files);
    for (const migration of Object.values(migrations)) {
      expect(typeof migration.up).toBe("function");
      expect(typeof migration.down).toBe("function");
    }
  });
});
