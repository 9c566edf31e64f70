import type { ColumnType, Generated, Insertable, Selectable, Updateable } from "kysely";

/*
 * Table types for Kysely, written to match db/migrations. Durations are whole minutes.
 * `Generated` marks columns with a database default; timestamps are Date on both drivers.
 */

type Timestamp = ColumnType<Date, Date | string | undefined, Date | string>;
type NullableTimestamp = ColumnType<Date | null, Date | string | null | undefined, Date | string | null>;
/** `date` columns: read as Date, written as 'YYYY-MM-DD' or Date. */
type DateOnly = ColumnType<Date | null, Date | string | null | undefined, Date | string | null>;
type Json<T = unknown> = ColumnType<T, string, string>;

export type Role = "procurement" | "analyst" | "vendor";
export type Criticality = "critical" | "high" | "medium" | "low";
export type SupplierStatus = "active" | "archived";
export type DeclaredBy = "procurement" | "vendor" | "import";
export type AlternateStatus = "identified" | "qualifying" | "qualified";
export type AssessmentStatus =
  | "draft"
  | "sent"
  | "in_progress"
  | "submitted"
  | "changes_requested"
  | "approved"
  | "rejected";
export type EvidenceKind = "bcp_plan" | "dr_test" | "iso22301" | "insurance" | "other";
export type EvidenceStatus = "pending" | "accepted" | "rejected";
export type QuestionType =
  | "yes_no"
  | "single_choice"
  | "multi_choice"
  | "text"
  | "number"
  | "date"
  | "duration"
  | "file"
  | "table";

export interface OrganisationsTable {
  id: Generated<string>;
  slug: string;
  name: string;
  seeded_at: NullableTimestamp;
  results_computed_at: NullableTimestamp;
  created_at: Generated<Date>;
}

export interface UsersTable {
  id: Generated<string>;
  email: string;
  name: string;
  password_hash: string | null;
  is_active: Generated<boolean>;
  created_at: Generated<Date>;
  updated_at: Generated<Date>;
}

export interface MembershipsTable {
  id: Generated<string>;
  org_id: string;
  user_id: string;
  role: Role;
  supplier_id: string | null;
  is_active: Generated<boolean>;
  created_at: Generated<Date>;
}

export interface SessionsTable {
  id: Generated<string>;
  token_hash: string;
  user_id: string;
  org_id: string | null;
  ip: string | null;
  user_agent: string | null;
  created_at: Generated<Date>;
  last_seen_at: Generated<Date>;
  expires_at: Timestamp;
  revoked_at: NullableTimestamp;
}

export interface SuppliersTable {
  id: Generated<string>;
  org_id: string;
  external_id: string;
  name: string;
  normalized_name: string;
  country: string | null;
  is_vendor: Generated<boolean>;
  criticality: Generated<Criticality>;
  status: Generated<SupplierStatus>;
  contact_email: string | null;
  lei: string | null;
  duns: string | null;
  website: string | null;
  declared_rto_min: number | null;
  declared_rpo_min: number | null;
  tested_rto_min: number | null;
  tested_rpo_min: number | null;
  tested_at: DateOnly;
  created_at: Generated<Date>;
  updated_at: Generated<Date>;
}

export interface InternalServicesTable {
  id: Generated<string>;
  org_id: string;
  external_id: string;
  name: string;
  owner: string | null;
  description: string | null;
  required_rto_min: number;
  required_rpo_min: number;
  mtpd_min: number;
  created_at: Generated<Date>;
  updated_at: Generated<Date>;
}

export interface ServiceSuppliersTable {
  org_id: string;
  service_id: string;
  supplier_id: string;
  created_at: Generated<Date>;
}

export interface DependenciesTable {
  id: Generated<string>;
  org_id: string;
  supplier_id: string;
  depends_on_id: string;
  supplies: Generated<string>;
  single_source: Generated<boolean>;
  buffer_min: Generated<number>;
  declared_by: Generated<DeclaredBy>;
  created_at: Generated<Date>;
  updated_at: Generated<Date>;
}

export interface AlternatesTable {
  id: Generated<string>;
  org_id: string;
  replaces_id: string;
  alternate_id: string;
  for_supplier_id: string | null;
  for_service_id: string | null;
  status: Generated<AlternateStatus>;
  switchover_min: number | null;
  capacity_pct: number | null;
  declared_by: Generated<DeclaredBy>;
  created_at: Generated<Date>;
  updated_at: Generated<Date>;
}

