import { DECLINE_REASONS, REFERRAL_OUTCOMES, type DeclineReason, type ReferralOutcome } from '../domain/vocabulary.js';
export { DECLINE_REASONS, REFERRAL_OUTCOMES, type DeclineReason, type ReferralOutcome };
import {
  SENSITIVE_CATEGORIES,
  SENSITIVE_NEEDS,
  type Language,
  type Need,
  type OfficeKind,
  type PermitKind,
  type PersonCategory,
  type VulnerableCategory,
} from '../domain/vocabulary.js';
import type { MeetingKind } from '../domain/vocabulary.js';
import { srLatnToCyrl } from './translit.js';

/**
 * Localized words that the renderer puts into the view model: labels for needs and
 * vulnerable categories, what an office is asked to do, what a returnee should bring.
 *
 * sq, sr-Latn and en are written here; sr-Cyrl is derived from sr-Latn with srLatnToCyrl,
 * so the two Serbian scripts can never drift apart.
 */

type Written = 'sq' | 'sr-Latn' | 'en';
type Table<K extends string> = Record<Written, Record<K, string>>;

function withCyrillic<K extends string>(t: Table<K>): Record<Language, Readonly<Record<K, string>>> {
  // Transliterated when first read, not when the module loads: every function that renders loads
  // these tables, and few of its messages are in Cyrillic (4–7 ms of each cold start, measured).
  let cyr: Record<K, string> | undefined;
  return {
    sq: t.sq,
    'sr-Latn': t['sr-Latn'],
    get 'sr-Cyrl'() {
      return (cyr ??= Object.fromEntries(Object.entries(t['sr-Latn']).map(([k, v]) => [k, srLatnToCyrl(v as string)])) as Record<K, string>);
    },
    en: t.en,
  };
}

/** Short label of a need, as used in an email (and, for non-sensitive needs only, its subject). */
export const NEED_LABELS = withCyrillic<Need>({
  sq: {
    civil_documents: 'dokumente civile',
    job_seeker_registration: 'regjistrim si punëkërkues',
    social_support: 'mbështetje sociale',
    school_enrolment: 'regjistrim në shkollë',
    vocational_training: 'aftësim profesional',
    health_care: 'kujdes shëndetësor',
    psychosocial_support: 'mbështetje psikosociale',
    housing: 'strehim',
    police_assistance: 'ndihmë nga policia',
    specialised_service: 'shërbim i specializuar',
    housing_reconstruction: 'renovim dhe rindërtim i shtëpisë',
    rent_subsidy: 'akomodim me qira me bonus banimi',
    agriculture_grant: 'grante bujqësore',
    free_legal_aid: 'ndihmë juridike falas',
    school_dropout_prevention: 'parandalim i braktisjes së shkollës',
    language_course: 'kurs gjuhe',
  },
  'sr-Latn': {
    civil_documents: 'civilna dokumenta',
    job_seeker_registration: 'prijava kao tražilac posla',
    social_support: 'socijalna podrška',
    school_enrolment: 'upis u školu',
    vocational_training: 'stručno osposobljavanje',
    health_care: 'zdravstvena zaštita',
    psychosocial_support: 'psihosocijalna podrška',
    housing: 'stambeno zbrinjavanje',
    police_assistance: 'pomoć policije',
    specialised_service: 'specijalizovana usluga',
    housing_reconstruction: 'renoviranje i obnova kuće',
    rent_subsidy: 'smeštaj pod zakup uz stambeni bonus',
    agriculture_grant: 'poljoprivredni grantovi',
    free_legal_aid: 'besplatna pravna pomoć',
    school_dropout_prevention: 'sprečavanje napuštanja škole',
    language_course: 'kurs jezika',
  },
  en: {
    civil_documents: 'civil documents',
    job_seeker_registration: 'job-seeker registration',
    social_support: 'social support',
    school_enrolment: 'school enrolment',
    vocational_training: 'vocational training',
    health_care: 'health care',
    psychosocial_support: 'psycho-social support',
    housing: 'housing',
    police_assistance: 'police assistance',
    specialised_service: 'specialised service',
    housing_reconstruction: 'house renovation and reconstruction',
    rent_subsidy: 'rented accommodation with a housing bonus',
    agriculture_grant: 'agricultural grants',
    free_legal_aid: 'free legal aid',
    school_dropout_prevention: 'school drop-out prevention',
    language_course: 'language course',
  },
});

