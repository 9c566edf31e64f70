/**
 * Demo organisation "Northwind Components": a mid-size European manufacturer of electronic control
 * units, with a web shop and a payments business line (card acceptance and card issuing).
 *
 * Pure data, no I/O: the seed script turns it into rows. Conventions:
 * - every duration is whole minutes (H = hour, D = day below);
 * - suppliers SUP-001…SUP-040 are vendors (tier 1, portal access); SUP-041…SUP-066 are their direct
 *   sub-suppliers (tier 2); SUP-067…SUP-076 are tier 3 (reached only through tier 2);
 * - `testedMonthsAgo` is the age of the last accepted DR test report relative to the seeding day
 *   (> 12 = stale, the tested figures should then no longer count);
 * - assessment `dueInDays` is relative to the seeding day (negative = overdue);
 * - answers are keyed by DEFAULT_TEMPLATE question keys (app/domain/questionnaire/default-template.ts);
 *   dates in answers are absolute and were written for a seeding day around 2026-11-23;
 * - all names and web/e-mail domains are fictional (domains use the reserved `.example` TLD).
 *
 * The story (what the resilience model should find):
 * - meet their RTO: payroll, payment gateway, customer portal, ERP, e-mail, identity/SSO,
 *   data-centre hosting (behind a 3-supplier cycle), treasury (but it misses its RPO), HR onboarding,
 *   marketing site;
 * - fail because of a slow single-source tier 2: order management (Kestrel claims 4 h, its managed
 *   database provider Datavault needs 48 h) and customer support (the contact centre claims 4 h, its
 *   SIP carrier needs 24 h);
 * - beyond MTPD: raw-material supply for production (the shared Taiwanese foundry needs 30 days, only
 *   7 days of stock at Zakłady Elektroniczne Łódź; the alternate foundry is still qualifying);
 * - unknown: warehouse & logistics (the 3PL's single-source WMS provider gave no RTO; the alternate
 *   3PL is only identified);
 * - saved by a qualified alternate: card issuing (the card bureau's chip-module supply chain needs
 *   weeks, but Nordic Card Services is qualified to take over in 6 h).
 */

export type Criticality = 'critical' | 'high' | 'medium' | 'low';

export interface DemoSupplier {
  externalId: string;
  name: string;
  /** ISO 3166-1 alpha-2 */
  country: string;
  isVendor: boolean;
  criticality: Criticality;
  contactEmail: string | null;
  declaredRtoMin: number | null;
  declaredRpoMin: number | null;
  testedRtoMin: number | null;
  testedRpoMin: number | null;
  /** age of the last accepted DR test */
  testedMonthsAgo: number | null;
  lei: string | null;
  duns: string | null;
  website: string | null;
}

export interface DemoService {
  externalId: string;
  name: string;
  owner: string;
  description: string;
  requiredRtoMin: number;
  requiredRpoMin: number;
  mtpdMin: number;
}

export interface DemoServiceSupplier {
  serviceId: string;
  supplierId: string;
}

export interface DemoDependency {
  supplierId: string;
  dependsOnId: string;
  supplies: string;
  singleSource: boolean;
  bufferMin: number;
}

export interface DemoAlternate {
  replacesId: string;
  alternateId: string;
  forSupplierId: string | null;
  forServiceId: string | null;
  status: 'identified' | 'qualifying' | 'qualified';
  switchoverMin: number | null;
  capacityPct: number | null;
}

export type AssessmentStatus =
  | 'draft'
  | 'sent'
  | 'in_progress'
  | 'submitted'
  | 'changes_requested'
  | 'approved'
  | 'rejected';

export interface DemoAssessment {
  supplierId: string;
  status: AssessmentStatus;
  /** relative to seeding day; negative = overdue */
  dueInDays: number;
  /**
   * keyed by DEFAULT_TEMPLATE question keys; value shapes: yes_no boolean, choice string / string[],
   * number, date 'YYYY-MM-DD', duration minutes, table array of row objects
   */
  answers: Record<string, unknown>;
}

export interface DemoUser {
  email: string;
  name: string;
  role: 'procurement' | 'analyst' | 'vendor';
  supplierId: string | null;
}

const H = 60;
const D = 24 * H;

export const DEMO_ORG: { slug: 'demo'; name: string } = { slug: 'demo', name: 'Northwind Components' };

export const DEMO_PASSWORD: string = 'resilience-demo';

export const DEMO_USERS: DemoUser[] = [
  { email: 'procurement@northwind.example', name: 'Clara Jansen', role: 'procurement', supplierId: null },
  { email: 'analyst@northwind.example', name: 'Tomasz Wójcik', role: 'analyst', supplierId: null },
  { email: 'bcm@wisla-logistics.example', name: 'Agnieszka Żurawska', role: 'vendor', supplierId: 'SUP-011' },
  { email: 'quality@zaklady-lodz.example', name: 'Paweł Kołodziej', role: 'vendor', supplierId: 'SUP-013' },
];

/** Defaults for a supplier: nothing known yet. */
const BLANK = {
  contactEmail: null,
  declaredRtoMin: null,
  declaredRpoMin: null,
  testedRtoMin: null,
  testedRpoMin: null,
  testedMonthsAgo: null,
  lei: null,
  duns: null,
  website: null,
} as const satisfies Partial<DemoSupplier>;

