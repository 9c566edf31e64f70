/**
 * The shipped default questionnaire: "Business continuity and supply-chain resilience".
 *
 * Pure data, no I/O. Conventions (relied on by the form renderer, the scoring and the
 * import of declared figures into the supplier record):
 * - question keys are unique snake_case across the whole template;
 * - a `condition` always refers to an EARLIER question of type `yes_no` (equals a boolean) or
 *   `single_choice` (equals one of its option values); a hidden question is neither required nor scored;
 * - answer shapes: yes_no → boolean, single_choice → option value, multi_choice → option values[],
 *   text → string, number → number, date → 'YYYY-MM-DD', duration → whole minutes (integer ≥ 0),
 *   file → evidence reference (uploaded through the evidence store), table → array of row objects
 *   keyed by the column keys (country columns hold ISO 3166-1 alpha-2 codes);
 * - scoring: `weight` is the question's points; yes_no earns the full weight when the answer equals
 *   `goodAnswer` (no goodAnswer → not scored); single_choice earns `score × weight` of the chosen option;
 *   multi_choice earns the sum of the chosen options' scores, capped at 1, × weight; for other types the
 *   scoring module decides (typically: answered/evidence accepted → full weight).
 */

export type QuestionType =
  | 'yes_no'
  | 'single_choice'
  | 'multi_choice'
  | 'text'
  | 'number'
  | 'date'
  | 'duration'
  | 'file'
  | 'table';

export type SupplierFieldMapping =
  | 'declared_rto'
  | 'declared_rpo'
  | 'last_dr_test_date'
  | 'sub_suppliers'
  | 'alternates';

/** score: 0..1 of the question's weight. */
export interface ChoiceOption {
  value: string;
  label: string;
  score?: number;
}

export interface TableColumn {
  key: string;
  label: string;
  type: 'text' | 'number' | 'duration' | 'yes_no' | 'country';
}

/** Show the question only when the referenced (earlier) answer matches. */
export interface QuestionCondition {
  questionKey: string;
  equals: string | boolean;
}

export type EvidenceKind = 'bcp_plan' | 'dr_test' | 'iso22301' | 'insurance' | 'other';

export interface TemplateQuestion {
  key: string;
  text: string;
  help?: string;
  type: QuestionType;
  options?: ChoiceOption[];
  columns?: TableColumn[];
  required: boolean;
  weight: number;
  condition?: QuestionCondition;
  mapsTo?: SupplierFieldMapping;
  evidenceKind?: EvidenceKind;
  /** yes_no only: the resilient answer, which earns the full weight. */
  goodAnswer?: boolean;
}

export interface TemplateSection {
  key: string;
  title: string;
  questions: TemplateQuestion[];
}

export interface TemplateDefinition {
  key: string;
  name: string;
  description: string;
  sections: TemplateSection[];
}

const governance: TemplateSection = {
  key: 'governance',
  title: 'Governance and BCP ownership',
  questions: [
    {
      key: 'bcp_exists',
      text: 'Do you maintain a documented business continuity plan (BCP) that covers the products and services you deliver to us?',
      help: 'Answer "yes" only if the plan is approved, version-controlled and explicitly includes the sites, systems, people and suppliers used to serve us. A group-level policy without recovery procedures does not count.',
      type: 'yes_no',
      required: true,
      weight: 4,
      goodAnswer: true,
    },
    {
      key: 'bcp_plan_document',
      text: 'Upload your current business continuity plan, or the extract that covers the services delivered to us.',
      help: 'PDF or Office document. A redacted extract is acceptable if it shows scope, recovery strategies, roles, invocation criteria and the date of the last review.',
      type: 'file',
      required: true,
      weight: 3,
      condition: { questionKey: 'bcp_exists', equals: true },
      evidenceKind: 'bcp_plan',
    },
    {
      key: 'bcp_owner',
      text: 'Who is the executive accountable for business continuity, and who is the day-to-day BCM lead?',
      help: 'Give name, role and e-mail for both. The accountable executive should sit on your management board or report directly to it.',
      type: 'text',
      required: true,
      weight: 1,
    },
    {
      key: 'bcp_board_oversight',
      text: 'Is the BCP approved by your board or executive committee, with continuity risks and test results reported to it at least once a year?',
      type: 'yes_no',
      required: true,
      weight: 2,
      goodAnswer: true,
    },
    {
      key: 'bcp_review_frequency',
      text: 'How often is the BCP reviewed and updated?',
      help: 'Good practice (ISO 22301 clause 10) is a review at least yearly and after every significant incident, audit finding, organisational change or change of a critical supplier.',
      type: 'single_choice',
      required: true,
      weight: 2,
      options: [
        { value: 'yearly_and_on_change', label: 'At least yearly and after incidents, audit findings or significant change', score: 1 },
        { value: 'yearly', label: 'Yearly', score: 0.7 },
        { value: 'every_two_years', label: 'Every two years or less often', score: 0.3 },
        { value: 'ad_hoc', label: 'Ad hoc / no fixed cycle', score: 0 },
      ],
    },
    {
      key: 'bcp_last_review_date',
      text: 'When was the BCP last reviewed and re-approved?',
      type: 'date',
      required: true,
      weight: 1,
      condition: { questionKey: 'bcp_exists', equals: true },
    },
  ],
};