/** Vulnerable categories named by the municipal plans. Shown in an email body only with consent. */
export const CATEGORY_LABELS = withCyrillic<VulnerableCategory>({
  sq: {
    elderly_without_family_care: 'person i moshuar pa përkujdesje familjare',
    trafficking_victim: 'viktimë e trafikimit',
    domestic_violence_victim: 'viktimë e dhunës në familje',
    child_abuse_victim: 'fëmijë viktimë e abuzimit',
    drug_user: 'përdorues i substancave narkotike',
    prison_release: 'person i liruar nga burgu',
    person_with_disability: 'person me aftësi të kufizuara',
    single_parent: 'prind i vetëm',
  },
  'sr-Latn': {
    elderly_without_family_care: 'starije lice bez porodičnog staranja',
    trafficking_victim: 'žrtva trgovine ljudima',
    domestic_violence_victim: 'žrtva nasilja u porodici',
    child_abuse_victim: 'dete žrtva zlostavljanja',
    drug_user: 'korisnik opojnih droga',
    prison_release: 'lice pušteno sa izdržavanja kazne zatvora',
    person_with_disability: 'lice sa invaliditetom',
    single_parent: 'samohrani roditelj',
  },
  en: {
    elderly_without_family_care: 'elderly person without family care',
    trafficking_victim: 'victim of trafficking',
    domestic_violence_victim: 'victim of domestic violence',
    child_abuse_victim: 'child victim of abuse',
    drug_user: 'drug user',
    prison_release: 'person released from prison',
    person_with_disability: 'person with disability',
    single_parent: 'single parent',
  },
});

/**
 * What the office is asked to do. Completes the sentence
 * sq "Ju lutemi …", sr "Molimo vas da …", en "We kindly ask you to …".
 */