export const DEMO_SUPPLIERS: DemoSupplier[] = [
  // ---------------------------------------------------------------- tier 1: vendors
  {
    ...BLANK, externalId: 'SUP-001', name: 'Lumen Payroll Services DAC', country: 'IE', isVendor: true, criticality: 'critical',
    contactEmail: 'bcm@lumenpayroll.example', website: 'https://www.lumenpayroll.example', lei: '635400LUMENPAYRLIE46', duns: '218437665',
    declaredRtoMin: 4 * H, declaredRpoMin: 15, testedRtoMin: 3 * H, testedRpoMin: 15, testedMonthsAgo: 5,
  },
  {
    ...BLANK, externalId: 'SUP-002', name: 'Zeitwerk Müller GmbH', country: 'DE', isVendor: true, criticality: 'high',
    contactEmail: 'sicherheit@zeitwerk-mueller.example', website: 'https://zeitwerk-mueller.example', duns: '315220847',
    declaredRtoMin: 4 * H, declaredRpoMin: 15, testedRtoMin: 2 * H, testedRpoMin: 15, testedMonthsAgo: 8,
  },
  {
    ...BLANK, externalId: 'SUP-003', name: 'Ardent Payments B.V.', country: 'NL', isVendor: true, criticality: 'critical',
    contactEmail: 'resilience@ardentpay.example', website: 'https://www.ardentpay.example', lei: '529900ARDENTPAY0NL93', duns: '402918337',
    declaredRtoMin: 30, declaredRpoMin: 0, testedRtoMin: 20, testedRpoMin: 0, testedMonthsAgo: 3,
  },
  {
    ...BLANK, externalId: 'SUP-004', name: 'Vireo Fraud Analytics SAS', country: 'FR', isVendor: true, criticality: 'high',
    contactEmail: 'continuite@vireo-fraud.example', website: 'https://vireo-fraud.example', lei: '969500VIREOFRAUDFR61', duns: '276305118',
    declaredRtoMin: 1 * H, declaredRpoMin: 0, testedRtoMin: 45, testedRpoMin: 0, testedMonthsAgo: 2,
  },
  {
    ...BLANK, externalId: 'SUP-005', name: 'Brightlane Commerce Sp. z o.o.', country: 'PL', isVendor: true, criticality: 'critical',
    contactEmail: 'bcp@brightlane.example', website: 'https://brightlane.example', duns: '422871093',
    declaredRtoMin: 4 * H, declaredRpoMin: 30, testedRtoMin: 3 * H, testedRpoMin: 30, testedMonthsAgo: 4,
  },
  {
    ...BLANK, externalId: 'SUP-006', name: 'Cirrus Search AB', country: 'SE', isVendor: true, criticality: 'medium',
    contactEmail: 'ops@cirrus-search.example', website: 'https://cirrus-search.example',
    declaredRtoMin: 2 * H, declaredRpoMin: 1 * H,
  },
  {
    ...BLANK, externalId: 'SUP-007', name: 'Kestrel Order Systems Ltd', country: 'GB', isVendor: true, criticality: 'critical',
    contactEmail: 'it-continuity@kestrel-orders.example', website: 'https://www.kestrel-orders.example', lei: '213800KESTRELOMSGB56', duns: '219847302',
    declaredRtoMin: 4 * H, declaredRpoMin: 15, testedRtoMin: 4 * H, testedRpoMin: 15, testedMonthsAgo: 7,
  },
  {
    ...BLANK, externalId: 'SUP-008', name: 'Transnet EDI B.V.', country: 'NL', isVendor: true, criticality: 'medium',
    contactEmail: 'support@transnet-edi.example', website: 'https://transnet-edi.example',
    declaredRtoMin: 2 * H, declaredRpoMin: 0,
  },
  {
    // Stale test: 15 months old. Declared 8 h still meets the ERP's 8 h requirement.
    ...BLANK, externalId: 'SUP-009', name: 'Rheinsoft ERP Hosting GmbH', country: 'DE', isVendor: true, criticality: 'critical',
    contactEmail: 'bcm@rheinsoft.example', website: 'https://www.rheinsoft.example', lei: '391200RHEINSOFTDE107', duns: '340129976',
    declaredRtoMin: 8 * H, declaredRpoMin: 1 * H, testedRtoMin: 6 * H, testedRpoMin: 30, testedMonthsAgo: 15,
  },
  {
    ...BLANK, externalId: 'SUP-010', name: 'Балкан Софтуерни Решения ЕООД', country: 'BG', isVendor: true, criticality: 'medium',
    contactEmail: 'office@balkan-soft.example', website: 'https://balkan-soft.example',
    declaredRtoMin: 4 * H, declaredRpoMin: 1 * H,
  },
  {
    ...BLANK, externalId: 'SUP-011', name: 'Wisła Logistics Sp. z o.o.', country: 'PL', isVendor: true, criticality: 'critical',
    contactEmail: 'bcm@wisla-logistics.example', website: 'https://wisla-logistics.example', duns: '367190254',
    declaredRtoMin: 12 * H, declaredRpoMin: 4 * H,
  },
  {
    ...BLANK, externalId: 'SUP-012', name: 'Trasporti Alpini Ferraro S.p.A.', country: 'IT', isVendor: true, criticality: 'high',
    contactEmail: 'continuita@trasporti-ferraro.example', website: 'https://trasporti-ferraro.example', duns: '428830619',
    declaredRtoMin: 1 * D, declaredRpoMin: 4 * H, testedRtoMin: 1 * D, testedRpoMin: 4 * H, testedMonthsAgo: 11,
  },
  {
    ...BLANK, externalId: 'SUP-013', name: 'Zakłady Elektroniczne Łódź S.A.', country: 'PL', isVendor: true, criticality: 'critical',
    contactEmail: 'quality@zaklady-lodz.example', website: 'https://www.zaklady-lodz.example', duns: '422019846',
    declaredRtoMin: 2 * D, declaredRpoMin: 1 * D,
  },
  {
    ...BLANK, externalId: 'SUP-014', name: 'Acciai Speciali Brenta S.p.A.', country: 'IT', isVendor: true, criticality: 'high',
    contactEmail: 'supplychain@acciai-brenta.example', website: 'https://acciai-brenta.example', duns: '438552107',
    declaredRtoMin: 2 * D, declaredRpoMin: 1 * D, testedRtoMin: 2 * D, testedRpoMin: 1 * D, testedMonthsAgo: 10,
  },
  {
    ...BLANK, externalId: 'SUP-015', name: 'Société Normande de Polymères SAS', country: 'FR', isVendor: true, criticality: 'high',
    contactEmail: 'pca@snp-polymeres.example', website: 'https://snp-polymeres.example', duns: '275118034',
    declaredRtoMin: 1 * D, declaredRpoMin: 1 * D, testedRtoMin: 1 * D, testedRpoMin: 1 * D, testedMonthsAgo: 6,
  },
  {
    ...BLANK, externalId: 'SUP-016', name: '深圳市澜川微电子有限公司', country: 'CN', isVendor: true, criticality: 'critical',
    contactEmail: 'export@lanchuan-micro.example', website: 'https://lanchuan-micro.example', duns: '654320198',
    declaredRtoMin: 2 * D, declaredRpoMin: 1 * D,
  },
  {
    ...BLANK, externalId: 'SUP-017', name: 'Centro de Contacto Atlântico, Lda.', country: 'PT', isVendor: true, criticality: 'high',
    contactEmail: 'continuidade@cc-atlantico.example', website: 'https://cc-atlantico.example', duns: '451873320',
    declaredRtoMin: 4 * H, declaredRpoMin: 1 * H, testedRtoMin: 4 * H, testedRpoMin: 1 * H, testedMonthsAgo: 6,
  },
  {
    ...BLANK, externalId: 'SUP-018', name: 'Resonance CCaaS Inc.', country: 'US', isVendor: true, criticality: 'high',
    contactEmail: 'trust@resonance-ccaas.example', website: 'https://www.resonance-ccaas.example', duns: '081234567',
    declaredRtoMin: 1 * H, declaredRpoMin: 15, testedRtoMin: 45, testedRpoMin: 15, testedMonthsAgo: 4,
  },
  {
    ...BLANK, externalId: 'SUP-019', name: 'Helpdeck Oy', country: 'FI', isVendor: true, criticality: 'medium',
    contactEmail: 'security@helpdeck.example', website: 'https://helpdeck.example',
    declaredRtoMin: 4 * H, declaredRpoMin: 1 * H,
  },
  {
    ...BLANK, externalId: 'SUP-020', name: 'Meridian Workplace Cloud Ltd', country: 'IE', isVendor: true, criticality: 'high',
    contactEmail: 'resilience@meridian-workplace.example', website: 'https://meridian-workplace.example', duns: '219004871',
    declaredRtoMin: 4 * H, declaredRpoMin: 15, testedRtoMin: 2 * H, testedRpoMin: 5, testedMonthsAgo: 3,
  },
  {
    ...BLANK, externalId: 'SUP-021', name: 'Postwall Security GmbH', country: 'AT', isVendor: true, criticality: 'medium',
    contactEmail: 'noc@postwall.example', website: 'https://postwall.example',
    declaredRtoMin: 1 * H, declaredRpoMin: 0,
  },
  {
    ...BLANK, externalId: 'SUP-022', name: 'Keystone Identity Ltd', country: 'GB', isVendor: true, criticality: 'critical',
    contactEmail: 'bcm@keystone-id.example', website: 'https://www.keystone-id.example', lei: '213800KEYSTONEIDGB75', duns: '223901456',
    declaredRtoMin: 1 * H, declaredRpoMin: 5, testedRtoMin: 30, testedRpoMin: 0, testedMonthsAgo: 2,
  },
  {
    ...BLANK, externalId: 'SUP-023', name: 'Signalis SMS AB', country: 'SE', isVendor: true, criticality: 'medium',
    contactEmail: 'ops@signalis.example', website: 'https://signalis.example',
    declaredRtoMin: 1 * H, declaredRpoMin: 15,
  },
  {
    ...BLANK, externalId: 'SUP-024', name: 'Hanseatic Managed Hosting GmbH', country: 'DE', isVendor: true, criticality: 'critical',
    contactEmail: 'bcm@hanseatic-hosting.example', website: 'https://www.hanseatic-hosting.example', lei: '529900HANSEHOSTDE165', duns: '342278190',
    declaredRtoMin: 4 * H, declaredRpoMin: 15, testedRtoMin: 2 * H, testedRpoMin: 15, testedMonthsAgo: 6,
  },
  {
    ...BLANK, externalId: 'SUP-025', name: 'Société Lyonnaise de Personnalisation de Cartes SA', country: 'FR', isVendor: true, criticality: 'critical',
    contactEmail: 'pca@slpc-cartes.example', website: 'https://www.slpc-cartes.example', lei: '969500SLPCARTES0FR31', duns: '275990412',
    declaredRtoMin: 8 * H, declaredRpoMin: 0, testedRtoMin: 8 * H, testedRpoMin: 0, testedMonthsAgo: 4,
  },
  {
    // Qualified alternate card bureau for card issuing (see DEMO_ALTERNATES); not linked to a service.
    ...BLANK, externalId: 'SUP-026', name: 'Nordic Card Services A/S', country: 'DK', isVendor: true, criticality: 'medium',
    contactEmail: 'beredskab@nordic-card.example', website: 'https://nordic-card.example', lei: '549300NORDICCARDDK02', duns: '305512998',
    declaredRtoMin: 6 * H, declaredRpoMin: 0, testedRtoMin: 5 * H, testedRpoMin: 0, testedMonthsAgo: 9,
  },
  {
    ...BLANK, externalId: 'SUP-027', name: 'Ibérica Procesos de Tarjetas S.L.', country: 'ES', isVendor: true, criticality: 'critical',
    contactEmail: 'continuidad@iberica-tarjetas.example', website: 'https://iberica-tarjetas.example', lei: '959800IBERPROCTJES88', duns: '463307721',
    declaredRtoMin: 2 * H, declaredRpoMin: 0, testedRtoMin: 90, testedRpoMin: 0, testedMonthsAgo: 5,
  },
  {
    // Declared RPO 1 h against a required 15 min for treasury: an RPO finding.
    ...BLANK, externalId: 'SUP-028', name: 'Treasuryline AG', country: 'CH', isVendor: true, criticality: 'high',
    contactEmail: 'compliance@treasuryline.example', website: 'https://www.treasuryline.example', lei: '549300TREASLINECH113', duns: '481120036',
    declaredRtoMin: 4 * H, declaredRpoMin: 1 * H,
  },
  {
    ...BLANK, externalId: 'SUP-029', name: 'EuroSwift Bureau SA', country: 'BE', isVendor: true, criticality: 'high',
    contactEmail: 'bcm@euroswift-bureau.example', website: 'https://euroswift-bureau.example', lei: '549300EUROSWIFTBE164', duns: '370045182',
    declaredRtoMin: 2 * H, declaredRpoMin: 0, testedRtoMin: 1 * H, testedRpoMin: 0, testedMonthsAgo: 7,
  },
  {
    ...BLANK, externalId: 'SUP-030', name: 'Onboardly Ltd', country: 'GB', isVendor: true, criticality: 'medium',
    contactEmail: 'security@onboardly.example', website: 'https://onboardly.example',
    declaredRtoMin: 1 * D, declaredRpoMin: 4 * H,
  },
  {
    ...BLANK, externalId: 'SUP-031', name: 'Verifact Screening B.V.', country: 'NL', isVendor: true, criticality: 'low',
    contactEmail: 'info@verifact.example', website: 'https://verifact.example',
    declaredRtoMin: 2 * D, declaredRpoMin: 1 * D,
  },
  {
    ...BLANK, externalId: 'SUP-032', name: 'Pixelhaus Agentur GmbH', country: 'DE', isVendor: true, criticality: 'low',
    contactEmail: 'hosting@pixelhaus.example', website: 'https://pixelhaus.example',
    declaredRtoMin: 1 * D, declaredRpoMin: 1 * D,
  },
  {
    // Stale test (14 months).
    ...BLANK, externalId: 'SUP-033', name: '株式会社青嶺精機', country: 'JP', isVendor: true, criticality: 'medium',
    contactEmail: 'overseas@aomine-seiki.example', website: 'https://aomine-seiki.example', duns: '690218844',
    declaredRtoMin: 2 * D, declaredRpoMin: 1 * D, testedRtoMin: 36 * H, testedRpoMin: 1 * D, testedMonthsAgo: 14,
  },
  {
    // New vendor, questionnaire sent and overdue: nothing known.
    ...BLANK, externalId: 'SUP-034', name: 'شركة النخبة للتعبئة والتغليف', country: 'SA', isVendor: true, criticality: 'low',
    contactEmail: 'sales@nukhba-packaging.example', website: 'https://nukhba-packaging.example',
  },
  {
    ...BLANK, externalId: 'SUP-035', name: 'Maschinenbau Müller & Söhne KG', country: 'DE', isVendor: true, criticality: 'medium',
    contactEmail: 'service@mueller-soehne.example', website: 'https://mueller-soehne.example', duns: '315887410',
    declaredRtoMin: 1 * D,
  },
  {
    // Stale test (20 months).
    ...BLANK, externalId: 'SUP-036', name: 'Componentes Eletrônicos São Paulo Ltda.', country: 'BR', isVendor: true, criticality: 'high',
    contactEmail: 'exportacao@cesp-componentes.example', website: 'https://cesp-componentes.example', duns: '898120443',
    declaredRtoMin: 2 * D, declaredRpoMin: 1 * D, testedRtoMin: 2 * D, testedRpoMin: 1 * D, testedMonthsAgo: 20,
  },
  {
    // Identified (not qualified) alternate 3PL for warehouse & logistics; not yet assessed.
    ...BLANK, externalId: 'SUP-037', name: 'Fjordlager Logistikk AS', country: 'NO', isVendor: true, criticality: 'medium',
    contactEmail: 'post@fjordlager.example', website: 'https://fjordlager.example',
  },
  {
    ...BLANK, externalId: 'SUP-038', name: 'Printwerk Etiketten GmbH', country: 'DE', isVendor: true, criticality: 'low',
    contactEmail: 'info@printwerk-etiketten.example', website: 'https://printwerk-etiketten.example',
  },
  {
    ...BLANK, externalId: 'SUP-039', name: 'Ostsee Energie AG', country: 'DE', isVendor: true, criticality: 'high',
    contactEmail: 'geschaeftskunden@ostsee-energie.example', website: 'https://ostsee-energie.example',
  },
  {
    ...BLANK, externalId: 'SUP-040', name: 'Auditrum Consulting s.r.o.', country: 'CZ', isVendor: true, criticality: 'low',
    contactEmail: 'office@auditrum.example', website: 'https://auditrum.example',
  },

  // ---------------------------------------------------------------- tier 2: sub-suppliers of vendors
  {
    // Cloud region behind nine vendors: concentration.
    ...BLANK, externalId: 'SUP-041', name: 'Nimbus Cloud Services GmbH (Frankfurt region)', country: 'DE', isVendor: false, criticality: 'critical',
    website: 'https://nimbus-cloud.example', lei: '391200NIMBUSCLD0DE76',
    declaredRtoMin: 1 * H, declaredRpoMin: 5, testedRtoMin: 1 * H, testedRpoMin: 5, testedMonthsAgo: 4,
  },
  {
    ...BLANK, externalId: 'SUP-042', name: 'Stratus Cloud Ireland Ltd (Dublin region)', country: 'IE', isVendor: false, criticality: 'critical',
    website: 'https://stratus-cloud.example', lei: '635400STRATUSCLDIE71',
    declaredRtoMin: 30, declaredRpoMin: 0, testedRtoMin: 30, testedRpoMin: 0, testedMonthsAgo: 5,
  },
  {
    ...BLANK, externalId: 'SUP-043', name: 'EdgeMesh CDN Ltd', country: 'GB', isVendor: false, criticality: 'high',
    website: 'https://edgemesh.example', declaredRtoMin: 30, declaredRpoMin: 0,
  },
  {
    // The slow single source behind Kestrel: restores from backup to a cold site in 48 h.
    ...BLANK, externalId: 'SUP-044', name: 'Datavault Managed Databases s.r.o.', country: 'CZ', isVendor: false, criticality: 'high',
    website: 'https://datavault.example', declaredRtoMin: 2 * D, declaredRpoMin: 1 * D,
  },
  {
    // No recovery figures given: makes warehouse & logistics unknown.
    ...BLANK, externalId: 'SUP-045', name: 'Quayside WMS Ltd', country: 'GB', isVendor: false, criticality: 'high',
    website: 'https://quayside-wms.example',
  },
  {
    // The shared foundry behind SUP-013, SUP-016 and SUP-050: 30 days to recover a fab.
    ...BLANK, externalId: 'SUP-046', name: '台嶼晶圓製造股份有限公司', country: 'TW', isVendor: false, criticality: 'critical',
    website: 'https://taiyu-wafer.example', declaredRtoMin: 30 * D,
  },
  {
    ...BLANK, externalId: 'SUP-047', name: '株式会社白浜電子部品', country: 'JP', isVendor: false, criticality: 'medium',
    website: 'https://shirahama-denshi.example', declaredRtoMin: 3 * D,
  },
  {
    ...BLANK, externalId: 'SUP-048', name: 'Mineração Serra Dourada S.A.', country: 'BR', isVendor: false, criticality: 'medium',
    declaredRtoMin: 7 * D,
  },
  {
    // Single-source SIP carrier behind the contact centre: 24 h to re-provision trunks.
    ...BLANK, externalId: 'SUP-049', name: 'Lusitânia Telecom S.A.', country: 'PT', isVendor: false, criticality: 'high',
    website: 'https://lusitania-telecom.example', declaredRtoMin: 1 * D, declaredRpoMin: 0,
  },
  {
    ...BLANK, externalId: 'SUP-050', name: 'SmartInlay Modules GmbH', country: 'DE', isVendor: false, criticality: 'high',
    website: 'https://smartinlay.example', declaredRtoMin: 7 * D,
  },
  {
    // Cycle member (SUP-051 → SUP-052 → SUP-067 → SUP-051).
    ...BLANK, externalId: 'SUP-051', name: 'Rhein-Main DataPark GmbH', country: 'DE', isVendor: false, criticality: 'critical',
    website: 'https://rhein-main-datapark.example',
    declaredRtoMin: 2 * H, declaredRpoMin: 0, testedRtoMin: 2 * H, testedRpoMin: 0, testedMonthsAgo: 8,
  },
  {
    // Cycle member.
    ...BLANK, externalId: 'SUP-052', name: 'Baltic Fibre Networks AS', country: 'EE', isVendor: false, criticality: 'high',
    website: 'https://balticfibre.example', declaredRtoMin: 1 * H, declaredRpoMin: 0,
  },
  {
    ...BLANK, externalId: 'SUP-053', name: 'شركة الخليج للشحن البحري', country: 'AE', isVendor: false, criticality: 'medium',
    website: 'https://gulf-shipping.example', declaredRtoMin: 7 * D,
  },
  {
    ...BLANK, externalId: 'SUP-054', name: 'Vasudha Customer Care Pvt. Ltd.', country: 'IN', isVendor: false, criticality: 'medium',
    declaredRtoMin: 4 * H, declaredRpoMin: 1 * H,
  },
  {
    ...BLANK, externalId: 'SUP-055', name: 'TaxBridge e-Filing Ltd', country: 'IE', isVendor: false, criticality: 'medium',
    declaredRtoMin: 1 * D, declaredRpoMin: 1 * H,
  },
  {
    ...BLANK, externalId: 'SUP-056', name: 'Polikarta Sp. z o.o.', country: 'PL', isVendor: false, criticality: 'medium',
    declaredRtoMin: 3 * D,
  },
  {
    ...BLANK, externalId: 'SUP-057', name: 'Frachtkontor Elbe GmbH', country: 'DE', isVendor: false, criticality: 'medium',
    declaredRtoMin: 12 * H,
  },
  {
    ...BLANK, externalId: 'SUP-058', name: 'Tecnoimballaggi Veneto S.r.l.', country: 'IT', isVendor: false, criticality: 'low',
    declaredRtoMin: 2 * D,
  },
  {
    ...BLANK, externalId: 'SUP-059', name: 'Pétrochimie du Rhône SA', country: 'FR', isVendor: false, criticality: 'high',
    declaredRtoMin: 3 * D,
  },
  {
    ...BLANK, externalId: 'SUP-060', name: 'Tallinna SMS Hub OÜ', country: 'EE', isVendor: false, criticality: 'medium',
    declaredRtoMin: 30, declaredRpoMin: 0,
  },
  {
    // Stale test (18 months), tested = declared.
    ...BLANK, externalId: 'SUP-061', name: 'Kryptos HSM Services Ltd', country: 'CY', isVendor: false, criticality: 'high',
    declaredRtoMin: 2 * H, declaredRpoMin: 0, testedRtoMin: 2 * H, testedRpoMin: 0, testedMonthsAgo: 18,
  },
  {
    ...BLANK, externalId: 'SUP-062', name: 'Ostrava Precision Castings a.s.', country: 'CZ', isVendor: false, criticality: 'medium',
    declaredRtoMin: 3 * D,
  },
  {
    ...BLANK, externalId: 'SUP-063', name: 'Nordlys Backup AS', country: 'NO', isVendor: false, criticality: 'high',
    declaredRtoMin: 2 * H, declaredRpoMin: 1 * H, testedRtoMin: 2 * H, testedRpoMin: 1 * H, testedMonthsAgo: 10,
  },
  {
    ...BLANK, externalId: 'SUP-064', name: 'Pražská tiskárna etiket s.r.o.', country: 'CZ', isVendor: false, criticality: 'low',
    declaredRtoMin: 2 * D,
  },
  {
    ...BLANK, externalId: 'SUP-065', name: 'Iberia Road Freight S.L.', country: 'ES', isVendor: false, criticality: 'low',
    declaredRtoMin: 8 * H,
  },
  {
    // Second-source fab, qualifying as alternate for the Taiwanese foundry.
    ...BLANK, externalId: 'SUP-066', name: 'Elbtal Halbleiter GmbH', country: 'DE', isVendor: false, criticality: 'high',
    website: 'https://elbtal-halbleiter.example', declaredRtoMin: 3 * D,
  },

  // ---------------------------------------------------------------- tier 3
  {
    // Cycle member.
    ...BLANK, externalId: 'SUP-067', name: 'Critical Facilities Services Kft.', country: 'HU', isVendor: false, criticality: 'high',
    declaredRtoMin: 3 * H,
  },
  {
    ...BLANK, externalId: 'SUP-068', name: '新竹特用氣體股份有限公司', country: 'TW', isVendor: false, criticality: 'medium',
    declaredRtoMin: 14 * D,
  },
  {
    ...BLANK, externalId: 'SUP-069', name: '株式会社白鷺シリコン', country: 'JP', isVendor: false, criticality: 'high',
    declaredRtoMin: 21 * D,
  },
  {
    ...BLANK, externalId: 'SUP-070', name: 'Energie Rhein-Main Netz AG', country: 'DE', isVendor: false, criticality: 'high',
    declaredRtoMin: 4 * H,
  },
  {
    ...BLANK, externalId: 'SUP-071', name: 'Kältetechnik Schäfer GmbH', country: 'DE', isVendor: false, criticality: 'low',
    declaredRtoMin: 1 * D,
  },
  {
    ...BLANK, externalId: 'SUP-072', name: 'Brno Colocation Centre a.s.', country: 'CZ', isVendor: false, criticality: 'medium',
    declaredRtoMin: 4 * H, declaredRpoMin: 15,
  },
  {
    ...BLANK, externalId: 'SUP-073', name: 'Thames Valley Hosting Ltd', country: 'GB', isVendor: false, criticality: 'medium',
    declaredRtoMin: 4 * H, declaredRpoMin: 1 * H,
  },
  {
    ...BLANK, externalId: 'SUP-074', name: 'Mainport Peering GmbH', country: 'DE', isVendor: false, criticality: 'medium',
    declaredRtoMin: 30, declaredRpoMin: 0,
  },
  {
    ...BLANK, externalId: 'SUP-075', name: 'Atlântico Sul Cabos Submarinos S.A.', country: 'PT', isVendor: false, criticality: 'medium',
    declaredRtoMin: 12 * H,
  },
  {
    ...BLANK, externalId: 'SUP-076', name: 'Ferrovia Serra Azul S.A.', country: 'BR', isVendor: false, criticality: 'low',
    declaredRtoMin: 3 * D,
  },
];

