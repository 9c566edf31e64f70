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
    "/assessments": {
      get: {
        summary: "Questionnaires (assessments), filtered; a vendor session sees only its own company's",
        parameters: [
          { name: "status", in: "query", schema: { enum: ["draft", "sent", "in_progress", "submitted", "changes_requested", "approved", "rejected"] } },
          { name: "supplierId", in: "query", schema: { type: "string", format: "uuid" } },
          { name: "overdue", in: "query", schema: { enum: ["1", "true"] } },
        ],
        responses: { "200": { description: "{ total, items }" }, "400": errorResponse, "401": errorResponse },
      },
    },
    "/assessments/{id}": {
      get: {
        summary: "One questionnaire with its questions and answers; vendors only their own",
        parameters: [{ name: "id", in: "path", required: true, schema: { type: "string", format: "uuid" } }],
        responses: { "200": { description: "The questionnaire" }, "401": errorResponse, "404": errorResponse },
      },
    },
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
    "/dependencies": {
      get: {
        summary: "Dependencies (supplier → sub-supplier), filtered and paged; a vendor session sees only its own company's",
        parameters: [
          { name: "supplierId", in: "query", schema: { type: "string", format: "uuid" } },
          { name: "dependsOnId", in: "query", schema: { type: "string", format: "uuid" } },
          { name: "declaredBy", in: "query", schema: { enum: ["procurement", "vendor", "import"] } },
          { name: "page", in: "query", schema: { type: "integer", minimum: 1 } },
          { name: "pageSize", in: "query", schema: { type: "integer", minimum: 1, maximum: 1000 } },
        ],
        responses: { "200": { description: "{ total, page, pageSize, items }" }, "400": errorResponse, "401": errorResponse, "404": errorResponse },
      },
      post: {
        summary: "Declare a dependency; a sub-supplier given by name and country is matched to an existing supplier (entity resolution) or created",
        requestBody: {
          required: true,
          content: {
            "application/json": {
              schema: {
                type: "object",
                required: ["supplierId"],
                properties: {
                  supplierId: { type: "string", format: "uuid" },
                  dependsOnId: { type: "string", format: "uuid" },
                  dependsOn: {
                    type: "object",
                    required: ["name", "country"],
                    properties: { name: { type: "string" }, country: { type: "string" }, lei: { type: "string" }, duns: { type: "string" }, website: { type: "string" } },
                  },
                  supplies: { type: "string" },
                  singleSource: { type: "boolean" },
                  bufferMinutes: { type: "integer", minimum: 0 },
                },
              },
            },
          },
        },
        responses: {
          "201": { description: "The dependency" },
          "400": errorResponse,
          "401": errorResponse,
          "403": errorResponse,
          "404": errorResponse,
          "409": errorResponse,
        },
      },
    },
    "/dependencies/{id}": {
      get: { summary: "One dependency", responses: { "200": { description: "The dependency" }, "401": errorResponse, "404": errorResponse } },
      patch: {
        summary: "Change what is supplied, single source or buffer",
        requestBody: {
          required: true,
          content: {
            "application/json": {
              schema: { type: "object", properties: { supplies: { type: "string" }, singleSource: { type: "boolean" }, bufferMinutes: { type: "integer", minimum: 0 } } },
            },
          },
        },
        responses: { "200": { description: "The dependency" }, "400": errorResponse, "401": errorResponse, "403": errorResponse, "404": errorResponse },
      },
      delete: { summary: "Remove a dependency", responses: { "204": { description: "Removed" }, "401": errorResponse, "403": errorResponse, "404": errorResponse } },
    },
    "/alternates": {
      get: {
        summary: "Alternates, filtered and paged; a vendor session sees only those for its own company",
        parameters: [
          { name: "forSupplierId", in: "query", schema: { type: "string", format: "uuid" } },
          { name: "forServiceId", in: "query", schema: { type: "string", format: "uuid" } },
          { name: "replacesId", in: "query", schema: { type: "string", format: "uuid" } },
          { name: "page", in: "query", schema: { type: "integer", minimum: 1 } },
          { name: "pageSize", in: "query", schema: { type: "integer", minimum: 1, maximum: 1000 } },
        ],
        responses: { "200": { description: "{ total, page, pageSize, items }" }, "400": errorResponse, "401": errorResponse, "404": errorResponse },
      },
      post: {
        summary: "Declare an alternate for a supplier's input or a service's vendor",
        requestBody: {
          required: true,
          content: {
            "application/json": {
              schema: {
                type: "object",
                required: ["replacesId"],
                properties: {
                  forSupplierId: { type: "string", format: "uuid" },
                  forServiceId: { type: "string", format: "uuid" },
                  replacesId: { type: "string", format: "uuid" },
                  alternateId: { type: "string", format: "uuid" },
                  alternate: { type: "object", required: ["name", "country"], properties: { name: { type: "string" }, country: { type: "string" } } },
                  status: { enum: ["identified", "qualifying", "qualified"] },
                  switchoverMinutes: { type: ["integer", "null"], minimum: 0 },
                  capacityPct: { type: ["integer", "null"], minimum: 0, maximum: 100 },
                },
              },
            },
          },
        },
        responses: { "201": { description: "The alternate" }, "400": errorResponse, "401": errorResponse, "403": errorResponse, "404": errorResponse },
      },
    },
    "/alternates/{id}": {
      get: { summary: "One alternate", responses: { "200": { description: "The alternate" }, "401": errorResponse, "404": errorResponse } },
      patch: {
        summary: "Change status, switch-over time or capacity",
        requestBody: {
          required: true,
          content: {
            "application/json": {
              schema: {
                type: "object",
                properties: {
                  status: { enum: ["identified", "qualifying", "qualified"] },
                  switchoverMinutes: { type: ["integer", "null"] },
                  capacityPct: { type: ["integer", "null"] },
                },
              },
            },
          },
        },
        responses: { "200": { description: "The alternate" }, "400": errorResponse, "401": errorResponse, "403": errorResponse, "404": errorResponse },
      },
      delete: { summary: "Remove an alternate", responses: { "204": { description: "Removed" }, "401": errorResponse, "403": errorResponse, "404": errorResponse } },
    },
    "/graph": {
      get: {
        summary: "The supply graph behind one service or one supplier, with tiers and cycles",
        parameters: [
          { name: "serviceId", in: "query", schema: { type: "string", format: "uuid" } },
          { name: "supplierId", in: "query", schema: { type: "string", format: "uuid" } },
          { name: "depth", in: "query", schema: { type: "integer", minimum: 1 } },
          { name: "limit", in: "query", schema: { type: "integer", minimum: 1, maximum: 100000 } },
        ],
        responses: { "200": { description: "{ nodes, edges, deepestTier, cycles, truncated }" }, "400": errorResponse, "401": errorResponse, "403": errorResponse, "404": errorResponse },
      },
    },
    "/reports/risk-register.xlsx": {
      get: {
        summary: "The risk register workbook (Summary, Services, Suppliers, Dependencies, Concentration, Alternates, Evidence, Findings)",
        parameters: [
          { name: "q", in: "query", schema: { type: "string" } },
          { name: "country", in: "query", schema: { type: "string" } },
          { name: "criticality", in: "query", schema: { enum: ["critical", "high", "medium", "low"] } },
          { name: "relationship", in: "query", schema: { enum: ["vendor", "sub"] } },
          { name: "tier", in: "query", schema: { type: "integer" } },
          { name: "findings", in: "query", schema: { enum: ["yes", "no"] } },
        ],
        responses: {
          "200": { description: "The workbook", content: { "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet": { schema: { type: "string", format: "binary" } } } },
          "401": errorResponse,
          "403": errorResponse,
        },
      },
    },
    "/suppliers/{id}/report.pdf": {
      get: {
        summary: "The vendor report as PDF (a vendor user gets its own, without our assessment)",
        parameters: [{ name: "id", in: "path", required: true, schema: { type: "string", format: "uuid" } }],
        responses: { "200": { description: "The PDF", content: { "application/pdf": { schema: { type: "string", format: "binary" } } } }, "401": errorResponse, "404": errorResponse },
      },
    },
    "/suppliers/{id}/evidence": {
      get: {
        summary: "The supplier's evidence (metadata, newest first)",
        parameters: [{ name: "id", in: "path", required: true, schema: { type: "string", format: "uuid" } }],
        responses: { "200": { description: "{ supplier, evidence: [...] }" }, "401": errorResponse, "404": errorResponse },
      },
      post: {
        summary: "Upload evidence (multipart: fields first, then one or more `file` parts); procurement token",
        parameters: [{ name: "id", in: "path", required: true, schema: { type: "string", format: "uuid" } }],
        requestBody: { required: true, content: { "multipart/form-data": { schema: { type: "object" } } } },
        responses: {
          "201": { description: "{ evidence: [{ id, fileName, sha256, sizeBytes }] }" },
          "400": errorResponse,
          "401": errorResponse,
          "403": errorResponse,
          "404": errorResponse,
          "413": errorResponse,
          "415": errorResponse,
        },
      },
    },
    "/suppliers/{id}/evidence/{evidenceId}": {
      get: {
        summary: "Download one evidence file (attachment, stored type, nosniff)",
        parameters: [
          { name: "id", in: "path", required: true, schema: { type: "string", format: "uuid" } },
          { name: "evidenceId", in: "path", required: true, schema: { type: "string", format: "uuid" } },
        ],
        responses: { "200": { description: "The file" }, "401": errorResponse, "404": errorResponse },
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