export const NEED_ACTIONS = withCyrillic<Need>({
  sq: {
    civil_documents: "të regjistroni personat dhe t'u lëshoni dokumentet civile që u mungojnë",
    job_seeker_registration:
      "t'i regjistroni të rriturit si punëkërkues dhe t'i informoni për masat aktive të tregut të punës",
    social_support: 'ta vlerësoni familjen për skemat e ndihmës sociale dhe të caktoni një menaxher rasti',
    school_enrolment:
      "t'i regjistroni fëmijët në shkollë dhe, sipas nevojës, të organizoni kurse gjuhe ose mësim plotësues",
    vocational_training:
      "t'i informoni personat për kurset e aftësimit profesional dhe t'i regjistroni në një kurs të përshtatshëm",
    health_care: "t'i regjistroni personat te mjeku i familjes dhe t'u ofroni kujdesin shëndetësor që u nevojitet",
    psychosocial_support: 'të organizoni një vlerësim dhe mbështetje psikosociale',
    housing:
      'ta vlerësoni gjendjen e banimit të familjes dhe të drejtën e saj për skemat e strehimit (banim social, subvencion për qira, rindërtim)',
    police_assistance:
      'ta kontaktoni familjen përmes policisë në bashkësi dhe të ndihmoni me rrethanat e veçanta të rastit',
    specialised_service: 'ta vlerësoni rastin dhe të ofroni shërbimin e specializuar brenda mandatit tuaj',
    housing_reconstruction:
      "ta shqyrtoni dosjen e familjes për skemën e renovimit, rindërtimit dhe mobilimit të shtëpive dhe, pas vendimit të KKR-së, ta përcillni lëndën për ekzekutim përmes koordinatorit rajonal të MPB-së",
    rent_subsidy:
      'ta shqyrtoni kërkesën e familjes për akomodim me qira me bonus banimi (deri në 12 muaj) dhe ta njoftoni koordinatorin për vendimin',
    agriculture_grant:
      'ta regjistroni familjen si të interesuar për grante dhe subvencione bujqësore, ta këshilloni për kushtet dhe ta njoftoni koordinatorin kur të hapet thirrja',
    free_legal_aid:
      "ta vlerësoni të drejtën e personave për ndihmë juridike falas dhe t'i ndihmoni me kërkesat e tyre para institucioneve",
    school_dropout_prevention:
      'ta diskutoni gjendjen e fëmijës në takimin e ekipit dhe, bashkë me prindërit dhe shkollën, të merrni masa që fëmija të mos e braktisë shkollën',
    language_course: "t'i regjistroni personat në një kurs gjuhe (fëmijët, në shkollën që ndjekin)",
  },
  'sr-Latn': {
    civil_documents: 'upišete lica u matične knjige i izdate im civilna dokumenta koja nedostaju',
    job_seeker_registration:
      'prijavite odrasle kao tražioce posla i informišete ih o aktivnim merama na tržištu rada',
    social_support: 'procenite pravo domaćinstva na šeme socijalne pomoći i odredite menadžera slučaja',
    school_enrolment: 'upišete decu u školu i, po potrebi, organizujete časove jezika ili dopunsku nastavu',
    vocational_training:
      'informišete lica o kursevima stručnog osposobljavanja i upišete ih na odgovarajući kurs',
    health_care: 'prijavite lica kod porodičnog lekara i pružite im potrebnu zdravstvenu zaštitu',
    psychosocial_support: 'organizujete procenu i psihosocijalnu podršku',
    housing:
      'procenite stambenu situaciju domaćinstva i njegovo pravo na programe stambenog zbrinjavanja (socijalno stanovanje, subvencija za kiriju, rekonstrukcija)',
    police_assistance:
      'stupite u kontakt sa domaćinstvom preko policije u zajednici i pomognete u vezi sa posebnim okolnostima slučaja',
    specialised_service: 'procenite slučaj i pružite specijalizovanu uslugu u okviru svog mandata',
    housing_reconstruction:
      'razmotrite dosije domaćinstva za šemu renoviranja, obnove i opremanja kuća i, posle odluke OKR-a, prosledite ga na izvršenje preko regionalnog koordinatora MUP-a',
    rent_subsidy: 'razmotrite zahtev domaćinstva za smeštaj pod zakup uz stambeni bonus (do 12 meseci) i obavestite koordinatora o odluci',
    agriculture_grant:
      'evidentirate domaćinstvo kao zainteresovano za poljoprivredne grantove i subvencije, posavetujete ga o uslovima i obavestite koordinatora kada se otvori konkurs',
    free_legal_aid: 'procenite pravo lica na besplatnu pravnu pomoć i pomognete im u podnošenju zahteva institucijama',
    school_dropout_prevention:
      'razmotrite stanje deteta na sastanku tima i, zajedno sa roditeljima i školom, preduzmete mere da dete ne napusti školu',
    language_course: 'upišete lica na kurs jezika (decu u školi koju pohađaju)',
  },
  en: {
    civil_documents: 'register the persons and issue the civil documents they lack',
    job_seeker_registration: 'register the adults as job seekers and inform them of active labour-market measures',
    social_support: 'assess the household for social assistance schemes and appoint a case manager',
    school_enrolment: 'enrol the children in school and arrange language or catch-up classes if needed',
    vocational_training: 'inform the persons about vocational training courses and enrol them in a suitable one',
    health_care: 'register the persons with a family doctor and provide the health care they need',
    psychosocial_support: 'arrange an assessment and psycho-social support',
    housing:
      "assess the household's housing situation and its eligibility for housing schemes (social housing, rent support, reconstruction)",
    police_assistance:
      'contact the household through community policing and assist with the specific circumstances of the case',
    specialised_service: 'assess the case and provide the specialised service within your mandate',
    housing_reconstruction:
      "review the household's dossier for the house renovation, reconstruction and furnishing scheme and, once the commission has decided, forward the case for execution through the Ministry of Internal Affairs' regional coordinator",
    rent_subsidy: "review the household's request for rented accommodation with a housing bonus (up to 12 months) and tell the coordinator your decision",
    agriculture_grant:
      'register the household as interested in agricultural grants and subsidies, advise it on the conditions and tell the coordinator when a call for applications opens',
    free_legal_aid: "assess the persons' eligibility for free legal aid and help them with their applications to institutions",
    school_dropout_prevention:
      "discuss the child's situation at the team's meeting and, with the parents and the school, take measures so that the child does not drop out of school",
    language_course: 'enrol the persons in a language course (children at the school they attend)',
  },
});