export const DEMO_SERVICES: DemoService[] = [
  {
    externalId: 'SVC-01', name: 'Payroll', owner: 'Head of HR Operations',
    description: 'Monthly and off-cycle payroll for 2,400 employees in DE, PL and IE, including statutory tax and social-security filings.',
    requiredRtoMin: 4 * H, requiredRpoMin: 15, mtpdMin: 2 * D,
  },
  {
    externalId: 'SVC-02', name: 'Payment gateway', owner: 'Head of Payments',
    description: 'Card and wallet acceptance for the web shop and B2B portal; authorisation, capture and refunds. Real-time replication required.',
    requiredRtoMin: 1 * H, requiredRpoMin: 0, mtpdMin: 4 * H,
  },
  {
    externalId: 'SVC-03', name: 'Customer portal and web shop', owner: 'Head of E-commerce',
    description: 'B2B customer portal and B2C web shop: catalogue, search, checkout, order tracking.',
    requiredRtoMin: 4 * H, requiredRpoMin: 1 * H, mtpdMin: 1 * D,
  },
  {
    externalId: 'SVC-04', name: 'Order management', owner: 'Head of Customer Operations',
    description: 'Order capture from web shop and EDI, allocation, invoicing triggers and customer order status.',
    requiredRtoMin: 8 * H, requiredRpoMin: 1 * H, mtpdMin: 3 * D,
  },
  {
    externalId: 'SVC-05', name: 'ERP', owner: 'CFO — ERP product owner',
    description: 'Finance, procurement, production planning and inventory on the hosted ERP, with application maintenance support.',
    requiredRtoMin: 8 * H, requiredRpoMin: 1 * H, mtpdMin: 2 * D,
  },
  {
    externalId: 'SVC-06', name: 'Warehouse and logistics', owner: 'Head of Logistics',
    description: 'Outsourced finished-goods warehouse in Poland and outbound road transport to customers across Europe.',
    requiredRtoMin: 1 * D, requiredRpoMin: 4 * H, mtpdMin: 3 * D,
  },
  {
    externalId: 'SVC-07', name: 'Raw-material supply for production lines', owner: 'Head of Production Planning',
    description: 'PCB assemblies, microcontroller modules, steel, polymer resin and connectors feeding the three ECU assembly lines in Wrocław.',
    requiredRtoMin: 2 * D, requiredRpoMin: 1 * D, mtpdMin: 5 * D,
  },
  {
    externalId: 'SVC-08', name: 'Customer support', owner: 'Head of Customer Service',
    description: 'Outsourced multilingual contact centre, cloud telephony and ticketing for B2B and B2C customers.',
    requiredRtoMin: 8 * H, requiredRpoMin: 4 * H, mtpdMin: 2 * D,
  },
  {
    externalId: 'SVC-09', name: 'E-mail and collaboration', owner: 'Head of IT Operations',
    description: 'E-mail, calendars, chat, file sharing and e-mail security gateway for all staff.',
    requiredRtoMin: 8 * H, requiredRpoMin: 1 * H, mtpdMin: 2 * D,
  },
  {
    externalId: 'SVC-10', name: 'Identity and single sign-on', owner: 'CISO',
    description: 'Workforce identity provider, SSO and MFA (including SMS fallback) for every internal application.',
    requiredRtoMin: 2 * H, requiredRpoMin: 15, mtpdMin: 8 * H,
  },
  {
    externalId: 'SVC-11', name: 'Data centre hosting', owner: 'Head of IT Infrastructure',
    description: 'Managed hosting of the on-premise workloads (MES, PLM, file servers) in a Frankfurt colocation facility.',
    requiredRtoMin: 4 * H, requiredRpoMin: 15, mtpdMin: 1 * D,
  },
  {
    externalId: 'SVC-12', name: 'Card issuing', owner: 'Head of Card Products',
    description: 'Issuing of Northwind Pay corporate cards: issuer processing, card personalisation and dispatch.',
    requiredRtoMin: 8 * H, requiredRpoMin: 0, mtpdMin: 1 * D,
  },
  {
    externalId: 'SVC-13', name: 'Treasury and cash management', owner: 'Group Treasurer',
    description: 'Cash positioning, payment runs and bank connectivity (SWIFT service bureau) for the group and the payments line.',
    requiredRtoMin: 4 * H, requiredRpoMin: 15, mtpdMin: 1 * D,
  },
  {
    externalId: 'SVC-14', name: 'HR onboarding', owner: 'Head of Talent Acquisition',
    description: 'Pre-employment screening, contracts and first-day provisioning for new hires.',
    requiredRtoMin: 3 * D, requiredRpoMin: 1 * D, mtpdMin: 7 * D,
  },
  {
    externalId: 'SVC-15', name: 'Marketing website', owner: 'Head of Marketing',
    description: 'Public corporate website and product pages (CMS hosted by the agency).',
    requiredRtoMin: 2 * D, requiredRpoMin: 1 * D, mtpdMin: 7 * D,
  },
];