const bia: TemplateSection = {
  key: 'business_impact_analysis',
  title: 'Business impact analysis',
  questions: [
    {
      key: 'bia_performed',
      text: 'Have you performed a business impact analysis (BIA) that includes the services you deliver to us?',
      help: 'The BIA should identify the activities, people, sites, IT systems and third parties that support our services and quantify the impact of their disruption over time.',
      type: 'yes_no',
      required: true,
      weight: 3,
      goodAnswer: true,
    },
    {
      key: 'bia_last_updated',
      text: 'When was the BIA last updated?',
      type: 'date',
      required: true,
      weight: 1,
      condition: { questionKey: 'bia_performed', equals: true },
    },
    {
      key: 'bia_mtpd_defined',
      text: 'Does the BIA set a maximum tolerable period of disruption (MTPD) and a minimum business continuity objective (MBCO) for the services you deliver to us?',
      help: 'MTPD: the point after which the disruption becomes unacceptable. MBCO: the minimum service level you commit to run at during a disruption.',
      type: 'yes_no',
      required: false,
      weight: 2,
      goodAnswer: true,
      condition: { questionKey: 'bia_performed', equals: true },
    },
    {
      key: 'bia_dependencies_mapped',
      text: 'Does the BIA map the upstream dependencies of these services, including your own critical suppliers and outsourced IT?',
      type: 'yes_no',
      required: true,
      weight: 2,
      goodAnswer: true,
      condition: { questionKey: 'bia_performed', equals: true },
    },
    {
      key: 'customer_recovery_priority',
      text: 'Where do the services you deliver to us sit in your recovery priority order?',
      type: 'single_choice',
      required: true,
      weight: 2,
      options: [
        { value: 'priority_one', label: 'Recovered in the first priority group (named in the plan)', score: 1 },
        { value: 'same_as_all', label: 'Same priority as all other customers', score: 0.5 },
        { value: 'not_defined', label: 'No recovery priority defined', score: 0 },
      ],
    },
  ],
};

