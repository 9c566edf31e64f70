import type { TemplateDefinition } from "../domain/questionnaire/default-template";
import type { Db } from "./types";

/** Stores a template definition as version 1 (published) of a new template for the organisation. */
export async function installTemplate(db: Db, orgId: string, definition: TemplateDefinition) {
  const template = await db
    .insertInto("questionnaire_templates")
    .values({ org_id: orgId, key: definition.key, name: definition.name, description: definition.description })
    .returning("id")
    .executeTakeFirstOrThrow();
  const version = await db
    .insertInto("template_versions")
    .values({ org_id: orgId, template_id: template.id, version: 1, status: "published", published_at: new Date() })
    .returning("id")
    .executeTakeFirstOrThrow();
  let position = 0;
  const rows = definition.sections.flatMap((section) =>
    section.questions.map((q) => {
      const { key, text, help, type, required, weight, mapsTo, ...config } = q;
      return {
        org_id: orgId,
        template_version_id: version.id,
        section_key: section.key,
        section_title: section.title,
        key,
        position: position++,
        text,
        help: help ?? null,
        type,
        config: JSON.stringify(config),
        required,
        weight,
        maps_to: mapsTo ?? null,
      };
    }),
  );
  const questions = rows.length
    ? await db.insertInto("questions").values(rows).returning(["id", "key", "type"]).execute()
    : [];
  return { templateId: template.id, versionId: version.id, questions };
}