export const DEMO_SERVICE_SUPPLIERS: DemoServiceSupplier[] = [
  { serviceId: 'SVC-01', supplierId: 'SUP-001' },
  { serviceId: 'SVC-01', supplierId: 'SUP-002' },
  { serviceId: 'SVC-02', supplierId: 'SUP-003' },
  { serviceId: 'SVC-02', supplierId: 'SUP-004' },
  { serviceId: 'SVC-03', supplierId: 'SUP-005' },
  { serviceId: 'SVC-03', supplierId: 'SUP-006' },
  { serviceId: 'SVC-03', supplierId: 'SUP-003' },
  { serviceId: 'SVC-04', supplierId: 'SUP-007' },
  { serviceId: 'SVC-04', supplierId: 'SUP-008' },
  { serviceId: 'SVC-05', supplierId: 'SUP-009' },
  { serviceId: 'SVC-05', supplierId: 'SUP-010' },
  { serviceId: 'SVC-06', supplierId: 'SUP-011' },
  { serviceId: 'SVC-06', supplierId: 'SUP-012' },
  { serviceId: 'SVC-07', supplierId: 'SUP-013' },
  { serviceId: 'SVC-07', supplierId: 'SUP-014' },
  { serviceId: 'SVC-07', supplierId: 'SUP-015' },
  { serviceId: 'SVC-07', supplierId: 'SUP-016' },
  { serviceId: 'SVC-07', supplierId: 'SUP-036' },
  { serviceId: 'SVC-08', supplierId: 'SUP-017' },
  { serviceId: 'SVC-08', supplierId: 'SUP-018' },
  { serviceId: 'SVC-08', supplierId: 'SUP-019' },
  { serviceId: 'SVC-09', supplierId: 'SUP-020' },
  { serviceId: 'SVC-09', supplierId: 'SUP-021' },
  { serviceId: 'SVC-10', supplierId: 'SUP-022' },
  { serviceId: 'SVC-10', supplierId: 'SUP-023' },
  { serviceId: 'SVC-11', supplierId: 'SUP-024' },
  { serviceId: 'SVC-12', supplierId: 'SUP-025' },
  { serviceId: 'SVC-12', supplierId: 'SUP-027' },
  { serviceId: 'SVC-13', supplierId: 'SUP-028' },
  { serviceId: 'SVC-13', supplierId: 'SUP-029' },
  { serviceId: 'SVC-14', supplierId: 'SUP-030' },
  { serviceId: 'SVC-14', supplierId: 'SUP-031' },
  { serviceId: 'SVC-15', supplierId: 'SUP-032' },
];