const recovery: TemplateSection = {
  key: 'recovery_objectives',
  title: 'Recovery objectives for the services delivered to us',
  questions: [
    {
      key: 'declared_rto',
      text: 'What is your recovery time objective (RTO) for the services you deliver to us?',
      help: 'The longest time from the start of a disruption until the service is available to us again at the agreed minimum level. Enter it as a duration (for example 4 h, 2 d). For physical goods: the time until deliveries resume.',
      type: 'duration',
      required: true,
      weight: 4,
      mapsTo: 'declared_rto',
    },
    {
      key: 'declared_rpo',
      text: 'What is your recovery point objective (RPO) for our data, transactions and orders?',
      help: 'The maximum amount of data, measured in time, that may be lost in a disruption (0 = no loss, for example synchronous replication). For purely physical supply with no data held for us, enter the order backlog you could lose.',
      type: 'duration',
      required: true,
      weight: 3,
      mapsTo: 'declared_rpo',
    },
    {
      key: 'objectives_in_contract',
      text: 'Are these RTO and RPO commitments written into our contract, SLA or a signed continuity annex?',
      type: 'yes_no',
      required: true,
      weight: 2,
      goodAnswer: true,
    },
    {
      key: 'recovery_strategy',
      text: 'Which recovery strategy supports the services you deliver to us?',
      type: 'single_choice',
      required: true,
      weight: 3,
      options: [
        { value: 'active_active', label: 'Active-active across two or more sites / regions', score: 1 },
        { value: 'warm_standby', label: 'Warm standby (pre-provisioned, data replicated)', score: 0.8 },
        { value: 'cold_standby', label: 'Cold standby (rebuild from backups on reserved capacity)', score: 0.5 },
        { value: 'manual_workaround', label: 'Manual workaround only', score: 0.2 },
        { value: 'none', label: 'No documented recovery strategy', score: 0 },
      ],
    },
    {
      key: 'alternate_site_distance',
      text: 'How far is the recovery site (or second production site) from the primary site?',
      help: 'A site in the same flood plain, power grid or metro area is likely to be hit by the same regional event.',
      type: 'single_choice',
      required: true,
      weight: 2,
      options: [
        { value: 'other_region', label: 'Different region (more than 100 km, separate power grid)', score: 1 },
        { value: 'same_metro', label: 'Same metropolitan area', score: 0.5 },
        { value: 'same_campus', label: 'Same campus or building', score: 0.1 },
        { value: 'no_alternate_site', label: 'No alternate site', score: 0 },
      ],
    },
    {
      key: 'mbco_capacity_pct',
      text: 'What share of normal capacity (%) can you deliver to us during the recovery period (your MBCO)?',
      type: 'number',
      required: false,
      weight: 1,
    },
  ],
};

const testing: TemplateSection = {
  key: 'dr_bc_testing',
  title: 'DR and BC testing',
  questions: [
    {
      key: 'dr_tested',
      text: 'Have you tested the recovery of the services you deliver to us within the last 12 months?',
      help: 'Count only exercises that covered these services: a tabletop walk-through, a technical recovery of components, or a full fail-over to the recovery site.',
      type: 'yes_no',
      required: true,
      weight: 4,
      goodAnswer: true,
    },
    {
      key: 'dr_test_types',
      text: 'Which kinds of test were performed in that period?',
      type: 'multi_choice',
      required: true,
      weight: 3,
      condition: { questionKey: 'dr_tested', equals: true },
      options: [
        { value: 'tabletop', label: 'Tabletop / walk-through exercise', score: 0.2 },
        { value: 'technical', label: 'Technical recovery of components (restore, fail-over of single systems)', score: 0.3 },
        { value: 'full_failover', label: 'Full fail-over of the service to the recovery site', score: 0.5 },
      ],
    },
    {
      key: 'last_dr_test_date',
      text: 'On what date did the most recent recovery test of these services take place?',
      type: 'date',
      required: true,
      weight: 2,
      condition: { questionKey: 'dr_tested', equals: true },
      mapsTo: 'last_dr_test_date',
    },
    {
      key: 'dr_test_achieved_rto',
      text: 'What recovery time did that test actually achieve?',
      help: 'Measured from invocation until the service was confirmed working. Tested figures replace declared ones once the test report is accepted.',
      type: 'duration',
      required: true,
      weight: 2,
      condition: { questionKey: 'dr_tested', equals: true },
    },
    {
      key: 'dr_test_achieved_rpo',
      text: 'What data loss (recovery point) did that test achieve?',
      type: 'duration',
      required: false,
      weight: 1,
      condition: { questionKey: 'dr_tested', equals: true },
    },
    {
      key: 'dr_test_result',
      text: 'What was the outcome of the test measured against your declared RTO and RPO?',
      type: 'single_choice',
      required: true,
      weight: 3,
      condition: { questionKey: 'dr_tested', equals: true },
      options: [
        { value: 'passed', label: 'Passed: RTO and RPO met, no major findings', score: 1 },
        { value: 'passed_with_findings', label: 'Passed with findings to remediate', score: 0.6 },
        { value: 'failed', label: 'Failed: RTO or RPO not met', score: 0 },
      ],
    },
    {
      key: 'dr_test_remediation',
      text: 'The test failed: describe the root cause, the remediation actions, their owners and the date of the re-test.',
      type: 'text',
      required: true,
      weight: 1,
      condition: { questionKey: 'dr_test_result', equals: 'failed' },
    },
    {
      key: 'dr_test_report',
      text: 'Upload the report of the most recent recovery test.',
      help: 'The report must show the test date, scope, the achieved recovery time and data loss, and the findings. Reports older than 12 months are treated as stale.',
      type: 'file',
      required: true,
      weight: 3,
      condition: { questionKey: 'dr_tested', equals: true },
      evidenceKind: 'dr_test',
    },
    {
      key: 'test_programme',
      text: 'Which recurring test programme do you run for these services?',
      type: 'single_choice',
      required: true,
      weight: 2,
      options: [
        { value: 'annual_failover', label: 'At least yearly, including a full fail-over', score: 1 },
        { value: 'annual_technical', label: 'Yearly technical recovery tests, no full fail-over', score: 0.7 },
        { value: 'annual_tabletop', label: 'Yearly tabletop only', score: 0.4 },
        { value: 'irregular', label: 'Less than yearly or no programme', score: 0 },
      ],
    },
  ],
};

