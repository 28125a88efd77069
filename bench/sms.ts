/**
 * SMS segments per message over the template catalogue (the CLI's sample data, every language):
 * under the default policy (shared/messages/sms-policy.ts) vs as written, i.e. without
 * transliteration. test/unit/messages/sms-policy.test.ts does the same with every directory office.
 */
import { SAMPLES } from '../shared/messages/samples.js';
import { Language } from '../shared/domain/vocabulary.js';
import { CATALOGUE, gsmStats, renderAny } from '../shared/messages/index.js';
import { TEMPLATE_IDS } from '../shared/domain/template-ids.js';
import { DEFAULT_SMS_POLICY } from '../shared/domain/sms-policy.js';
import { applySmsPolicy } from '../shared/messages/sms-policy.js';

export interface SmsRow {
  template: string;
  cells: Record<string, { policy: number; asWritten: number; encoding: string; transliterated: boolean } | { error: string }>;
}

export function smsSegments(): { rows: SmsRow[]; policy: unknown } {
  const ids = TEMPLATE_IDS.filter((id) => CATALOGUE[id].en.subject === undefined);
  const rows = ids.map((id) => {
    const cells: SmsRow['cells'] = {};
    for (const lang of Language.options) {
      try {
        const text = renderAny(id, SAMPLES[id](lang), [lang]).sms!;
        const r = applySmsPolicy(text, lang, DEFAULT_SMS_POLICY);
        cells[lang] = { policy: r.stats.segments, asWritten: gsmStats(text).segments, encoding: r.stats.encoding, transliterated: r.transliterated };
      } catch (e) {
        cells[lang] = { error: (e as Error).message.slice(0, 80) };
      }
    }
    return { template: id, cells };
  });
  return { rows, policy: DEFAULT_SMS_POLICY };
}
