/**
 * SMS segments per message over the template catalogue (the CLI's sample data, every language),
 * under the default policy (shared/domain/sms-policy.ts) with the returnee page on (the default:
 * the deliverer adds the page's signed link as `pageUrl`, SAMPLE_PAGE_URL here) and off (the same
 * policy with `returneePage: false`), and as written (no transliteration, no link). The goals of
 * #18: a mean of at most 1.3 segments with the page on, 2 without.
 * test/unit/messages/sms-policy.test.ts does the same with every directory office.
 */
import { SAMPLE_PAGE_URL, SAMPLES } from '../shared/messages/samples.js';
import { Language } from '../shared/domain/vocabulary.js';
import { CATALOGUE, gsmStats, renderAny } from '../shared/messages/index.js';
import { TEMPLATE_IDS } from '../shared/domain/template-ids.js';
import { DEFAULT_SMS_POLICY } from '../shared/domain/sms-policy.js';
import { applySmsPolicy } from '../shared/messages/sms-policy.js';

export const SMS_SEGMENT_GOALS = { pageOn: 1.3, pageOff: 2 } as const;

type Cell = { policy: number; pageOff: number; asWritten: number; encoding: string; transliterated: boolean; withLink: boolean };

export interface SmsRow {
  template: string;
  cells: Record<string, Cell | { error: string }>;
}

export function smsSegments(): { rows: SmsRow[]; policy: unknown; meanSegments: { pageOn: number; pageOff: number; samples: number }; goals: typeof SMS_SEGMENT_GOALS } {
  const ids = TEMPLATE_IDS.filter((id) => CATALOGUE[id].en.subject === undefined);
  const off = { ...DEFAULT_SMS_POLICY, returneePage: false };
  let on = 0;
  let without = 0;
  let n = 0;
  const rows = ids.map((id) => {
    const cells: SmsRow['cells'] = {};
    for (const lang of Language.options) {
      try {
        const text = renderAny(id, SAMPLES[id](lang), [lang]).sms!;
        const linked = renderAny(id, { ...SAMPLES[id](lang), pageUrl: SAMPLE_PAGE_URL }, [lang]).sms!;
        const r = applySmsPolicy(linked, lang, DEFAULT_SMS_POLICY);
        const o = applySmsPolicy(text, lang, off);
        cells[lang] = { policy: r.stats.segments, pageOff: o.stats.segments, asWritten: gsmStats(text).segments, encoding: r.stats.encoding, transliterated: r.transliterated, withLink: linked.includes(SAMPLE_PAGE_URL) };
        on += r.stats.segments;
        without += o.stats.segments;
        n++;
      } catch (e) {
        cells[lang] = { error: (e as Error).message.slice(0, 80) };
      }
    }
    return { template: id, cells };
  });
  return { rows, policy: DEFAULT_SMS_POLICY, meanSegments: { pageOn: n ? on / n : NaN, pageOff: n ? without / n : NaN, samples: n }, goals: SMS_SEGMENT_GOALS };
}
