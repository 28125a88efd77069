import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { Language } from '../../../shared/domain/vocabulary.js';
import { renderAny } from '../../../shared/messages/index.js';
import { TEMPLATE_IDS } from '../../../shared/domain/template-ids.js';
import { SAMPLES } from '../../../shared/messages/samples.js';

const fingerprint = (s: string): string => createHash('sha256').update(s).digest('hex').slice(0, 16);

/**
 * A fingerprint of every message as sent (each template in each language, with the sample data):
 * a change to any template file, to the build or to the renderers shows here as the messages it
 * changes. When the change is meant, look at them (npm run cli -- preview <id> --lang <lang>) and
 * accept it: npx vitest run -u test/unit/messages/rendered.test.ts
 */
describe('rendered messages', () => {
  it('are the ones reviewed (sample data, every template × language)', () => {
    const prints: Record<string, string> = {};
    for (const id of TEMPLATE_IDS) {
      for (const lang of Language.options) {
        const out = renderAny(id, SAMPLES[id](lang), [lang]);
        if (out.sms !== undefined) prints[`${id} ${lang} sms`] = fingerprint(out.sms);
        if (out.email !== undefined) {
          prints[`${id} ${lang} subject`] = fingerprint(out.email.subject);
          prints[`${id} ${lang} text`] = fingerprint(out.email.text);
          prints[`${id} ${lang} html`] = fingerprint(out.email.html);
        }
      }
    }
    expect(prints).toMatchSnapshot();
  });
});