export interface QuestionnaireTemplatesTable {
  id: Generated<string>;
  org_id: string;
  key: string;
  name: string;
  description: string | null;
  created_at: Generated<Date>;
}

export interface TemplateVersionsTable {
  id: Generated<string>;
  org_id: string;
  template_id: string;
  version: number;
  status: Generated<"draft" | "published">;
  published_at: NullableTimestamp;
  created_at: Generated<Date>;
}

export interface QuestionsTable {
  id: Generated<string>;
  org_id: string;
  template_version_id: string;
  section_key: string;
  section_title: string;
  key: string;
  position: number;
  text: string;
  help: string | null;
  type: QuestionType;
  config: ColumnType<Record<string, unknown>, string | undefined, string>;
  required: Generated<boolean>;
  weight: Generated<number>;
  maps_to: string | null;
}

export interface AssessmentsTable {
  id: Generated<string>;
  org_id: string;
  supplier_id: string;
  template_version_id: string;
  status: Generated<AssessmentStatus>;
  due_date: DateOnly;
  sent_at: NullableTimestamp;
  submitted_at: NullableTimestamp;
  reviewed_at: NullableTimestamp;
  score: number | null;
  snapshot: ColumnType<unknown, string | null | undefined, string | null>;
  snapshot_sha256: string | null;
  created_at: Generated<Date>;
  updated_at: Generated<Date>;
}

export interface AnswersTable {
  id: Generated<string>;
  org_id: string;
  assessment_id: string;
  question_id: string;
  value: ColumnType<unknown, string | null, string | null>;
  revision: Generated<number>;
  updated_by: string | null;
  updated_at: Generated<Date>;
}

export interface EvidenceTable {
  id: Generated<string>;
  org_id: string;
  supplier_id: string;
  kind: EvidenceKind;
  title: string;
  file_name: string;
  content_type: string;
  size_bytes: number;
  sha256: string;
  storage_key: string;
  status: Generated<EvidenceStatus>;
  review_note: string | null;
  supersedes_id: string | null;
  document_version: string | null;
  approval_date: DateOnly;
  test_date: DateOnly;
  test_scope: string | null;
  achieved_rto_min: number | null;
  achieved_rpo_min: number | null;
  test_passed: boolean | null;
  issuer: string | null;
  certificate_number: string | null;
  valid_from: DateOnly;
  valid_to: DateOnly;
  uploaded_by: string | null;
  reviewed_by: string | null;
  reviewed_at: NullableTimestamp;
  created_at: Generated<Date>;
}

export interface BlobChunksTable {
  storage_key: string;
  seq: number;
  data: Uint8Array;
}

export interface AuditEventsTable {
  id: Generated<number>;
  org_id: string | null;
  actor_user_id: string | null;
  action: string;
  entity_type: string | null;
  entity_id: string | null;
  summary: Json<Record<string, unknown>>;
  ip: string | null;
  created_at: Generated<Date>;
}

export interface InvitationsTable {
  id: Generated<string>;
  org_id: string;
  email: string;
  role: Role;
  supplier_id: string | null;
  token_hash: string;
  invited_by: string | null;
  created_at: Generated<Date>;
  expires_at: Timestamp;
  accepted_at: NullableTimestamp;
  accepted_user_id: string | null;
  revoked_at: NullableTimestamp;
}

export interface PasswordResetsTable {
  id: Generated<string>;
  user_id: string;
  token_hash: string;
  created_at: Generated<Date>;
  expires_at: Timestamp;
  used_at: NullableTimestamp;
}

export interface ApiTokensTable {
  id: Generated<string>;
  org_id: string;
  name: string;
  role: Exclude<Role, "vendor">;
  token_prefix: string;
  token_hash: string;
  created_by: string;
  created_at: Generated<Date>;
  expires_at: NullableTimestamp;
  last_used_at: NullableTimestamp;
  revoked_at: NullableTimestamp;
}

export interface RateLimitsTable {
  key: string;
  window_start: Timestamp;
  hits: Generated<number>;
}

export type TaskStatus = "queued" | "running" | "succeeded" | "failed";

