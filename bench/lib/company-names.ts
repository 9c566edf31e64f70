import type { Random } from "./random";

/**
 * Fictional company names in several scripts (Latin with accents, CJK, Hangul, Arabic, Cyrillic),
 * built from per-language word lists and templates. `{P}` a family/brand word, `{Q}` a second one,
 * `{S}` a sector word, `{R}` a region word. The legal form is appended (or prepended) per country.
 */
interface Language {
  parts: readonly string[];
  sectors: readonly string[];
  regions: readonly string[];
  templates: readonly string[];
  /** Legal forms; "…" marks where the name goes when the form is a prefix. */
  legalForms: readonly string[];
  /** Separator between name and a suffix legal form ("" for Chinese and Japanese). */
  joiner: string;
}

const LANGUAGES = {
  de: {
    parts: ["Müller", "Schäfer", "Köhler", "Weiß", "Groß", "Fröhlich", "Jäger", "Krüger", "Möller", "Schröder", "Hübner", "Brückner", "Dürr", "Kästner", "Büttner", "Gärtner", "Zimmermann", "Hoffmann", "Löwe", "Strauß", "Bäumer", "Wölfle", "Köster", "Ößwald"],
    sectors: ["Präzisionsteile", "Elektronik", "Logistik", "Kunststofftechnik", "Metallverarbeitung", "Rechenzentrum", "Datentechnik", "Gießerei", "Verpackungen", "Antriebstechnik", "Kabelwerk", "Chemie", "Halbleitertechnik", "Spedition", "Oberflächentechnik"],
    regions: ["Nord", "Süd", "Rhein-Main", "Bayern", "Sachsen", "Württemberg", "Ostwestfalen", "Märkische"],
    templates: ["{P} {S}", "{P} & {Q} {S}", "{R} {S} {P}", "{P}-{S}"],
    legalForms: ["GmbH", "AG", "GmbH & Co. KG", "KG"],
    joiner: " ",
  },
  fr: {
    parts: ["Dubois", "Lefèvre", "Moreau", "Gérard", "Rousseau", "Faure", "Mercier", "Lemaître", "Chevalier", "Fontaine", "Garnier", "Hébert", "Léonard", "Ménard", "Séverin", "Thébault", "Vidal", "Côté", "Noël", "Benoît", "Aubé", "Délèze"],
    sectors: ["Électronique", "Mécanique de Précision", "Logistique", "Emballages", "Plasturgie", "Fonderie", "Informatique", "Câblage", "Chimie Fine", "Transports", "Composants", "Hébergement"],
    regions: ["Atlantique", "Rhône-Alpes", "Île-de-France", "Provence", "Normandie", "Bretagne", "Lorraine", "Côte d'Opale"],
    templates: ["{S} {P}", "{P} {S} {R}", "{P} & {Q}", "{S} de {R}"],
    legalForms: ["SAS", "S.A.", "SARL"],
    joiner: " ",
  },
  nl: {
    parts: ["van Dijk", "de Vries", "Bakker", "Jansen", "Visser", "Smit", "Meijer", "de Jong", "van den Berg", "Mulder", "de Groot", "Bos", "Vos", "Peters", "Hendriks", "van Leeuwen"],
    sectors: ["Logistiek", "Elektronica", "Verpakkingen", "Kunststoffen", "Techniek", "Metaalbewerking", "Datacenters", "Transport", "Chemie"],
    regions: ["Noord", "Zuid", "Rijnmond", "Brabant", "Twente", "Holland"],
    templates: ["{P} {S}", "{R} {S}", "{P} & {Q} {S}"],
    legalForms: ["B.V.", "N.V."],
    joiner: " ",
  },
  pl: {
    parts: ["Kowalski", "Wiśniewski", "Wójcik", "Kamiński", "Lewandowski", "Zieliński", "Szymański", "Woźniak", "Dąbrowski", "Kozłowski", "Jankowski", "Mazur", "Kwiatkowski", "Krawczyk", "Grabowski", "Pawłowski", "Michalski", "Król", "Wieczorek", "Jabłoński", "Wróbel", "Górski"],
    sectors: ["Zakłady Elektroniczne", "Przedsiębiorstwo Transportowe", "Odlewnia", "Tworzywa Sztuczne", "Usługi Informatyczne", "Opakowania", "Obróbka Metali", "Kable i Przewody", "Chemia Przemysłowa"],
    regions: ["Łódź", "Gdańsk", "Kraków", "Poznań", "Wrocław", "Śląsk", "Białystok", "Toruń", "Rzeszów"],
    templates: ["{S} {R}", "{S} {P}", "{P} i {Q} {S}", "{P} {S} {R}"],
    legalForms: ["Sp. z o.o.", "S.A.", "sp.k."],
    joiner: " ",
  },
  es: {
    parts: ["García", "Muñoz", "Pérez", "Sánchez", "Martínez", "Fernández", "González", "Gómez", "Jiménez", "Ibáñez", "Peña", "Núñez", "Álvarez", "Domínguez", "Vázquez", "Ramírez", "Cortés", "Rubio", "Marín", "Calderón"],
    sectors: ["Fundiciones", "Transportes", "Componentes Electrónicos", "Logística", "Envases", "Plásticos", "Químicas", "Telecomunicaciones", "Mecanizados", "Cableados"],
    regions: ["del Norte", "de Levante", "Ibérica", "Andaluza", "de Castilla", "Cantábrica", "del Pacífico", "del Bajío"],
    templates: ["{S} {P}", "{S} {R}", "{P} y {Q} {S}", "{S} {P} {R}"],
    legalForms: ["S.L.", "S.A."],
    joiner: " ",
  },
  pt: {
    parts: ["Gonçalves", "Magalhães", "Conceição", "Simões", "Guimarães", "Araújo", "Brandão", "Falcão", "Assunção", "Gusmão", "Leitão", "Patrício", "Sebastião", "Romão", "Lourenço", "Estêvão"],
    sectors: ["Indústrias", "Logística", "Componentes", "Metalúrgica", "Plásticos", "Transportes", "Eletrônica", "Embalagens", "Tecnologia"],
    regions: ["do Norte", "Atlântica", "Paulista", "Lusitana", "do Minho", "Mineira", "do Algarve"],
    templates: ["{S} {P}", "{S} {R}", "{P} & {Q} {S}", "{P} {S} {R}"],
    legalForms: ["Lda.", "S.A."],
    joiner: " ",
  },
  it: {
    parts: ["Bianchi", "Ferrari", "Ricci", "Marino", "Greco", "Bruno", "Gallo", "Conti", "De Luca", "Mancini", "Costa", "Giordano", "Rizzo", "Lombardi", "Moretti", "Barbieri", "Fontana", "Santoro", "Mariani", "Rinaldi", "Niccolò"],
    sectors: ["Meccanica", "Fonderie", "Elettronica", "Logistica", "Imballaggi", "Materie Plastiche", "Cavi", "Chimica", "Trasporti", "Servizi Informatici"],
    regions: ["Lombarda", "Veneta", "Emiliana", "Toscana", "Piemontese", "del Sud", "Friulana"],
    templates: ["{S} {P}", "{S} {R}", "{P} & {Q} {S}", "{S} {P} {R}"],
    legalForms: ["S.p.A.", "S.r.l."],
    joiner: " ",
  },
  sv: {
    parts: ["Åberg", "Söderström", "Lindqvist", "Björk", "Ångström", "Öberg", "Sjögren", "Nyström", "Wåhlin", "Hägglund", "Ekström", "Lindén", "Bergström", "Forsgren", "Dahlgren"],
    sectors: ["Elektronik", "Logistik", "Verkstad", "Plast", "Kemi", "Datacenter", "Förpackning", "Gjuteri", "Kabel"],
    regions: ["Norrland", "Skåne", "Göta", "Mälardalen", "Västra", "Östra"],
    templates: ["{P} {S}", "{R} {S}", "{P} & {Q} {S}"],
    legalForms: ["AB"],
    joiner: " ",
  },
  cs: {
    parts: ["Dvořák", "Novák", "Svoboda", "Černý", "Procházka", "Kučera", "Veselý", "Horák", "Němec", "Pokorný", "Marek", "Růžička", "Beneš", "Fiala", "Šimek", "Kříž", "Hájek", "Žák"],
    sectors: ["Strojírny", "Elektro", "Slévárna", "Plasty", "Logistika", "Kabely", "Chemie", "Obaly"],
    regions: ["Morava", "Čechy", "Brno", "Plzeň", "Ostrava", "Liberec"],
    templates: ["{S} {R}", "{P} {S}", "{P} a {Q} {S}"],
    legalForms: ["s.r.o.", "a.s."],
    joiner: " ",
  },
  tr: {
    parts: ["Yılmaz", "Kaya", "Demir", "Şahin", "Çelik", "Yıldız", "Yıldırım", "Öztürk", "Aydın", "Özdemir", "Arslan", "Doğan", "Kılıç", "Aslan", "Çetin", "Koç", "Kurt", "Özkan", "Şimşek"],
    sectors: ["Elektronik", "Lojistik", "Döküm", "Plastik", "Kimya", "Tekstil", "Kablo", "Ambalaj", "Makina"],
    regions: ["Anadolu", "Ege", "Marmara", "Karadeniz", "Akdeniz", "Trakya"],
    templates: ["{P} {S}", "{R} {S}", "{P} {Q} {S}"],
    legalForms: ["A.Ş.", "Ltd. Şti."],
    joiner: " ",
  },
  en: {
    parts: ["Harrington", "Ashdown", "Brightwater", "Kestrel", "Northgate", "Redfern", "Stonebridge", "Whitcombe", "Albion", "Calloway", "Pembroke", "Sterling", "Thornbury", "Westbrook", "Beacon", "Halcyon", "Meridian", "Oakridge", "Pinnacle", "Crestview", "Lakeshore", "Ironwood", "Bluewater", "Granite", "Silverline", "Foxglove"],
    sectors: ["Logistics", "Components", "Data Centres", "Cloud Services", "Precision Engineering", "Packaging", "Plastics", "Semiconductors", "Freight", "Cable Systems", "Chemicals", "Software", "Telecom", "Metals", "Payments", "Fulfilment"],
    regions: ["Northern", "Atlantic", "Pacific", "Midlands", "Coastal", "Continental", "Western", "Highland"],
    templates: ["{P} {S}", "{P} & {Q} {S}", "{R} {S}", "{P} {R} {S}"],
    legalForms: ["Ltd", "Limited", "plc"],
    joiner: " ",
  },
  zh: {
    parts: ["华", "鑫", "盛", "泰", "瑞", "恒", "达", "宏", "星", "海", "金", "龙", "兴", "源", "通", "博", "德", "昌"],
    sectors: ["电子", "精密机械", "物流", "半导体", "新材料", "化工", "塑胶", "线缆", "包装", "科技", "光电", "数据"],
    regions: ["深圳", "东莞", "苏州", "宁波", "无锡", "上海", "广州", "天津", "杭州", "成都", "重庆", "厦门"],
    templates: ["{R}{P}{Q}{S}", "{R}市{P}{Q}{S}", "{P}{Q}{S}"],
    legalForms: ["有限公司", "股份有限公司", "有限责任公司"],
    joiner: "",
  },
  zhTW: {
    parts: ["華", "鑫", "聯", "碩", "達", "晶", "宏", "台", "興", "源", "積", "創", "凱", "瑞", "昇", "榮"],
    sectors: ["電子", "半導體", "精密", "光電", "科技", "材料", "化學", "電路板", "封裝測試"],
    regions: ["台北", "新竹", "台中", "高雄", "桃園", "台南"],
    templates: ["{R}{P}{Q}{S}", "{P}{Q}{S}"],
    legalForms: ["股份有限公司", "有限公司"],
    joiner: "",
  },
  ja: {
    parts: ["サクラ", "ミドリ", "アサヒ", "ヤマト", "ヒカリ", "ツバサ", "ミライ", "東洋", "日本", "大和", "北陸", "関西", "中部", "山田", "田中", "鈴木", "高橋"],
    sectors: ["電子", "精機", "物流", "化学", "工業", "製作所", "半導体", "電線", "通信", "樹脂"],
    regions: ["東京", "大阪", "名古屋", "九州", "東北", "横浜"],
    templates: ["{P}{S}", "{R}{P}{S}", "{P}{Q}{S}"],
    legalForms: ["株式会社", "株式会社…", "合同会社"],
    joiner: "",
  },
  ko: {
    parts: ["한빛", "대한", "삼화", "동양", "세진", "태성", "미래", "새한", "우리", "신성", "한결", "대성", "제일"],
    sectors: ["전자", "정밀", "물류", "화학", "반도체", "통신", "산업", "소재", "케이블"],
    regions: ["서울", "부산", "인천", "울산", "대구", "경기"],
    templates: ["{P}{S}", "{R}{P}{S}", "{P}{Q}{S}"],
    legalForms: ["주식회사 …", "(주)"],
    joiner: " ",
  },
  ar: {
    parts: ["الراشد", "النور", "الفيصل", "الحكمة", "الأمل", "الخليج", "الصقر", "البيان", "الريادة", "الوطنية", "المتحدة", "الشرق", "الفجر", "السلام"],
    sectors: ["للإلكترونيات", "للخدمات اللوجستية", "للبلاستيك", "للكيماويات", "للاتصالات", "للصناعات المعدنية", "للتغليف", "لتقنية المعلومات", "للنقل"],
    regions: ["العربية", "الدولية", "الحديثة", "المتقدمة", "الأولى"],
    templates: ["شركة {P} {S}", "مجموعة {P} {R} {S}", "شركة {P} {R} {S}", "مؤسسة {P} {Q} {S}"],
    legalForms: ["المحدودة", "ذ.م.م", "ش.م.م"],
    joiner: " ",
  },
  ru: {
    parts: ["Северный", "Уральский", "Сибирский", "Волжский", "Балтийский", "Невский", "Донской", "Камский", "Приморский", "Алтайский", "Окский", "Енисейский"],
    sectors: ["Электроника", "Логистика", "Металлургия", "Пластик", "Химпром", "Кабель", "Телеком", "Упаковка", "Машиностроение", "Литейный завод"],
    regions: ["Ресурс", "Техно", "Пром", "Инвест", "Снаб", "Строй"],
    templates: ["«{P} {S}»", "«{R}{S}»", "«{P} {R}{S}»"],
    legalForms: ["ООО …", "АО …", "ПАО …"],
    joiner: " ",
  },
  uk: {
    parts: ["Дніпровський", "Київський", "Харківський", "Львівський", "Одеський", "Запорізький", "Поліський", "Карпатський"],
    sectors: ["Електроніка", "Логістика", "Металообробка", "Пластмаси", "Кабель", "Хімпром", "Пакування", "Ливарний завод"],
    regions: ["Ресурс", "Техно", "Пром", "Сервіс", "Буд"],
    templates: ["«{P} {S}»", "«{R}{S}»", "«{P} {R}{S}»"],
    legalForms: ["ТОВ …", "ПрАТ …"],
    joiner: " ",
  },
  bg: {
    parts: ["Балкан", "Родопи", "Тракия", "Дунав", "Пирин", "Витоша", "Странджа", "Искър"],
    sectors: ["Електроника", "Логистика", "Пластмаси", "Кабели", "Химия", "Опаковки", "Металообработка"],
    regions: ["Север", "Юг", "Изток", "Запад", "Център"],
    templates: ["{P} {S}", "{P} {S} {R}", "{P} {Q} {S}"],
    legalForms: ["ЕООД", "ООД", "АД"],
    joiner: " ",
  },
} as const satisfies Record<string, Language>;