export const DEMO_DEPENDENCIES: DemoDependency[] = [
  // ---------------------------------------------------------------- vendors → tier 2
  { supplierId: 'SUP-001', dependsOnId: 'SUP-041', supplies: 'Cloud hosting of the payroll platform (Frankfurt region)', singleSource: false, bufferMin: 0 },
  { supplierId: 'SUP-001', dependsOnId: 'SUP-055', supplies: 'Statutory payroll tax e-filing gateway', singleSource: true, bufferMin: 2 * D },
  { supplierId: 'SUP-002', dependsOnId: 'SUP-041', supplies: 'Cloud hosting of the time & attendance platform', singleSource: false, bufferMin: 0 },
  { supplierId: 'SUP-003', dependsOnId: 'SUP-042', supplies: 'Cloud hosting, active-active across availability zones (Dublin region)', singleSource: false, bufferMin: 0 },
  { supplierId: 'SUP-004', dependsOnId: 'SUP-042', supplies: 'Cloud hosting of the fraud-scoring engine', singleSource: false, bufferMin: 0 },
  { supplierId: 'SUP-005', dependsOnId: 'SUP-041', supplies: 'Cloud hosting of the web shop platform', singleSource: false, bufferMin: 0 },
  { supplierId: 'SUP-005', dependsOnId: 'SUP-043', supplies: 'Content delivery network and web application firewall', singleSource: false, bufferMin: 0 },
  { supplierId: 'SUP-006', dependsOnId: 'SUP-041', supplies: 'Cloud hosting of the search cluster', singleSource: false, bufferMin: 0 },
  { supplierId: 'SUP-007', dependsOnId: 'SUP-044', supplies: 'Managed PostgreSQL for the order database', singleSource: true, bufferMin: 0 },
  { supplierId: 'SUP-007', dependsOnId: 'SUP-041', supplies: 'Application hosting (Frankfurt region)', singleSource: false, bufferMin: 0 },
  { supplierId: 'SUP-008', dependsOnId: 'SUP-041', supplies: 'Cloud hosting of the EDI hub', singleSource: false, bufferMin: 0 },
  { supplierId: 'SUP-009', dependsOnId: 'SUP-051', supplies: 'Colocation space, power and cooling for the ERP servers', singleSource: true, bufferMin: 0 },
  { supplierId: 'SUP-011', dependsOnId: 'SUP-045', supplies: 'Warehouse management system (SaaS)', singleSource: true, bufferMin: 0 },
  { supplierId: 'SUP-011', dependsOnId: 'SUP-057', supplies: 'Subcontracted line-haul trucking', singleSource: false, bufferMin: 0 },
  { supplierId: 'SUP-012', dependsOnId: 'SUP-057', supplies: 'Subcontracted line-haul for northern Germany', singleSource: false, bufferMin: 0 },
  { supplierId: 'SUP-012', dependsOnId: 'SUP-065', supplies: 'Subcontracted haulage for Spain and Portugal', singleSource: false, bufferMin: 0 },
  { supplierId: 'SUP-013', dependsOnId: 'SUP-046', supplies: 'Automotive microcontrollers (wafer fabrication)', singleSource: true, bufferMin: 7 * D },
  { supplierId: 'SUP-013', dependsOnId: 'SUP-047', supplies: 'Passive components (MLCC capacitors, resistors)', singleSource: false, bufferMin: 14 * D },
  { supplierId: 'SUP-013', dependsOnId: 'SUP-053', supplies: 'Sea freight Asia–Europe and customs brokerage', singleSource: false, bufferMin: 7 * D },
  { supplierId: 'SUP-014', dependsOnId: 'SUP-048', supplies: 'Iron-ore pellets and ferro-alloys', singleSource: false, bufferMin: 14 * D },
  { supplierId: 'SUP-015', dependsOnId: 'SUP-058', supplies: 'Drums and IBC packaging', singleSource: false, bufferMin: 3 * D },
  { supplierId: 'SUP-015', dependsOnId: 'SUP-059', supplies: 'Polyamide feedstock (PA6 pellets)', singleSource: true, bufferMin: 7 * D },
  { supplierId: 'SUP-016', dependsOnId: 'SUP-046', supplies: 'Microcontroller dies', singleSource: true, bufferMin: 14 * D },
  { supplierId: 'SUP-016', dependsOnId: 'SUP-066', supplies: 'Power MOSFETs', singleSource: false, bufferMin: 7 * D },
  { supplierId: 'SUP-016', dependsOnId: 'SUP-053', supplies: 'Sea freight Asia–Europe', singleSource: false, bufferMin: 14 * D },
  { supplierId: 'SUP-017', dependsOnId: 'SUP-049', supplies: 'SIP trunks and inbound toll-free numbers', singleSource: true, bufferMin: 0 },
  { supplierId: 'SUP-017', dependsOnId: 'SUP-054', supplies: 'Overflow contact-centre seats (Bengaluru)', singleSource: false, bufferMin: 0 },
  { supplierId: 'SUP-018', dependsOnId: 'SUP-042', supplies: 'Cloud hosting (Dublin region)', singleSource: false, bufferMin: 0 },
  { supplierId: 'SUP-019', dependsOnId: 'SUP-041', supplies: 'Cloud hosting of the ticketing platform', singleSource: false, bufferMin: 0 },
  { supplierId: 'SUP-020', dependsOnId: 'SUP-042', supplies: 'Cloud hosting (Dublin region)', singleSource: false, bufferMin: 0 },
  { supplierId: 'SUP-020', dependsOnId: 'SUP-063', supplies: 'Off-site immutable backup vault', singleSource: false, bufferMin: 0 },
  { supplierId: 'SUP-021', dependsOnId: 'SUP-042', supplies: 'Cloud hosting of the mail gateway', singleSource: false, bufferMin: 0 },
  { supplierId: 'SUP-022', dependsOnId: 'SUP-041', supplies: 'Primary hosting (Frankfurt region)', singleSource: false, bufferMin: 0 },
  { supplierId: 'SUP-022', dependsOnId: 'SUP-042', supplies: 'Secondary hosting (Dublin region)', singleSource: false, bufferMin: 0 },
  { supplierId: 'SUP-023', dependsOnId: 'SUP-060', supplies: 'SMS aggregation and routing to mobile operators', singleSource: false, bufferMin: 0 },
  { supplierId: 'SUP-024', dependsOnId: 'SUP-051', supplies: 'Colocation space, power and cooling', singleSource: true, bufferMin: 0 },
  { supplierId: 'SUP-024', dependsOnId: 'SUP-052', supplies: 'Dark fibre and IP transit', singleSource: false, bufferMin: 0 },
  { supplierId: 'SUP-024', dependsOnId: 'SUP-063', supplies: 'Off-site immutable backup vault', singleSource: false, bufferMin: 0 },
  { supplierId: 'SUP-025', dependsOnId: 'SUP-050', supplies: 'Dual-interface chip modules for payment cards', singleSource: true, bufferMin: 2 * D },
  { supplierId: 'SUP-025', dependsOnId: 'SUP-056', supplies: 'PVC card bodies', singleSource: false, bufferMin: 7 * D },
  { supplierId: 'SUP-027', dependsOnId: 'SUP-042', supplies: 'Cloud hosting of the issuer processing platform', singleSource: false, bufferMin: 0 },
  { supplierId: 'SUP-027', dependsOnId: 'SUP-061', supplies: 'Hosted HSMs and key-ceremony services', singleSource: false, bufferMin: 0 },
  { supplierId: 'SUP-028', dependsOnId: 'SUP-041', supplies: 'Cloud hosting (Frankfurt region)', singleSource: false, bufferMin: 0 },
  { supplierId: 'SUP-029', dependsOnId: 'SUP-061', supplies: 'HSM maintenance', singleSource: false, bufferMin: 0 },
  { supplierId: 'SUP-030', dependsOnId: 'SUP-041', supplies: 'Cloud hosting', singleSource: false, bufferMin: 0 },
  { supplierId: 'SUP-031', dependsOnId: 'SUP-041', supplies: 'Cloud hosting of the screening portal', singleSource: false, bufferMin: 0 },
  { supplierId: 'SUP-032', dependsOnId: 'SUP-043', supplies: 'CDN for the marketing site', singleSource: false, bufferMin: 0 },
  { supplierId: 'SUP-033', dependsOnId: 'SUP-047', supplies: 'Ceramic components', singleSource: false, bufferMin: 14 * D },
  { supplierId: 'SUP-034', dependsOnId: 'SUP-058', supplies: 'Corrugated board and stretch film', singleSource: false, bufferMin: 3 * D },
  { supplierId: 'SUP-035', dependsOnId: 'SUP-062', supplies: 'Machined castings for spare parts', singleSource: false, bufferMin: 14 * D },
  { supplierId: 'SUP-036', dependsOnId: 'SUP-053', supplies: 'Freight forwarding and customs brokerage', singleSource: false, bufferMin: 14 * D },
  { supplierId: 'SUP-038', dependsOnId: 'SUP-064', supplies: 'Label printing overflow capacity', singleSource: false, bufferMin: 2 * D },

  // ---------------------------------------------------------------- tier 2 → tier 2
  { supplierId: 'SUP-050', dependsOnId: 'SUP-046', supplies: 'Secure-element wafers', singleSource: true, bufferMin: 14 * D },

  // ---------------------------------------------------------------- tier 2 → tier 3 (and the cycle)
  { supplierId: 'SUP-041', dependsOnId: 'SUP-074', supplies: 'Internet exchange peering', singleSource: false, bufferMin: 0 },
  { supplierId: 'SUP-044', dependsOnId: 'SUP-072', supplies: 'Colocation of the database servers', singleSource: true, bufferMin: 0 },
  { supplierId: 'SUP-045', dependsOnId: 'SUP-073', supplies: 'Hosting of the WMS platform', singleSource: true, bufferMin: 0 },
  { supplierId: 'SUP-046', dependsOnId: 'SUP-068', supplies: 'Specialty process gases', singleSource: false, bufferMin: 21 * D },
  { supplierId: 'SUP-046', dependsOnId: 'SUP-069', supplies: '300 mm silicon wafers', singleSource: true, bufferMin: 30 * D },
  { supplierId: 'SUP-048', dependsOnId: 'SUP-076', supplies: 'Rail haulage from mine to port', singleSource: true, bufferMin: 0 },
  { supplierId: 'SUP-049', dependsOnId: 'SUP-075', supplies: 'Submarine cable capacity', singleSource: false, bufferMin: 0 },
  { supplierId: 'SUP-051', dependsOnId: 'SUP-052', supplies: 'Metro fibre and IP transit', singleSource: false, bufferMin: 0 },
  { supplierId: 'SUP-052', dependsOnId: 'SUP-067', supplies: 'Field maintenance of PoP power and cooling', singleSource: false, bufferMin: 0 },
  { supplierId: 'SUP-067', dependsOnId: 'SUP-051', supplies: 'Hosting of the remote-monitoring platform', singleSource: false, bufferMin: 0 },
  { supplierId: 'SUP-051', dependsOnId: 'SUP-070', supplies: 'Medium-voltage grid power (48 h of diesel on site)', singleSource: false, bufferMin: 2 * D },
  { supplierId: 'SUP-051', dependsOnId: 'SUP-071', supplies: 'Chiller spare parts and repair', singleSource: false, bufferMin: 2 * D },
];