export interface BackgroundTasksTable {
  id: Generated<string>;
  org_id: string;
  kind: string;
  status: Generated<TaskStatus>;
  progress: Generated<number>;
  message: string | null;
  params: ColumnType<Record<string, unknown>, string | undefined, string>;
  result: ColumnType<Record<string, unknown> | null, string | null | undefined, string | null>;
  error: string | null;
  created_by: string | null;
  created_at: Generated<Date>;
  started_at: NullableTimestamp;
  finished_at: NullableTimestamp;
}

type JsonColumn<T> = ColumnType<T, string | undefined, string>;

export interface SupplierResultsTable {
  supplier_id: string;
  org_id: string;
  tier: number | null;
  own_rto_min: number | null;
  rto_source: "tested" | "declared" | "unknown";
  effective_rto_min: number | null;
  rpo_min: number | null;
  in_cycle: Generated<boolean>;
  path: JsonColumn<unknown[]>;
  risk_score: Generated<number>;
  risk_parts: JsonColumn<unknown[]>;
  open_findings: Generated<number>;
  worst_severity: string | null;
  computed_at: Generated<Date>;
  content_hash: string | null;
}

export interface ServiceResultsTable {
  service_id: string;
  org_id: string;
  recovery_min: number | null;
  rto_status: "meets" | "gap" | "beyond_mtpd" | "unknown";
  rpo_min: number | null;
  rpo_status: "meets" | "gap" | "unknown";
  path: JsonColumn<unknown[]>;
  computed_at: Generated<Date>;
  content_hash: string | null;
}

export type FindingStatus = "open" | "accepted" | "mitigated" | "resolved";

export interface FindingsTable {
  id: Generated<string>;
  org_id: string;
  fingerprint: string;
  kind: string;
  severity: "critical" | "high" | "medium" | "low";
  subject_type: "service" | "supplier" | "country";
  subject_id: string;
  reason: string;
  path: JsonColumn<unknown[]>;
  status: Generated<FindingStatus>;
  owner_user_id: string | null;
  accepted_reason: string | null;
  accepted_until: DateOnly;
  first_seen_at: Generated<Date>;
  last_seen_at: Generated<Date>;
  resolved_at: NullableTimestamp;
  content_hash: string | null;
}

export interface FindingEventsTable {
  id: Generated<number>;
  org_id: string;
  finding_id: string;
  actor_user_id: string | null;
  action: string;
  note: string | null;
  created_at: Generated<Date>;
}

/** Open/accepted/… findings per organisation and severity, kept by triggers on findings. */
export interface FindingCountsTable {
  org_id: string;
  status: string;
  severity: string;
  count: number;
}

/** Suppliers per organisation and status, kept by triggers on suppliers. */
export interface SupplierCountsTable {
  org_id: string;
  status: string;
  count: number;
}

/** One row per statement that changed an organisation's supply graph (written by triggers). */
export interface GraphChangesTable {
  id: Generated<number>;
  org_id: string;
}

export interface DailySnapshotsTable {
  org_id: string;
  day: ColumnType<Date, string, string>;
  figures: JsonColumn<Record<string, number>>;
}

export interface ScenariosTable {
  id: Generated<string>;
  org_id: string;
  name: string;
  params: JsonColumn<Record<string, unknown>>;
  result: JsonColumn<Record<string, unknown>>;
  created_by: string | null;
  created_at: Generated<Date>;
}

export interface AssessmentSubmissionsTable {
  id: Generated<string>;
  org_id: string;
  assessment_id: string;
  snapshot: JsonColumn<Record<string, unknown>>;
  sha256: string;
  submitted_by: string | null;
  submitted_at: Generated<Date>;
}

export interface AnswerCommentsTable {
  id: Generated<string>;
  org_id: string;
  assessment_id: string;
  question_id: string;
  author_user_id: string | null;
  body: string;
  created_at: Generated<Date>;
}