type LanguageKey = keyof typeof LANGUAGES;

interface CountryProfile {
  language: LanguageKey;
  /** Overrides the language's legal forms. */
  legalForms?: readonly string[];
}

export const COUNTRIES: Record<string, CountryProfile> = {
  DE: { language: "de" },
  AT: { language: "de", legalForms: ["GmbH", "AG"] },
  FR: { language: "fr" },
  BE: { language: "fr", legalForms: ["SA", "SRL"] },
  NL: { language: "nl" },
  PL: { language: "pl" },
  ES: { language: "es" },
  MX: { language: "es", legalForms: ["S.A. de C.V."] },
  PT: { language: "pt" },
  BR: { language: "pt", legalForms: ["Ltda.", "S.A."] },
  IT: { language: "it" },
  SE: { language: "sv" },
  CZ: { language: "cs" },
  TR: { language: "tr" },
  GB: { language: "en" },
  IE: { language: "en", legalForms: ["Ltd", "DAC"] },
  US: { language: "en", legalForms: ["Inc.", "LLC", "Corp."] },
  IN: { language: "en", legalForms: ["Pvt. Ltd.", "Limited"] },
  SG: { language: "en", legalForms: ["Pte. Ltd."] },
  CN: { language: "zh" },
  TW: { language: "zhTW" },
  JP: { language: "ja" },
  KR: { language: "ko" },
  SA: { language: "ar" },
  AE: { language: "ar", legalForms: ["ذ.م.م"] },
  EG: { language: "ar", legalForms: ["ش.م.م"] },
  RU: { language: "ru" },
  KZ: { language: "ru", legalForms: ["ТОО …", "АО …"] },
  UA: { language: "uk" },
  BG: { language: "bg" },
};