/**
 * What the returnee should bring. Completes sq "Sillni: …", sr "Ponesite: …",
 * en "Bring: …". Kept short: it goes into an SMS. Only ASCII punctuation (GSM-7 friendly).
 * The sensitive needs have entries for completeness, but the standard SMS is never sent for them.
 */
export const BRING_LISTS = withCyrillic<Need>({
  sq: {
    civil_documents: 'letërnjoftim ose pasaportë, certifikatat nga jashtë, vërtetim riatdhesimi',
    job_seeker_registration: 'letërnjoftim, diploma ose vërtetime pune',
    social_support: 'letërnjoftim, certifikatën e bashkësisë familjare',
    school_enrolment: 'letërnjoftim ose certifikatë lindjeje të fëmijës, dëftesat nga jashtë',
    vocational_training: 'letërnjoftim, diplomat që keni',
    health_care: 'letërnjoftim, dokumente mjekësore nëse keni',
    psychosocial_support: 'letërnjoftim',
    housing: 'letërnjoftim, dokumente të pronës nëse keni',
    police_assistance: 'letërnjoftim',
    specialised_service: 'letërnjoftim',
    housing_reconstruction: 'letërnjoftim, dokumente të pronës',
    rent_subsidy: 'letërnjoftim, kontratë qiraje nëse keni',
    agriculture_grant: 'letërnjoftim, dokumente të tokës nëse keni',
    free_legal_aid: 'letërnjoftim, dokumentet e çështjes suaj',
    school_dropout_prevention: 'letërnjoftim, dëftesat e fëmijës',
    language_course: 'letërnjoftim ose certifikatë lindjeje',
  },
  'sr-Latn': {
    civil_documents: 'ličnu kartu ili pasoš, izvode iz inostranstva, potvrdu o repatrijaciji',
    job_seeker_registration: 'ličnu kartu, diplome ili potvrde o radu',
    social_support: 'ličnu kartu, uverenje o članovima domaćinstva',
    school_enrolment: 'ličnu kartu ili izvod rođenih za dete, svedočanstva iz inostranstva',
    vocational_training: 'ličnu kartu, diplome ako ih imate',
    health_care: 'ličnu kartu, medicinsku dokumentaciju ako je imate',
    psychosocial_support: 'ličnu kartu',
    housing: 'ličnu kartu, dokumenta o imovini ako ih imate',
    police_assistance: 'ličnu kartu',
    specialised_service: 'ličnu kartu',
    housing_reconstruction: 'ličnu kartu, dokumenta o imovini',
    rent_subsidy: 'ličnu kartu, ugovor o zakupu ako ga imate',
    agriculture_grant: 'ličnu kartu, dokumenta o zemljištu ako ih imate',
    free_legal_aid: 'ličnu kartu, dokumenta o vašem slučaju',
    school_dropout_prevention: 'ličnu kartu, đačke knjižice',
    language_course: 'ličnu kartu ili izvod rođenih',
  },
  en: {
    civil_documents: 'ID card or passport, documents issued abroad (birth/marriage certificates), repatriation certificate',
    job_seeker_registration: 'ID card, diplomas or work certificates',
    social_support: 'ID card, certificate of household members',
    school_enrolment: "child's ID card or birth certificate, school reports from abroad",
    vocational_training: 'ID card, any diplomas',
    health_care: 'ID card, any medical records',
    psychosocial_support: 'ID card',
    housing: 'ID card, property documents if any',
    police_assistance: 'ID card',
    specialised_service: 'ID card',
    housing_reconstruction: 'ID card, property documents',
    rent_subsidy: 'ID card, rental contract if any',
    agriculture_grant: 'ID card, land documents if any',
    free_legal_aid: 'ID card, the documents of your case',
    school_dropout_prevention: "ID card, the child's school reports",
    language_course: 'ID card or birth certificate',
  },
});