export interface Database {
  organisations: OrganisationsTable;
  users: UsersTable;
  memberships: MembershipsTable;
  sessions: SessionsTable;
  suppliers: SuppliersTable;
  internal_services: InternalServicesTable;
  service_suppliers: ServiceSuppliersTable;
  dependencies: DependenciesTable;
  alternates: AlternatesTable;
  questionnaire_templates: QuestionnaireTemplatesTable;
  template_versions: TemplateVersionsTable;
  questions: QuestionsTable;
  assessments: AssessmentsTable;
  answers: AnswersTable;
  evidence: EvidenceTable;
  blob_chunks: BlobChunksTable;
  audit_events: AuditEventsTable;
  invitations: InvitationsTable;
  password_resets: PasswordResetsTable;
  api_tokens: ApiTokensTable;
  rate_limits: RateLimitsTable;
  background_tasks: BackgroundTasksTable;
  supplier_results: SupplierResultsTable;
  service_results: ServiceResultsTable;
  findings: FindingsTable;
  finding_events: FindingEventsTable;
  daily_snapshots: DailySnapshotsTable;
  finding_counts: FindingCountsTable;
  supplier_counts: SupplierCountsTable;
  graph_changes: GraphChangesTable;
  scenarios: ScenariosTable;
  notifications: NotificationsTable;
  evidence_questions: EvidenceQuestionsTable;
  supplier_merges: SupplierMergesTable;
  supplier_distinct_pairs: SupplierDistinctPairsTable;
  assessment_submissions: AssessmentSubmissionsTable;
  answer_comments: AnswerCommentsTable;
  reassessment_policies: ReassessmentPoliciesTable;
  reassessment_runs: ReassessmentRunsTable;
}

export type Organisation = Selectable<OrganisationsTable>;
export type User = Selectable<UsersTable>;
export type NewUser = Insertable<UsersTable>;
export type Membership = Selectable<MembershipsTable>;
export type Session = Selectable<SessionsTable>;
export type Supplier = Selectable<SuppliersTable>;
export type NewSupplier = Insertable<SuppliersTable>;
export type SupplierUpdate = Updateable<SuppliersTable>;
export type InternalService = Selectable<InternalServicesTable>;
export type NewInternalService = Insertable<InternalServicesTable>;
export type Dependency = Selectable<DependenciesTable>;
export type Alternate = Selectable<AlternatesTable>;
export type Assessment = Selectable<AssessmentsTable>;
export type Evidence = Selectable<EvidenceTable>;
export type AuditEvent = Selectable<AuditEventsTable>;
export type Invitation = Selectable<InvitationsTable>;
export type ApiToken = Selectable<ApiTokensTable>;
export type BackgroundTask = Selectable<BackgroundTasksTable>;

export interface SupplierMergesTable {
  id: Generated<string>;
  org_id: string;
  kept_id: string;
  merged_id: string;
  reason: Generated<string>;
  moved: JsonColumn<Record<string, unknown>>;
  merged_by: string | null;
  merged_at: Generated<Date>;
  undone_by: string | null;
  undone_at: NullableTimestamp;
}

export interface SupplierDistinctPairsTable {
  org_id: string;
  a_id: string;
  b_id: string;
  decided_by: string | null;
  decided_at: Generated<Date>;
}

export interface NotificationsTable {
  id: Generated<string>;
  org_id: string;
  /** For the vendor users of this supplier; null = for the organisation's staff. */
  supplier_id: string | null;
  kind: string;
  title: string;
  body: Generated<string>;
  link: string | null;
  dedupe_key: string;
  emailed_at: NullableTimestamp;
  read_at: NullableTimestamp;
  read_by: string | null;
  created_at: Generated<Date>;
}

export interface EvidenceQuestionsTable {
  evidence_id: string;
  org_id: string;
  assessment_id: string;
  question_id: string;
  created_at: Generated<Date>;
}

export type Notification = Selectable<NotificationsTable>;

/** How often vendors of one criticality are sent the questionnaire again (migration 20261123T1800). */
export interface ReassessmentPoliciesTable {
  id: Generated<string>;
  org_id: string;
  criticality: Criticality;
  enabled: Generated<boolean>;
  /** null = never reassessed automatically. */
  interval_months: number | null;
  template_id: string | null;
  response_days: Generated<number>;
  updated_by: string | null;
  created_at: Generated<Date>;
  updated_at: Generated<Date>;
}

/** One scheduled reassessment run per organisation and day (claimed by the first instance). */
export interface ReassessmentRunsTable {
  org_id: string;
  run_on: ColumnType<Date, Date | string, Date | string>;
  task_id: string | null;
  created_at: Generated<Date>;
}