const crisis: TemplateSection = {
  key: 'crisis_communication',
  title: 'Crisis communication',
  questions: [
    {
      key: 'crisis_team',
      text: 'Do you have a crisis management team with named members and deputies that can be convened 24/7?',
      type: 'yes_no',
      required: true,
      weight: 2,
      goodAnswer: true,
    },
    {
      key: 'incident_notification',
      text: 'How soon do you commit to notify us of a disruption that affects, or may affect, the services you deliver to us?',
      type: 'single_choice',
      required: true,
      weight: 3,
      options: [
        { value: 'within_1h', label: 'Within 1 hour', score: 1 },
        { value: 'within_4h', label: 'Within 4 hours', score: 0.8 },
        { value: 'within_24h', label: 'Within 24 hours', score: 0.4 },
        { value: 'no_commitment', label: 'No defined commitment', score: 0 },
      ],
    },
    {
      key: 'crisis_contacts',
      text: 'List your escalation contacts for a continuity incident affecting us.',
      help: 'At least a primary and a deputy. Use role mailboxes or numbers that are staffed out of hours.',
      type: 'table',
      required: true,
      weight: 1,
      columns: [
        { key: 'name', label: 'Name', type: 'text' },
        { key: 'role', label: 'Role', type: 'text' },
        { key: 'phone', label: 'Phone (24/7)', type: 'text' },
        { key: 'email', label: 'E-mail', type: 'text' },
      ],
    },
    {
      key: 'out_of_band_comms',
      text: 'Can you reach your staff and customers if your own e-mail, telephony and collaboration tools are down (out-of-band channels)?',
      type: 'yes_no',
      required: true,
      weight: 2,
      goodAnswer: true,
    },
    {
      key: 'major_incident_24m',
      text: 'In the last 24 months, did you have a disruption that interrupted service to customers for longer than your RTO?',
      type: 'yes_no',
      required: true,
      weight: 2,
      goodAnswer: false,
    },
    {
      key: 'major_incident_details',
      text: 'Describe the incident: date, duration, cause, customers affected and the lessons learned that changed your plan.',
      type: 'text',
      required: true,
      weight: 0,
      condition: { questionKey: 'major_incident_24m', equals: true },
    },
  ],
};

const cyber: TemplateSection = {
  key: 'cyber_recovery',
  title: 'Cyber recovery',
  questions: [
    {
      key: 'immutable_backups',
      text: 'Do you keep immutable or offline (air-gapped) copies of the backups of the systems and data that support our services?',
      help: 'Immutable: object lock / WORM storage whose retention cannot be shortened by an administrator. Offline: media or vault not reachable from the production network.',
      type: 'yes_no',
      required: true,
      weight: 4,
      goodAnswer: true,
    },
    {
      key: 'backup_isolation',
      text: 'Are backup systems administered with separate credentials and MFA, outside the production identity domain?',
      type: 'yes_no',
      required: true,
      weight: 2,
      goodAnswer: true,
    },
    {
      key: 'backup_frequency',
      text: 'How frequently are the data supporting our services backed up or replicated?',
      type: 'single_choice',
      required: true,
      weight: 2,
      options: [
        { value: 'continuous', label: 'Continuous / synchronous replication', score: 1 },
        { value: 'hourly', label: 'At least hourly', score: 0.8 },
        { value: 'daily', label: 'Daily', score: 0.5 },
        { value: 'weekly_or_less', label: 'Weekly or less often', score: 0.1 },
      ],
    },
    {
      key: 'restore_tested',
      text: 'Have you performed a full restore of these systems from backup in the last 12 months?',
      type: 'yes_no',
      required: true,
      weight: 3,
      goodAnswer: true,
    },
    {
      key: 'ransomware_playbook',
      text: 'Do you have a ransomware response playbook that covers rebuilding from known-clean images and restoring from immutable copies?',
      type: 'yes_no',
      required: true,
      weight: 3,
      goodAnswer: true,
    },
    {
      key: 'cyber_rebuild_time',
      text: 'How long would it take to restore the services delivered to us after a destructive cyber-attack on your primary environment?',
      help: 'Assume production and the replicated recovery site are both encrypted and you must rebuild from the immutable copies. This is often much longer than the RTO for a site loss.',
      type: 'duration',
      required: false,
      weight: 2,
    },
  ],
};