/**
 * What a foreigner brings where a returnee's list names a repatriation certificate: the permit or
 * the decision on status instead. Only the needs whose list differs are here.
 */
export const FOREIGNER_BRING_LISTS = withCyrillic<'civil_documents'>({
  sq: { civil_documents: 'pasaportë ose dokument udhëtimi, lejen e qëndrimit ose vendimin për statusin, certifikatat nga jashtë' },
  'sr-Latn': { civil_documents: 'pasoš ili putnu ispravu, dozvolu boravka ili rešenje o statusu, izvode iz inostranstva' },
  en: { civil_documents: 'passport or travel document, residence permit or decision on status, documents issued abroad' },
});

/** What a person of this category should bring for this need (the SMS's "Sillni: …"). */
export function bringList(lang: Language, need: Need, category: PersonCategory | undefined): string {
  if (category === 'foreigner' && need in FOREIGNER_BRING_LISTS[lang]) return FOREIGNER_BRING_LISTS[lang][need as 'civil_documents'];
  return BRING_LISTS[lang][need];
}

/**
 * A foreigner's protection or permit, in the words of the Law on Asylum and the Law on Foreigners,
 * as shown after a label ("Statusi / leja: …"). Never inflected.
 */
export const PERMIT_LABELS = withCyrillic<PermitKind>({
  sq: {
    refugee_status: 'statusi i refugjatit (mbrojtje ndërkombëtare)',
    subsidiary_protection: 'mbrojtje plotësuese (mbrojtje ndërkombëtare)',
    temporary_protection: 'mbrojtje e përkohshme',
    residence_family: 'leje qëndrimi për bashkim familjar',
    residence_work: 'leje qëndrimi për punësim',
    residence_study: 'leje qëndrimi për studime',
    residence_other: 'leje qëndrimi, për qëllim tjetër',
    stateless: 'person pa shtetësi',
  },
  'sr-Latn': {
    refugee_status: 'status izbeglice (međunarodna zaštita)',
    subsidiary_protection: 'supsidijarna zaštita (međunarodna zaštita)',
    temporary_protection: 'privremena zaštita',
    residence_family: 'dozvola boravka radi spajanja porodice',
    residence_work: 'dozvola boravka radi zapošljavanja',
    residence_study: 'dozvola boravka radi studiranja',
    residence_other: 'dozvola boravka, u druge svrhe',
    stateless: 'lice bez državljanstva',
  },
  en: {
    refugee_status: 'refugee status (international protection)',
    subsidiary_protection: 'subsidiary protection (international protection)',
    temporary_protection: 'temporary protection',
    residence_family: 'residence permit for family reunification',
    residence_work: 'residence permit for employment',
    residence_study: 'residence permit for studies',
    residence_other: 'residence permit, other purpose',
    stateless: 'stateless person',
  },
});


/** A decline reason, as shown after "Reason:" / "Arsyeja:" / "Razlog:" (lower case, no full stop). */
export const DECLINE_REASON_LABELS = withCyrillic<DeclineReason>({
  sq: {
    client_refused: 'klienti e refuzoi shërbimin',
    lack_of_capacity: 'mungesë kapacitetesh',
    unable_to_contact: 'klienti nuk mund të kontaktohej',
    not_eligible: 'klienti nuk i plotëson kushtet',
    no_longer_needed: 'shërbimi nuk nevojitet më',
    other: 'arsye tjetër',
  },
  'sr-Latn': {
    client_refused: 'klijent je odbio uslugu',
    lack_of_capacity: 'nedostatak kapaciteta',
    unable_to_contact: 'nije bilo moguće kontaktirati klijenta',
    not_eligible: 'klijent ne ispunjava uslove',
    no_longer_needed: 'usluga više nije potrebna',
    other: 'drugi razlog',
  },
  en: {
    client_refused: 'client refused the service',
    lack_of_capacity: 'lack of capacity',
    unable_to_contact: 'unable to contact the client',
    not_eligible: 'client not eligible',
    no_longer_needed: 'service no longer needed',
    other: 'other reason',
  },
});

