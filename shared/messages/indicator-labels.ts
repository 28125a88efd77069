import type { Language } from '../domain/vocabulary.js';
import { srLatnToCyrl } from './translit.js';

type Written = { sq: string; 'sr-Latn': string; en: string };

/**
 * The names of the plans' indicators that the quarterly report lists with their baseline and
 * target (shared/domain/indicators.ts), in the plans' own words where they have them ("FVN të
 * plotësuar", "OPP"). A closure names no "return": the same line counts returnees and foreigners.
 */
const LABELS: Record<string, Written> = {
  cases_opened: { sq: 'Raste të reja, të hapura në tremujor', 'sr-Latn': 'Novootvoreni slučajevi u tromesečju', en: 'New cases opened in the quarter' },
  answered_in_time_share: { sq: 'Referime të përgjigjura në kohë (përqindja)', 'sr-Latn': 'Upućivanja odgovorena na vreme (udeo)', en: 'Referrals answered in time (share)' },
  home_visits: { sq: 'Vizita në familje të realizuara', 'sr-Latn': 'Obavljene posete domaćinstvima', en: 'Home visits made' },
  home_visits_in_time: { sq: 'Vizita në familje brenda 72 orëve', 'sr-Latn': 'Posete domaćinstvima u roku od 72 sata', en: 'Home visits within 72 hours' },
  home_visits_in_time_share: {
    sq: 'Përqindja e rasteve të reja të vizituara brenda 72 orëve',
    'sr-Latn': 'Udeo novih slučajeva posećenih u roku od 72 sata',
    en: 'Share of new cases visited within 72 hours',
  },
  assessments_done: { sq: 'Formularë të vlerësimit të nevojave (FVN) të plotësuar', 'sr-Latn': 'Popunjeni obrasci za procenu potreba (OPP)', en: 'Needs assessments done (FVN)' },
  plans_made: { sq: 'Plane individuale të hartuara (PIR / PII)', 'sr-Latn': 'Izrađeni individualni planovi (IPR / IPI)', en: 'Individual plans made (PIR / PII)' },
  plans_made_share: {
    sq: 'Përqindja e rasteve të vlerësuara me plan individual',
    'sr-Latn': 'Udeo procenjenih slučajeva sa individualnim planom',
    en: 'Share of assessed cases with an individual plan',
  },
  case_managers_named: { sq: 'Menaxherë të rastit të emëruar', 'sr-Latn': 'Imenovani menadžeri slučaja', en: 'Case managers named' },
  monitoring_visits: { sq: 'Vizita monitoruese', 'sr-Latn': 'Posete radi praćenja', en: 'Monitoring visits' },
  monitoring_calls: { sq: 'Thirrje monitoruese', 'sr-Latn': 'Pozivi radi praćenja', en: 'Monitoring calls' },
  evaluations: { sq: 'Vlerësime tremujore', 'sr-Latn': 'Tromesečne procene', en: 'Quarterly evaluations' },
  closed_sustainably_reintegrated: {
    sq: 'Të mbyllura: riintegrim / integrim i qëndrueshëm',
    'sr-Latn': 'Zatvoreni: održiva reintegracija / integracija',
    en: 'Closed: sustainable reintegration / integration',
  },
  closed_moved_municipality: { sq: 'Të mbyllura: u zhvendos në komunë tjetër', 'sr-Latn': 'Zatvoreni: preseljenje u drugu opštinu', en: 'Closed: moved to another municipality' },
  closed_re_emigrated: { sq: 'Të mbyllura: emigroi sërish', 'sr-Latn': 'Zatvoreni: ponovna emigracija', en: 'Closed: emigrated again' },
  closed_deceased: { sq: 'Të mbyllura: ndërroi jetë', 'sr-Latn': 'Zatvoreni: preminuće', en: 'Closed: deceased' },
  closed_other: { sq: 'Të mbyllura: arsye tjetër', 'sr-Latn': 'Zatvoreni: drugi razlog', en: 'Closed: other reason' },
  sustainably_reintegrated_share: {
    sq: 'Përqindja e mbylljeve me riintegrim / integrim të qëndrueshëm',
    'sr-Latn': 'Udeo zatvorenih slučajeva sa održivom reintegracijom / integracijom',
    en: 'Share of closures with sustainable reintegration / integration',
  },
  meetings_held_regular: { sq: 'Takime të rregullta të mbajtura', 'sr-Latn': 'Održani redovni sastanci', en: 'Regular meetings held' },
  cases_discussed_regular: { sq: 'Raste të diskutuara në takime të rregullta', 'sr-Latn': 'Slučajevi razmatrani na redovnim sastancima', en: 'Cases discussed in regular meetings' },
  meetings_held_ad_hoc: { sq: 'Takime ad hoc të mbajtura', 'sr-Latn': 'Održani ad hoc sastanci', en: 'Ad-hoc meetings held' },
  cases_discussed_ad_hoc: { sq: 'Raste të diskutuara në takime ad hoc', 'sr-Latn': 'Slučajevi razmatrani na ad hoc sastancima', en: 'Cases discussed in ad-hoc meetings' },
};

/** The codes the report's plan section names; an indicator without a name here is not listed there. */
export const PLAN_SECTION_CODES: readonly string[] = Object.keys(LABELS);

export function indicatorLabel(code: string, lang: Language): string {
  const l = LABELS[code];
  if (!l) throw new Error(`no label for indicator ${code}`);
  return lang === 'sr-Cyrl' ? srLatnToCyrl(l['sr-Latn']) : l[lang];
}