const subSuppliers: TemplateSection = {
  key: 'key_sub_suppliers',
  title: 'Key sub-suppliers and single sources',
  questions: [
    {
      key: 'sub_suppliers',
      text: 'List the sub-suppliers (your own suppliers) without which you could not deliver the services or goods we buy from you.',
      help: 'Include cloud and hosting providers, data centres, telecom carriers, outsourced operations, component and raw-material suppliers and logistics. "Buffer" is how long you can keep delivering to us from stock, inventory or contractual slack if that sub-supplier stops.',
      type: 'table',
      required: true,
      weight: 3,
      mapsTo: 'sub_suppliers',
      columns: [
        { key: 'name', label: 'Sub-supplier', type: 'text' },
        { key: 'country', label: 'Country', type: 'country' },
        { key: 'supplies', label: 'What it supplies', type: 'text' },
        { key: 'single_source', label: 'Single source?', type: 'yes_no' },
        { key: 'buffer', label: 'Buffer (stock or time)', type: 'duration' },
      ],
    },
    {
      key: 'single_source_inputs',
      text: 'Does any input to the services or goods you deliver to us come from a single source with no qualified alternative?',
      type: 'yes_no',
      required: true,
      weight: 3,
      goodAnswer: false,
    },
    {
      key: 'single_source_mitigation',
      text: 'For each single-source input: how do you mitigate its loss (safety stock, contractual commitments, escrow, alternate being qualified) and by when?',
      type: 'text',
      required: true,
      weight: 1,
      condition: { questionKey: 'single_source_inputs', equals: true },
    },
    {
      key: 'sub_supplier_bcp_required',
      text: 'Do you require your critical sub-suppliers to maintain and test a BCP, and do you review their evidence?',
      type: 'yes_no',
      required: true,
      weight: 2,
      goodAnswer: true,
    },
    {
      key: 'sub_supplier_monitoring',
      text: 'How do you monitor the continuity risk of your critical sub-suppliers?',
      type: 'single_choice',
      required: true,
      weight: 2,
      options: [
        { value: 'continuous', label: 'Continuous monitoring (financial, cyber, geographic events) plus yearly review', score: 1 },
        { value: 'annual_review', label: 'Yearly review of BCP and test evidence', score: 0.6 },
        { value: 'onboarding_only', label: 'Only at onboarding', score: 0.3 },
        { value: 'none', label: 'Not monitored', score: 0 },
      ],
    },
    {
      key: 'shared_hosting_region',
      text: 'Are your primary and recovery environments hosted with the same cloud provider in the same region?',
      help: 'A single provider region is a shared point of failure for both environments.',
      type: 'yes_no',
      required: false,
      weight: 1,
      goodAnswer: false,
    },
  ],
};

