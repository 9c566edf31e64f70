import type { Migration } from "kysely";
import * as m20261123T1000 from "./20261123T1000_initial_schema";
import * as m20261123T1100 from "./20261123T1100_identity";
import * as m20261123T1200 from "./20261123T1200_background_tasks";
import * as m20261123T1300 from "./20261123T1300_resilience_results";
import * as m20261123T1400 from "./20261123T1400_evidence_notifications";
import * as m20261123T1500 from "./20261123T1500_supply_map";
import * as m20261123T1600 from "./20261123T1600_questionnaire_workflow";
import * as m20261123T1700 from "./20261123T1700_result_hashes";
import * as m20261123T1800 from "./20261123T1800_reassessment_schedule";
import * as m20261123T2000 from "./20261123T2000_page_indexes";
import * as m20261123T2100 from "./20261123T2100_blob_chunks_external";

/**
 * Every migration, by name, in the order they apply. Listed statically (not read from the folder at
 * run time) so they load the same way under tsx, vitest and any bundler. A unit test checks that
 * this list matches the files in this folder.
 */
export const migrations: Record<string, Migration> = {
  "20261123T1000_initial_schema": m20261123T1000,
  "20261123T1100_identity": m20261123T1100,
  "20261123T1200_background_tasks": m20261123T1200,
  "20261123T1300_resilience_results": m20261123T1300,
  "20261123T1400_evidence_notifications": m20261123T1400,
  "20261123T1500_supply_map": m20261123T1500,
  "20261123T1600_questionnaire_workflow": m20261123T1600,
  "20261123T1700_result_hashes": m20261123T1700,
  "20261123T1800_reassessment_schedule": m20261123T1800,
  "20261123T2000_page_indexes": m20261123T2000,
  "20261123T2100_blob_chunks_external": m20261123T2100,
};