export const DEMO_ALTERNATES: DemoAlternate[] = [
  // Saves card issuing: the card bureau's own supply chain needs weeks, Nordic Card takes over in 6 h.
  { replacesId: 'SUP-025', alternateId: 'SUP-026', forSupplierId: null, forServiceId: 'SVC-12', status: 'qualified', switchoverMin: 6 * H, capacityPct: 80 },
  // Second-source fab for the Taiwanese foundry, still qualifying: does not count yet.
  { replacesId: 'SUP-046', alternateId: 'SUP-066', forSupplierId: 'SUP-013', forServiceId: null, status: 'qualifying', switchoverMin: 14 * D, capacityPct: 40 },
  // Alternate 3PL only identified: warehouse & logistics stays unknown.
  { replacesId: 'SUP-011', alternateId: 'SUP-037', forSupplierId: null, forServiceId: 'SVC-06', status: 'identified', switchoverMin: null, capacityPct: null },
  // Kestrel could move its database to Nimbus managed PostgreSQL: identified only.
  { replacesId: 'SUP-044', alternateId: 'SUP-041', forSupplierId: 'SUP-007', forServiceId: null, status: 'identified', switchoverMin: 2 * D, capacityPct: 100 },
  // Second SIP carrier for the contact centre, being qualified.
  { replacesId: 'SUP-049', alternateId: 'SUP-052', forSupplierId: 'SUP-017', forServiceId: null, status: 'qualifying', switchoverMin: 12 * H, capacityPct: 60 },
  // Qualified multi-CDN set-up at the web shop platform.
  { replacesId: 'SUP-043', alternateId: 'SUP-042', forSupplierId: 'SUP-005', forServiceId: null, status: 'qualified', switchoverMin: 30, capacityPct: 100 },
  // Qualified back-up haulier at the road carrier.
  { replacesId: 'SUP-057', alternateId: 'SUP-065', forSupplierId: 'SUP-012', forServiceId: null, status: 'qualified', switchoverMin: 4 * H, capacityPct: 50 },
  // The web shop platform's OMS module as a fall-back for order management: qualifying, 7 days to switch.
  { replacesId: 'SUP-007', alternateId: 'SUP-005', forSupplierId: null, forServiceId: 'SVC-04', status: 'qualifying', switchoverMin: 7 * D, capacityPct: 70 },
];

// ---------------------------------------------------------------- questionnaire answers

/** Typical answers of a mature IT service provider for the cyber-recovery section. */
const CYBER_MATURE = {
  immutable_backups: true,
  backup_isolation: true,
  backup_frequency: 'continuous',
  restore_tested: true,
  ransomware_playbook: true,
} as const;

const answersLumenPayroll: Record<string, unknown> = {
  bcp_exists: true,
  bcp_owner: 'Aoife Brennan, COO (accountable); Cian Doyle, BCM lead — bcm@lumenpayroll.example',
  bcp_board_oversight: true,
  bcp_review_frequency: 'yearly_and_on_change',
  bcp_last_review_date: '2026-03-12',
  bia_performed: true,
  bia_last_updated: '2026-02-20',
  bia_mtpd_defined: true,
  bia_dependencies_mapped: true,
  customer_recovery_priority: 'priority_one',
  declared_rto: 4 * H,
  declared_rpo: 15,
  objectives_in_contract: true,
  recovery_strategy: 'warm_standby',
  alternate_site_distance: 'other_region',
  mbco_capacity_pct: 100,
  dr_tested: true,
  dr_test_types: ['tabletop', 'full_failover'],
  last_dr_test_date: '2026-06-18',
  dr_test_achieved_rto: 3 * H,
  dr_test_achieved_rpo: 15,
  dr_test_result: 'passed',
  test_programme: 'annual_failover',
  crisis_team: true,
  incident_notification: 'within_1h',
  crisis_contacts: [
    { name: 'Cian Doyle', role: 'BCM lead', phone: '+353 1 555 0142', email: 'bcm@lumenpayroll.example' },
    { name: 'Service desk (24/7)', role: 'Incident duty manager', phone: '+353 1 555 0100', email: 'incident@lumenpayroll.example' },
  ],
  out_of_band_comms: true,
  major_incident_24m: false,
  ...CYBER_MATURE,
  cyber_rebuild_time: 2 * D,
  sub_suppliers: [
    { name: 'Nimbus Cloud Services GmbH (Frankfurt region)', country: 'DE', supplies: 'Cloud hosting of the payroll platform (Frankfurt region)', single_source: false, buffer: 0 },
    { name: 'TaxBridge e-Filing Ltd', country: 'IE', supplies: 'Statutory payroll tax e-filing gateway', single_source: true, buffer: 2 * D },
  ],
  single_source_inputs: true,
  single_source_mitigation:
    'Payroll tax returns can be filed directly on the Revenue portal within the two-day statutory window if TaxBridge is unavailable; procedure tested in the March tabletop.',
  sub_supplier_bcp_required: true,
  sub_supplier_monitoring: 'annual_review',
  shared_hosting_region: false,
  alternates: [],
  dual_sourcing: 'some_critical',
  safety_stock_held: false,
  production_transfer: true,
  bi_insurance: true,
  bi_indemnity_period: 'over_12m',
  cyber_insurance: true,
  iso22301_certified: true,
  iso22301_expiry: '2028-04-30',
  iso27001_certified: true,
  soc2_report: 'type2_availability',
  supports_financial_function: false,
  data_processing_countries: 'IE, DE',
};