/** Where suppliers of each tier are located (weights): vendors are mostly European and North American,
 *  deep tiers concentrate in East Asia (semiconductors, components, raw materials). */
export const COUNTRY_WEIGHTS_BY_TIER: Record<number, readonly (readonly [string, number])[]> = {
  1: [["DE", 14], ["GB", 12], ["US", 12], ["FR", 9], ["PL", 6], ["NL", 5], ["ES", 5], ["IT", 5], ["IE", 4], ["SE", 4], ["CZ", 3], ["AT", 2], ["BE", 2], ["PT", 2], ["JP", 3], ["CN", 4], ["TW", 2], ["KR", 1], ["IN", 3], ["TR", 2], ["AE", 1], ["SA", 1], ["UA", 1], ["BG", 1]],
  2: [["DE", 9], ["US", 12], ["GB", 6], ["FR", 5], ["NL", 4], ["PL", 5], ["IE", 3], ["IT", 4], ["ES", 3], ["CZ", 3], ["SE", 2], ["CN", 10], ["TW", 5], ["JP", 5], ["KR", 3], ["IN", 6], ["SG", 2], ["TR", 3], ["MX", 2], ["BR", 2], ["AE", 2], ["SA", 1], ["EG", 1], ["UA", 2], ["BG", 1], ["RU", 1]],
  3: [["CN", 20], ["TW", 10], ["JP", 7], ["KR", 6], ["IN", 7], ["US", 8], ["DE", 6], ["MX", 3], ["BR", 3], ["TR", 3], ["PL", 3], ["IT", 2], ["CZ", 2], ["RU", 2], ["KZ", 1], ["UA", 2], ["SA", 2], ["AE", 2], ["EG", 2], ["BG", 1], ["SG", 2], ["FR", 2], ["ES", 1]],
  4: [["CN", 24], ["TW", 14], ["JP", 6], ["KR", 7], ["IN", 6], ["US", 5], ["DE", 3], ["MX", 3], ["BR", 4], ["TR", 2], ["RU", 3], ["KZ", 2], ["UA", 2], ["SA", 3], ["AE", 1], ["EG", 2], ["SG", 1]],
  5: [["CN", 28], ["TW", 10], ["JP", 4], ["KR", 5], ["IN", 6], ["US", 4], ["BR", 5], ["RU", 4], ["KZ", 3], ["SA", 4], ["EG", 2], ["MX", 2], ["UA", 2], ["TR", 1]],
};

/** A company name for a supplier of `country`; `used` keeps names unique within one organisation. */
export function companyName(rng: Random, country: string, used: Set<string>): string {
  const profile = COUNTRIES[country] ?? COUNTRIES.GB!;
  const lang: Language = LANGUAGES[profile.language];
  const legalForm = rng.pick(profile.legalForms ?? lang.legalForms);
  for (let attempt = 0; ; attempt++) {
    let core = rng
      .pick(lang.templates)
      .replace("{P}", rng.pick(lang.parts))
      .replace("{Q}", rng.pick(lang.parts))
      .replace("{S}", rng.pick(lang.sectors))
      .replace("{R}", rng.pick(lang.regions));
    // After a few collisions, number the name ("Müller Logistik 7 GmbH"), as companies with
    // several legal entities often do.
    if (attempt >= 4) core += `${lang.joiner || " "}${attempt - 2}`;
    const name = legalForm.includes("…")
      ? legalForm.replace("…", core)
      : `${core}${lang.joiner}${legalForm}`;
    if (!used.has(name)) {
      used.add(name);
      return name;
    }
  }
}