const alternates: TemplateSection = {
  key: 'alternates_and_stock',
  title: 'Alternates and safety stock',
  questions: [
    {
      key: 'alternates',
      text: 'For your critical sub-suppliers, list the alternate suppliers you could switch to.',
      help: 'Qualified = contract in place and product or service already approved; switching time is from decision until the alternate delivers at the stated capacity.',
      type: 'table',
      required: false,
      weight: 3,
      mapsTo: 'alternates',
      columns: [
        { key: 'replaces', label: 'Replaces (sub-supplier)', type: 'text' },
        { key: 'alternate', label: 'Alternate supplier', type: 'text' },
        { key: 'country', label: 'Country', type: 'country' },
        { key: 'qualified', label: 'Qualified?', type: 'yes_no' },
        { key: 'switchover', label: 'Switch-over time', type: 'duration' },
        { key: 'capacity_pct', label: 'Capacity (% of need)', type: 'number' },
      ],
    },
    {
      key: 'dual_sourcing',
      text: 'To what extent are the critical inputs for our goods and services dual- or multi-sourced?',
      type: 'single_choice',
      required: true,
      weight: 2,
      options: [
        { value: 'all_critical', label: 'All critical inputs have a qualified second source', score: 1 },
        { value: 'some_critical', label: 'Some critical inputs', score: 0.5 },
        { value: 'none', label: 'None', score: 0 },
      ],
    },
    {
      key: 'safety_stock_held',
      text: 'Do you hold safety stock (finished goods or critical components) dedicated to, or reserved for, our demand?',
      type: 'yes_no',
      required: true,
      weight: 2,
      goodAnswer: true,
    },
    {
      key: 'safety_stock_cover',
      text: 'How long could you keep supplying us at normal volumes from that stock alone?',
      help: 'A two-day RTO for a raw material means stock or an alternate must already be in place: this cover should be at least your RTO.',
      type: 'duration',
      required: true,
      weight: 2,
      condition: { questionKey: 'safety_stock_held', equals: true },
    },
    {
      key: 'production_transfer',
      text: 'Can production or service delivery for us be transferred to another of your sites or a pre-agreed subcontractor?',
      type: 'yes_no',
      required: true,
      weight: 2,
      goodAnswer: true,
    },
  ],
};

const insurance: TemplateSection = {
  key: 'insurance',
  title: 'Insurance',
  questions: [
    {
      key: 'bi_insurance',
      text: 'Do you hold business interruption insurance that includes contingent business interruption (loss at your suppliers)?',
      type: 'yes_no',
      required: true,
      weight: 2,
      goodAnswer: true,
    },
    {
      key: 'bi_indemnity_period',
      text: 'What indemnity period does the business interruption cover provide?',
      type: 'single_choice',
      required: true,
      weight: 1,
      condition: { questionKey: 'bi_insurance', equals: true },
      options: [
        { value: 'over_12m', label: '12 months or more', score: 1 },
        { value: '6_to_12m', label: '6 to 12 months', score: 0.6 },
        { value: 'under_6m', label: 'Less than 6 months', score: 0.3 },
      ],
    },
    {
      key: 'cyber_insurance',
      text: 'Do you hold cyber insurance that covers incident response, restoration costs and business interruption from a cyber event?',
      type: 'yes_no',
      required: true,
      weight: 1,
      goodAnswer: true,
    },
    {
      key: 'insurance_certificate',
      text: 'Upload the current certificate(s) of insurance.',
      help: 'Must show insurer, insured entity, cover, limits and period of cover. Expired certificates are flagged.',
      type: 'file',
      required: false,
      weight: 1,
      condition: { questionKey: 'bi_insurance', equals: true },
      evidenceKind: 'insurance',
    },
  ],
};

const certifications: TemplateSection = {
  key: 'certifications',
  title: 'Certifications',
  questions: [
    {
      key: 'iso22301_certified',
      text: 'Is your business continuity management system certified to ISO 22301 by an accredited body, with a scope covering the services delivered to us?',
      type: 'yes_no',
      required: true,
      weight: 3,
      goodAnswer: true,
    },
    {
      key: 'iso22301_certificate',
      text: 'Upload your ISO 22301 certificate, including the scope statement.',
      type: 'file',
      required: true,
      weight: 2,
      condition: { questionKey: 'iso22301_certified', equals: true },
      evidenceKind: 'iso22301',
    },
    {
      key: 'iso22301_expiry',
      text: 'When does the ISO 22301 certificate expire?',
      type: 'date',
      required: true,
      weight: 0,
      condition: { questionKey: 'iso22301_certified', equals: true },
    },
    {
      key: 'iso27001_certified',
      text: 'Is your information security management system certified to ISO/IEC 27001, with a scope covering the services delivered to us?',
      type: 'yes_no',
      required: true,
      weight: 2,
      goodAnswer: true,
    },
    {
      key: 'soc2_report',
      text: 'Which SOC 2 report can you provide for the services delivered to us?',
      help: 'A Type II report covers the operating effectiveness of controls over a period (usually 6–12 months) and should include the Availability criterion.',
      type: 'single_choice',
      required: true,
      weight: 2,
      options: [
        { value: 'type2_availability', label: 'SOC 2 Type II including Availability, issued within 12 months', score: 1 },
        { value: 'type2', label: 'SOC 2 Type II without Availability', score: 0.7 },
        { value: 'type1', label: 'SOC 2 Type I only', score: 0.4 },
        { value: 'none', label: 'No SOC 2 report', score: 0 },
      ],
    },
    {
      key: 'other_certificates',
      text: 'Upload other relevant certificates or attestations (ISO/IEC 27001 certificate, SOC 2 bridge letter, IATF 16949, ISO 9001).',
      type: 'file',
      required: false,
      weight: 0,
      evidenceKind: 'other',
    },
  ],
};