const answersArdent: Record<string, unknown> = {
  bcp_exists: true,
  bcp_owner: 'Maarten de Vries, CRO (accountable); Fleur Bakker, Head of Operational Resilience',
  bcp_board_oversight: true,
  bcp_review_frequency: 'yearly_and_on_change',
  bcp_last_review_date: '2026-05-04',
  bia_performed: true,
  bia_last_updated: '2026-04-15',
  bia_mtpd_defined: true,
  bia_dependencies_mapped: true,
  customer_recovery_priority: 'priority_one',
  declared_rto: 30,
  declared_rpo: 0,
  objectives_in_contract: true,
  recovery_strategy: 'active_active',
  alternate_site_distance: 'other_region',
  mbco_capacity_pct: 100,
  dr_tested: true,
  dr_test_types: ['technical', 'full_failover'],
  last_dr_test_date: '2026-08-25',
  dr_test_achieved_rto: 20,
  dr_test_achieved_rpo: 0,
  dr_test_result: 'passed',
  test_programme: 'annual_failover',
  crisis_team: true,
  incident_notification: 'within_1h',
  crisis_contacts: [
    { name: 'Fleur Bakker', role: 'Head of Operational Resilience', phone: '+31 20 555 0199', email: 'resilience@ardentpay.example' },
    { name: 'Payments NOC', role: '24/7 major-incident desk', phone: '+31 20 555 0111', email: 'noc@ardentpay.example' },
  ],
  out_of_band_comms: true,
  major_incident_24m: false,
  ...CYBER_MATURE,
  cyber_rebuild_time: 1 * D,
  sub_suppliers: [
    { name: 'Stratus Cloud Ireland Ltd (Dublin region)', country: 'IE', supplies: 'Cloud hosting, active-active across availability zones (Dublin region)', single_source: false, buffer: 0 },
  ],
  single_source_inputs: false,
  sub_supplier_bcp_required: true,
  sub_supplier_monitoring: 'continuous',
  shared_hosting_region: true,
  dual_sourcing: 'all_critical',
  safety_stock_held: false,
  production_transfer: true,
  bi_insurance: true,
  bi_indemnity_period: 'over_12m',
  cyber_insurance: true,
  iso22301_certified: true,
  iso22301_expiry: '2027-09-30',
  iso27001_certified: true,
  soc2_report: 'type2_availability',
  supports_financial_function: true,
  lei_code: '529900ARDENTPAY0NL93',
  dora_register_info: true,
  dora_exit_support: true,
  dora_tlpt_participation: true,
  uk_impact_tolerance: true,
  data_processing_countries: 'NL, IE',
};

const answersCardBureau: Record<string, unknown> = {
  bcp_exists: true,
  bcp_owner: 'Hélène Marchand, Directrice des opérations (accountable); Julien Lefèvre, responsable PCA',
  bcp_board_oversight: true,
  bcp_review_frequency: 'yearly',
  bcp_last_review_date: '2026-01-28',
  bia_performed: true,
  bia_last_updated: '2026-01-15',
  bia_mtpd_defined: true,
  bia_dependencies_mapped: true,
  customer_recovery_priority: 'same_as_all',
  declared_rto: 8 * H,
  declared_rpo: 0,
  objectives_in_contract: true,
  recovery_strategy: 'warm_standby',
  alternate_site_distance: 'other_region',
  mbco_capacity_pct: 60,
  dr_tested: true,
  dr_test_types: ['tabletop', 'technical'],
  last_dr_test_date: '2026-07-14',
  dr_test_achieved_rto: 8 * H,
  dr_test_achieved_rpo: 0,
  dr_test_result: 'passed',
  test_programme: 'annual_technical',
  crisis_team: true,
  incident_notification: 'within_4h',
  crisis_contacts: [
    { name: 'Julien Lefèvre', role: 'Responsable PCA', phone: '+33 4 72 55 01 30', email: 'pca@slpc-cartes.example' },
  ],
  out_of_band_comms: true,
  major_incident_24m: false,
  ...CYBER_MATURE,
  backup_frequency: 'hourly',
  cyber_rebuild_time: 3 * D,
  sub_suppliers: [
    { name: 'SmartInlay Modules GmbH', country: 'DE', supplies: 'Dual-interface chip modules for payment cards', single_source: true, buffer: 2 * D },
    { name: 'Polikarta Sp. z o.o.', country: 'PL', supplies: 'PVC card bodies', single_source: false, buffer: 7 * D },
  ],
  single_source_inputs: true,
  single_source_mitigation:
    'Two days of chip-module stock held on site; a second module supplier is under evaluation (decision expected mid-2027). SmartInlay depends on a single wafer foundry.',
  sub_supplier_bcp_required: true,
  sub_supplier_monitoring: 'annual_review',
  shared_hosting_region: false,
  dual_sourcing: 'some_critical',
  safety_stock_held: true,
  safety_stock_cover: 2 * D,
  production_transfer: false,
  bi_insurance: true,
  bi_indemnity_period: '6_to_12m',
  cyber_insurance: true,
  iso22301_certified: true,
  iso22301_expiry: '2027-03-31',
  iso27001_certified: true,
  soc2_report: 'none',
  supports_financial_function: true,
  lei_code: '969500SLPCARTES0FR31',
  dora_register_info: true,
  dora_exit_support: true,
  dora_tlpt_participation: false,
  uk_impact_tolerance: true,
  data_processing_countries: 'FR',
};

const answersKestrel: Record<string, unknown> = {
  bcp_exists: true,
  bcp_owner: 'James Whitfield, CTO (accountable); Priya Nair, Service Continuity Manager',
  bcp_board_oversight: true,
  bcp_review_frequency: 'yearly',
  bcp_last_review_date: '2026-02-09',
  bia_performed: true,
  bia_last_updated: '2026-02-09',
  bia_mtpd_defined: false,
  bia_dependencies_mapped: true,
  customer_recovery_priority: 'same_as_all',
  declared_rto: 4 * H,
  declared_rpo: 15,
  objectives_in_contract: true,
  recovery_strategy: 'warm_standby',
  alternate_site_distance: 'other_region',
  mbco_capacity_pct: 80,
  dr_tested: true,
  dr_test_types: ['technical'],
  last_dr_test_date: '2026-04-20',
  dr_test_achieved_rto: 4 * H,
  dr_test_achieved_rpo: 15,
  dr_test_result: 'passed_with_findings',
  test_programme: 'annual_technical',
  crisis_team: true,
  incident_notification: 'within_4h',
  crisis_contacts: [
    { name: 'Priya Nair', role: 'Service Continuity Manager', phone: '+44 161 555 0187', email: 'it-continuity@kestrel-orders.example' },
    { name: 'Kestrel operations bridge', role: '24/7 on-call', phone: '+44 161 555 0100', email: 'ops@kestrel-orders.example' },
  ],
  out_of_band_comms: true,
  major_incident_24m: false,
  immutable_backups: true,
  backup_isolation: false,
  backup_frequency: 'hourly',
  restore_tested: true,
  ransomware_playbook: true,
  cyber_rebuild_time: 3 * D,
  sub_suppliers: [
    { name: 'Datavault Managed Databases s.r.o.', country: 'CZ', supplies: 'Managed PostgreSQL for the order database', single_source: true, buffer: 0 },
    { name: 'Nimbus Cloud Services GmbH (Frankfurt region)', country: 'DE', supplies: 'Application hosting (Frankfurt region)', single_source: false, buffer: 0 },
  ],
  single_source_inputs: true,
  single_source_mitigation:
    'The order database is run by Datavault; a full loss of their Brno site means a restore from backup to their cold site, which they quote at up to 48 hours. ' +
    'Moving to Nimbus managed PostgreSQL is identified for 2027 (our own fail-over test only covered the application tier).',
  sub_supplier_bcp_required: true,
  sub_supplier_monitoring: 'onboarding_only',
  shared_hosting_region: false,
  alternates: [
    { replaces: 'Datavault Managed Databases s.r.o.', alternate: 'Nimbus Cloud Services GmbH (Frankfurt region)', country: 'DE', qualified: false, switchover: 2 * D, capacity_pct: 100 },
  ],
  dual_sourcing: 'none',
  safety_stock_held: false,
  production_transfer: false,
  bi_insurance: true,
  bi_indemnity_period: '6_to_12m',
  cyber_insurance: true,
  iso22301_certified: false,
  iso27001_certified: true,
  soc2_report: 'type2',
  supports_financial_function: false,
  data_processing_countries: 'GB, CZ, DE',
};

const answersContactCentre: Record<string, unknown> = {
  bcp_exists: true,
  bcp_owner: 'Rui Carvalho, CEO (accountable); Inês Figueiredo, Business Continuity Manager',
  bcp_board_oversight: true,
  bcp_review_frequency: 'yearly_and_on_change',
  bcp_last_review_date: '2025-12-03',
  bia_performed: true,
  bia_last_updated: '2025-11-20',
  bia_mtpd_defined: true,
  bia_dependencies_mapped: true,
  customer_recovery_priority: 'priority_one',
  declared_rto: 4 * H,
  declared_rpo: 1 * H,
  objectives_in_contract: true,
  recovery_strategy: 'warm_standby',
  alternate_site_distance: 'other_region',
  mbco_capacity_pct: 70,
  dr_tested: true,
  dr_test_types: ['tabletop', 'technical'],
  last_dr_test_date: '2026-05-27',
  dr_test_achieved_rto: 4 * H,
  dr_test_achieved_rpo: 1 * H,
  dr_test_result: 'passed_with_findings',
  test_programme: 'annual_technical',
  crisis_team: true,
  incident_notification: 'within_1h',
  crisis_contacts: [
    { name: 'Inês Figueiredo', role: 'Business Continuity Manager', phone: '+351 21 555 0123', email: 'continuidade@cc-atlantico.example' },
    { name: 'Duty supervisor', role: 'Floor supervisor on call (24/7)', phone: '+351 21 555 0100', email: 'supervisao@cc-atlantico.example' },
  ],
  out_of_band_comms: true,
  major_incident_24m: true,
  major_incident_details:
    '2025-02-11: a fibre cut at Lusitânia Telecom\'s Lisbon PoP took our inbound SIP trunks down for 19 hours. Agents worked e-mail and chat only; ' +
    'toll-free numbers could not be re-routed because all trunks come from one carrier. Lesson: second carrier being qualified (Baltic Fibre Networks).',
  immutable_backups: true,
  backup_isolation: true,
  backup_frequency: 'daily',
  restore_tested: true,
  ransomware_playbook: false,
  cyber_rebuild_time: 2 * D,
  sub_suppliers: [
    { name: 'Lusitânia Telecom S.A.', country: 'PT', supplies: 'SIP trunks and inbound toll-free numbers', single_source: true, buffer: 0 },
    { name: 'Vasudha Customer Care Pvt. Ltd.', country: 'IN', supplies: 'Overflow contact-centre seats (Bengaluru)', single_source: false, buffer: 0 },
  ],
  single_source_inputs: true,
  single_source_mitigation: 'Second SIP carrier in qualification; number porting plan agreed with Lusitânia (up to 24 h).',
  sub_supplier_bcp_required: true,
  sub_supplier_monitoring: 'annual_review',
  shared_hosting_region: false,
  alternates: [
    { replaces: 'Lusitânia Telecom S.A.', alternate: 'Baltic Fibre Networks AS', country: 'EE', qualified: false, switchover: 12 * H, capacity_pct: 60 },
  ],
  dual_sourcing: 'some_critical',
  safety_stock_held: false,
  production_transfer: true,
  bi_insurance: true,
  bi_indemnity_period: 'over_12m',
  cyber_insurance: false,
  iso22301_certified: false,
  iso27001_certified: true,
  soc2_report: 'none',
  supports_financial_function: false,
  data_processing_countries: 'PT, IN',
};