/** The outcome an office reports, as shown after "Outcome:" and at the end of the subject. */
export const OUTCOME_LABELS = withCyrillic<ReferralOutcome>({
  sq: { done: 'u krye', not_done: 'nuk u krye' },
  'sr-Latn': { done: 'obavljeno', not_done: 'nije obavljeno' },
  en: { done: 'done', not_done: 'not done' },
});

/**
 * "A household of N persons", with each language's plural rules
 * (Serbian: 1, 21, 31… člana; 2–4, 22–24… člana; 5–20, 25… članova — the genitive after "od").
 */
export function householdPhrase(lang: Language, n: number): string {
  switch (lang) {
    case 'sq':
      return `Një familje me ${n} ${n === 1 ? 'anëtar' : 'anëtarë'}`;
    case 'sr-Latn':
    case 'sr-Cyrl': {
      const mod10 = n % 10;
      const mod100 = n % 100;
      const few = (mod10 === 1 && mod100 !== 11) || (mod10 >= 2 && mod10 <= 4 && (mod100 < 12 || mod100 > 14));
      const latn = `Domaćinstvo od ${n} ${few ? 'člana' : 'članova'}`;
      return lang === 'sr-Cyrl' ? srLatnToCyrl(latn) : latn;
    }
    case 'en':
      return `A household of ${n} ${n === 1 ? 'person' : 'persons'}`;
  }
}

/**
 * The individual plan a case follows: PIR (reintegration, for returnees) or PII (integration,
 * for foreigners); Serbian IPR / IPI. The abbreviation goes into sentences and subjects
 * ("… of the individual plan (PIR) …"), the name stands after a label ("Plan: …").
 */
export const PLAN_ABBREVIATIONS = withCyrillic<PersonCategory>({
  sq: { returnee: 'PIR', foreigner: 'PII' },
  'sr-Latn': { returnee: 'IPR', foreigner: 'IPI' },
  en: { returnee: 'PIR', foreigner: 'PII' },
});

export const PLAN_NAMES = withCyrillic<PersonCategory>({
  sq: { returnee: 'Plani Individual i Riintegrimit (PIR)', foreigner: 'Plani Individual i Integrimit (PII)' },
  'sr-Latn': { returnee: 'Individualni plan reintegracije (IPR)', foreigner: 'Individualni plan integracije (IPI)' },
  en: { returnee: 'Individual Reintegration Plan (PIR)', foreigner: 'Individual Integration Plan (PII)' },
});

/**
 * The coordination meetings the plans ask for, as a title: it stands on a line of its own or after
 * "Ftesë:", "Poziv:", "Invitation:" in a subject, never inside a sentence. An ad-hoc meeting's own
 * title (free text) is shown below it.
 */
export const MEETING_KIND_LABELS = withCyrillic<MeetingKind>({
  sq: {
    directorates: 'Takimi mujor me drejtoritë komunale',
    all_actors: 'Takimi tremujor i të gjithë akterëve të rrjetit lokal',
    projects: 'Takimi tremujor me organizatat që zbatojnë projekte riintegrimi',
    donors: 'Takimi vjetor me donatorët',
    ad_hoc: 'Takimi koordinues ad hoc',
  },
  'sr-Latn': {
    directorates: 'Mesečni sastanak sa opštinskim direkcijama',
    all_actors: 'Tromesečni sastanak svih aktera lokalne mreže',
    projects: 'Tromesečni sastanak sa organizacijama koje sprovode projekte reintegracije',
    donors: 'Godišnji sastanak sa donatorima',
    ad_hoc: 'Vanredni koordinacioni sastanak',
  },
  en: {
    directorates: 'Monthly meeting with the municipal directorates',
    all_actors: 'Quarterly meeting of all actors of the local network',
    projects: 'Quarterly meeting with organisations implementing reintegration projects',
    donors: 'Annual donor meeting',
    ad_hoc: 'Ad-hoc coordination meeting',
  },
});