const regulatory: TemplateSection = {
  key: 'regulatory',
  title: 'Regulatory (DORA, UK operational resilience)',
  questions: [
    {
      key: 'supports_financial_function',
      text: 'Do the services you deliver to us support our payments or card-issuing business (a regulated financial activity)?',
      help: 'If yes, you are an ICT third-party service provider or material outsourcer under DORA (Regulation (EU) 2022/2554) and, for UK activities, under the PRA/FCA operational resilience rules.',
      type: 'yes_no',
      required: true,
      weight: 0,
    },
    {
      key: 'lei_code',
      text: 'What is the Legal Entity Identifier (LEI) of the contracting entity?',
      help: '20 characters, ISO 17442. Required for our DORA register of information.',
      type: 'text',
      required: true,
      weight: 1,
      condition: { questionKey: 'supports_financial_function', equals: true },
    },
    {
      key: 'dora_register_info',
      text: 'Will you provide and keep current the information we need for our DORA register of information (services, locations of data processing, subcontractors supporting critical or important functions)?',
      type: 'yes_no',
      required: true,
      weight: 2,
      goodAnswer: true,
      condition: { questionKey: 'supports_financial_function', equals: true },
    },
    {
      key: 'dora_exit_support',
      text: 'Does your contract with us include exit assistance and a transition period sufficient for a documented exit strategy?',
      type: 'yes_no',
      required: true,
      weight: 2,
      goodAnswer: true,
      condition: { questionKey: 'supports_financial_function', equals: true },
    },
    {
      key: 'dora_tlpt_participation',
      text: 'Will you participate in our threat-led penetration testing (TLPT) and joint resilience tests when required?',
      type: 'yes_no',
      required: false,
      weight: 1,
      goodAnswer: true,
      condition: { questionKey: 'supports_financial_function', equals: true },
    },
    {
      key: 'uk_impact_tolerance',
      text: 'Can you remain within our UK impact tolerances for the important business services you support, and take part in our severe-but-plausible scenario testing?',
      help: 'Impact tolerances are the maximum tolerable disruption of an important business service (UK PRA SS1/21, FCA PS21/3). We share the tolerance that applies to your service on request.',
      type: 'yes_no',
      required: false,
      weight: 2,
      goodAnswer: true,
      condition: { questionKey: 'supports_financial_function', equals: true },
    },
    {
      key: 'data_processing_countries',
      text: 'In which countries are the data for our services stored and processed, including by your sub-processors?',
      help: 'List ISO country codes, for example "DE, IE, NL".',
      type: 'text',
      required: true,
      weight: 1,
    },
  ],
};

export const DEFAULT_TEMPLATE: TemplateDefinition = {
  key: 'bc_supply_chain_resilience',
  name: 'Business continuity and supply-chain resilience',
  description:
    'Our standard due-diligence questionnaire for vendors that support our critical services: continuity governance, ' +
    'business impact analysis, recovery objectives for the services you deliver to us, testing, crisis communication, ' +
    'cyber recovery, your own key suppliers and alternates, insurance, certifications and regulatory requirements ' +
    '(DORA, UK operational resilience). Durations are asked in hours or days and stored in minutes; attach evidence ' +
    'where asked: recovery figures backed by a recent test report count as tested.',
  sections: [
    governance,
    bia,
    recovery,
    testing,
    crisis,
    cyber,
    subSuppliers,
    alternates,
    insurance,
    certifications,
    regulatory,
  ],
};