const answersZakladyLodz: Record<string, unknown> = {
  bcp_exists: true,
  bcp_owner: 'Marek Nowakowski, Prezes Zarządu (accountable); Paweł Kołodziej, Quality & Continuity Manager',
  bcp_board_oversight: false,
  bcp_review_frequency: 'every_two_years',
  bcp_last_review_date: '2025-06-30',
  bia_performed: true,
  bia_last_updated: '2025-06-30',
  bia_mtpd_defined: false,
  bia_dependencies_mapped: true,
  customer_recovery_priority: 'same_as_all',
  declared_rto: 2 * D,
  declared_rpo: 1 * D,
  objectives_in_contract: false,
  recovery_strategy: 'manual_workaround',
  alternate_site_distance: 'no_alternate_site',
  mbco_capacity_pct: 50,
  dr_tested: false,
  test_programme: 'irregular',
  crisis_team: true,
  incident_notification: 'within_24h',
  crisis_contacts: [
    { name: 'Paweł Kołodziej', role: 'Quality & Continuity Manager', phone: '+48 42 555 01 77', email: 'quality@zaklady-lodz.example' },
  ],
  out_of_band_comms: false,
  major_incident_24m: false,
  immutable_backups: false,
  backup_isolation: false,
  backup_frequency: 'daily',
  restore_tested: false,
  ransomware_playbook: false,
  sub_suppliers: [
    { name: '台嶼晶圓製造股份有限公司', country: 'TW', supplies: 'Automotive microcontrollers (wafer fabrication)', single_source: true, buffer: 7 * D },
    { name: '株式会社白浜電子部品', country: 'JP', supplies: 'Passive components (MLCC capacitors, resistors)', single_source: false, buffer: 14 * D },
    { name: 'شركة الخليج للشحن البحري', country: 'AE', supplies: 'Sea freight Asia–Europe and customs brokerage', single_source: false, buffer: 7 * D },
  ],
  single_source_inputs: true,
  single_source_mitigation:
    'Seven days of microcontroller stock in our Łódź warehouse. The foundry quotes about 30 days to restart after a fab outage. ' +
    'Elbtal Halbleiter is being qualified as a second source (samples approved, PPAP expected Q3 2027, 40 % of volume).',
  sub_supplier_bcp_required: false,
  sub_supplier_monitoring: 'onboarding_only',
  alternates: [
    { replaces: '台嶼晶圓製造股份有限公司', alternate: 'Elbtal Halbleiter GmbH', country: 'DE', qualified: false, switchover: 14 * D, capacity_pct: 40 },
  ],
  dual_sourcing: 'some_critical',
  safety_stock_held: true,
  safety_stock_cover: 7 * D,
  production_transfer: false,
  bi_insurance: true,
  bi_indemnity_period: 'under_6m',
  cyber_insurance: false,
  iso22301_certified: false,
  iso27001_certified: false,
  soc2_report: 'none',
  supports_financial_function: false,
  data_processing_countries: 'PL',
};

const answersTreasuryline: Record<string, unknown> = {
  bcp_exists: false,
  bcp_owner: 'Urs Keller, CFO',
  bcp_board_oversight: false,
  bcp_review_frequency: 'ad_hoc',
  bia_performed: false,
  customer_recovery_priority: 'not_defined',
  declared_rto: 4 * H,
  declared_rpo: 1 * H,
  objectives_in_contract: false,
  recovery_strategy: 'cold_standby',
  alternate_site_distance: 'same_metro',
  dr_tested: false,
  test_programme: 'irregular',
  crisis_team: false,
  incident_notification: 'no_commitment',
  crisis_contacts: [
    { name: 'Support desk', role: 'Customer support (business hours)', phone: '+41 44 555 01 00', email: 'support@treasuryline.example' },
  ],
  out_of_band_comms: false,
  major_incident_24m: false,
  immutable_backups: false,
  backup_isolation: false,
  backup_frequency: 'hourly',
  restore_tested: false,
  ransomware_playbook: false,
  sub_suppliers: [
    { name: 'Nimbus Cloud Services GmbH (Frankfurt region)', country: 'DE', supplies: 'Cloud hosting (Frankfurt region)', single_source: false, buffer: 0 },
  ],
  single_source_inputs: false,
  sub_supplier_bcp_required: false,
  sub_supplier_monitoring: 'none',
  shared_hosting_region: true,
  dual_sourcing: 'none',
  safety_stock_held: false,
  production_transfer: false,
  bi_insurance: false,
  cyber_insurance: true,
  iso22301_certified: false,
  iso27001_certified: false,
  soc2_report: 'type1',
  supports_financial_function: true,
  lei_code: '549300TREASLINECH113',
  dora_register_info: true,
  dora_exit_support: false,
  data_processing_countries: 'CH, DE',
};

/** In progress, overdue: the WMS provider's recovery time is still missing. */
const answersWisla: Record<string, unknown> = {
  bcp_exists: true,
  bcp_owner: 'Katarzyna Lewandowska, COO (accountable); Agnieszka Żurawska, BCM coordinator',
  bcp_board_oversight: true,
  bcp_review_frequency: 'yearly',
  bcp_last_review_date: '2026-01-19',
  bia_performed: true,
  bia_last_updated: '2025-12-10',
  bia_dependencies_mapped: false,
  customer_recovery_priority: 'same_as_all',
  declared_rto: 12 * H,
  declared_rpo: 4 * H,
  objectives_in_contract: true,
  sub_suppliers: [
    { name: 'Quayside WMS Ltd', country: 'GB', supplies: 'Warehouse management system (SaaS)', single_source: true, buffer: 0 },
    { name: 'Frachtkontor Elbe GmbH', country: 'DE', supplies: 'Subcontracted line-haul trucking', single_source: false, buffer: 0 },
  ],
  single_source_inputs: true,
  single_source_mitigation: 'Quayside has not yet confirmed an RTO for the WMS; we have asked for their BCP and last test report.',
};

/** In progress: recovery and testing answered, the rest to follow. */
const answersHanseatic: Record<string, unknown> = {
  bcp_exists: true,
  bcp_owner: 'Dr. Henrik Petersen, Geschäftsführer (accountable); Svenja Krüger, BCM-Beauftragte',
  bcp_board_oversight: true,
  bcp_review_frequency: 'yearly_and_on_change',
  bcp_last_review_date: '2026-04-02',
  declared_rto: 4 * H,
  declared_rpo: 15,
  recovery_strategy: 'warm_standby',
  dr_tested: true,
  dr_test_types: ['technical', 'full_failover'],
  last_dr_test_date: '2026-05-20',
  dr_test_achieved_rto: 2 * H,
  dr_test_achieved_rpo: 15,
  dr_test_result: 'passed',
  sub_suppliers: [
    { name: 'Rhein-Main DataPark GmbH', country: 'DE', supplies: 'Colocation space, power and cooling', single_source: true, buffer: 0 },
    { name: 'Baltic Fibre Networks AS', country: 'EE', supplies: 'Dark fibre and IP transit', single_source: false, buffer: 0 },
    { name: 'Nordlys Backup AS', country: 'NO', supplies: 'Off-site immutable backup vault', single_source: false, buffer: 0 },
  ],
};

export const DEMO_ASSESSMENTS: DemoAssessment[] = [
  { supplierId: 'SUP-001', status: 'approved', dueInDays: -45, answers: answersLumenPayroll },
  { supplierId: 'SUP-003', status: 'approved', dueInDays: -30, answers: answersArdent },
  { supplierId: 'SUP-025', status: 'approved', dueInDays: -60, answers: answersCardBureau },
  { supplierId: 'SUP-007', status: 'submitted', dueInDays: 5, answers: answersKestrel },
  { supplierId: 'SUP-017', status: 'submitted', dueInDays: 3, answers: answersContactCentre },
  { supplierId: 'SUP-013', status: 'changes_requested', dueInDays: 7, answers: answersZakladyLodz },
  { supplierId: 'SUP-028', status: 'rejected', dueInDays: -10, answers: answersTreasuryline },
  { supplierId: 'SUP-011', status: 'in_progress', dueInDays: -3, answers: answersWisla },
  { supplierId: 'SUP-024', status: 'in_progress', dueInDays: 12, answers: answersHanseatic },
  { supplierId: 'SUP-034', status: 'sent', dueInDays: -14, answers: {} },
  { supplierId: 'SUP-016', status: 'sent', dueInDays: 10, answers: {} },
  { supplierId: 'SUP-038', status: 'draft', dueInDays: 30, answers: {} },
];