/**
 * An office kind in general (not one municipality's office), for counts such as "persons referred
 * to …" in the quarterly report. Stands after a label or in a table row, never inflected.
 */
export const OFFICE_KIND_LABELS = withCyrillic<OfficeKind>({
  sq: {
    civil_registry: 'Zyra e Gjendjes Civile',
    employment_office: 'Zyra e Punësimit',
    social_work_centre: 'Qendra për Punë Sociale',
    education_directorate: 'Drejtoria Komunale e Arsimit',
    vocational_training: 'Qendra e Aftësimit Profesional',
    health: 'Shërbimet shëndetësore',
    mental_health: 'Qendra e Shëndetit Mendor',
    housing: 'Strehimi',
    police: 'Policia e Kosovës',
    cso: 'Organizatat e shoqërisë civile',
    reintegration_commission: 'Komisioni Komunal për Riintegrim (KKR)',
    agriculture_directorate: 'Drejtoria e Bujqësisë dhe Zhvillimit Rural',
    legal_aid: 'Agjencia për Ndihmë Juridike Falas',
    dropout_prevention: 'Ekipi për parandalim dhe reagim kundër braktisjes së shkollës (EPPRM)',
  },
  'sr-Latn': {
    civil_registry: 'Kancelarija civilnog stanja',
    employment_office: 'Kancelarija za zapošljavanje',
    social_work_centre: 'Centar za socijalni rad',
    education_directorate: 'Opštinska direkcija za obrazovanje',
    vocational_training: 'Centar za stručno osposobljavanje',
    health: 'Zdravstvene službe',
    mental_health: 'Centar za mentalno zdravlje',
    housing: 'Stambeno zbrinjavanje',
    police: 'Kosovska policija',
    cso: 'Organizacije civilnog društva',
    reintegration_commission: 'Opštinska komisija za reintegraciju (OKR)',
    agriculture_directorate: 'Direkcija za poljoprivredu i ruralni razvoj',
    legal_aid: 'Agencija za besplatnu pravnu pomoć',
    dropout_prevention: 'Tim za sprečavanje i reagovanje na napuštanje škole',
  },
  en: {
    civil_registry: 'Civil Registry Office',
    employment_office: 'Employment Office',
    social_work_centre: 'Centre for Social Work',
    education_directorate: 'Municipal Education Directorate',
    vocational_training: 'Vocational Training Centre',
    health: 'Health services',
    mental_health: 'Mental Health Centre',
    housing: 'Housing',
    police: 'Kosovo Police',
    cso: 'Civil society organisations',
    reintegration_commission: 'Municipal Reintegration Commission (KKR)',
    agriculture_directorate: 'Directorate of Agriculture and Rural Development',
    legal_aid: 'Free Legal Aid Agency',
    dropout_prevention: 'School drop-out prevention and response team (EPPRM)',
  },
});

/** Every sensitive need and category label, in every language, lower-cased (longest first). */
const SENSITIVE_LABELS: readonly string[] = [
  ...new Set(
    (['sq', 'sr-Latn', 'sr-Cyrl', 'en'] as const).flatMap((lang) => [
      ...[...SENSITIVE_NEEDS].map((n) => NEED_LABELS[lang][n].toLowerCase()),
      ...[...SENSITIVE_CATEGORIES].map((c) => CATEGORY_LABELS[lang][c].toLowerCase()),
    ]),
  ),
].sort((a, b) => b.length - a.length);

/**
 * The sensitive labels (needs and categories, any language) that a free text contains,
 * case-insensitively. For text typed by a coordinator that will go into an SMS: the API can
 * reject it early, and the renderer refuses it as a last line of defence. It only knows the
 * catalogue's own words, so it catches the obvious, not every way of saying it.
 */
export function sensitiveLabelsIn(text: string): string[] {
  const lower = text.normalize('NFC').toLowerCase();
  return SENSITIVE_LABELS.filter((l) => lower.includes(l));
}
