/*
 * The OpenAPI document for /api/v1, grown with each capability. Kept as plain data next to the
 * routes it describes; a test checks that every API route file is listed here.
 */
const errorResponse = {
  description: "Error",
  content: {
    "application/json": {
      schema: {
        type: "object",
        properties: { error: { type: "object", properties: { status: { type: "integer" }, message: { type: "string" } } } },
      },
    },
  },
};

export const openApiDocument = {
  openapi: "3.1.0",
  info: {
    title: "Resilience portal API",
    version: "1.0.0",
    description:
      "Read and manage an organisation's supply-chain resilience data. Authenticate with `Authorization: Bearer <token>` " +
      "(tokens are created by procurement under Admin → API tokens) or with a browser session. Every object is scoped " +
      "to the token's organisation; vendor users see only their own company.",
  },
  servers: [{ url: "/api/v1" }],
  components: {
    securitySchemes: { bearer: { type: "http", scheme: "bearer" } },
    schemas: {
      Supplier: {
        type: "object",
        properties: {
          id: { type: "string", format: "uuid" },
          externalId: { type: "string" },
          name: { type: "string" },
          country: { type: ["string", "null"] },
          isVendor: { type: "boolean" },
          criticality: { enum: ["critical", "high", "medium", "low"] },
          declaredRtoMinutes: { type: ["integer", "null"] },
          declaredRpoMinutes: { type: ["integer", "null"] },
          testedRtoMinutes: { type: ["integer", "null"] },
          testedRpoMinutes: { type: ["integer", "null"] },
        },
      },
    },
  },
  security: [{ bearer: [] }],
  paths: {
    "/import": {
      post: {
        summary: "Import the portfolio workbook (xlsx) or one sheet as CSV; dryRun=true previews without changes",
        parameters: [
          { name: "dryRun", in: "query", schema: { type: "boolean" } },
          { name: "fileName", in: "query", schema: { type: "string" }, description: "e.g. Suppliers.csv (a CSV's sheet is taken from its name)" },
        ],
        requestBody: {
          required: true,
          content: {
            "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet": { schema: { type: "string", format: "binary" } },
            "text/csv": { schema: { type: "string", format: "binary" } },
          },
        },
        responses: {
          "200": { description: "Preview (dryRun) or applied counts per sheet" },
          "400": errorResponse,
          "401": errorResponse,
          "403": errorResponse,
          "413": errorResponse,
          "422": { description: "Nothing applied: the problems, each with sheet, row, column and message" },
        },
      },
    },
    "/me": {
      get: {
        summary: "Who am I: the authenticated user, organisation and role",
        responses: {
          "200": {
            description: "The caller",
            content: {
              "application/json": {
                schema: {
                  type: "object",
                  properties: {
                    user: { type: "object", properties: { id: { type: "string" }, email: { type: "string" }, name: { type: "string" } } },
                    organisation: { type: "object", properties: { id: { type: "string" }, name: { type: "string" }, slug: { type: "string" } } },
                    role: { enum: ["procurement", "analyst", "vendor"] },
                    supplierId: { type: ["string", "null"] },
                    authenticatedWith: { enum: ["session", "token"] },
                  },
                },
              },
            },
          },
          "401": errorResponse,
          "403": errorResponse,
        },
      },
    },
    "/findings": {
      get: {
        summary: "Findings (open by filter), most severe first",
        parameters: [
          { name: "status", in: "query", schema: { enum: ["open", "accepted", "mitigated", "resolved"] } },
          { name: "severity", in: "query", schema: { enum: ["critical", "high", "medium", "low"] } },
          { name: "kind", in: "query", schema: { type: "string" } },
          { name: "page", in: "query", schema: { type: "integer", minimum: 1 } },
          { name: "pageSize", in: "query", schema: { type: "integer", minimum: 1, maximum: 500 } },
        ],
        responses: { "200": { description: "A page of findings with the total count" }, "400": errorResponse, "401": errorResponse, "403": errorResponse },
      },
    },
    "/scenarios": {
      get: { summary: "Saved what-if scenarios", responses: { "200": { description: "The scenarios" }, "401": errorResponse, "403": errorResponse } },
      post: {
        summary: "Run and save a what-if outage scenario",
        requestBody: {
          required: true,
          content: {
            "application/json": {
              schema: {
                type: "object",
                required: ["name", "hours"],
                properties: {
                  name: { type: "string" },
                  suppliers: { type: "array", items: { type: "string" }, description: "Your supplier IDs that are out" },
                  countries: { type: "array", items: { type: "string" }, description: "ISO country codes: every supplier there is out" },
                  hours: { type: "number", exclusiveMinimum: 0, maximum: 8760 },
                },
              },
            },
          },
        },
        responses: { "201": { description: "The scenario with every service's impact" }, "400": errorResponse, "401": errorResponse, "403": errorResponse },
      },
    },
    "/services/{id}/recovery": {
      get: {
        summary: "How fast a service can recover through its supply chain, with the causing path",
        parameters: [{ name: "id", in: "path", required: true, schema: { type: "string", format: "uuid" } }],
        responses: { "200": { description: "Recovery, statuses and path" }, "401": errorResponse, "403": errorResponse, "404": errorResponse },
      },
    },
    "/suppliers/{id}": {
      get: {
        summary: "One supplier",
        parameters: [{ name: "id", in: "path", required: true, schema: { type: "string", format: "uuid" } }],
        responses: {
          "200": { description: "The supplier", content: { "application/json": { schema: { $ref: "#/components/schemas/Supplier" } } } },
          "401": errorResponse,
          "404": errorResponse,
        },
      },
    },
  },
} as const;
