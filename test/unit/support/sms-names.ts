import { expect } from 'vitest';
import type { Directory } from '../../../shared/directory/directory.js';
import type { Language, OfficeKind } from '../../../shared/domain/vocabulary.js';
import { renderAny, type ReferralSmsData } from '../../../shared/messages/index.js';
import { familySenderName } from '../../../shared/messages/visits.js';
import type { IntentItem } from '../../../shared/store/intent.js';

/**
 * A returnee's SMS intent about an office of Obiliq keeps the office's and the signer's names in
 * its own language only, so that the item stays under the 1 KB a write unit covers, and renders
 * as it would from the directory's three.
 */
export function expectNamesInOwnLanguage(sms: IntentItem, language: Language, directory: Directory, officeKind: OfficeKind): void {
  const data = sms.data as unknown as ReferralSmsData;
  const key = language === 'sr-Cyrl' ? 'sr' : language;
  for (const names of [data.office.name, data.office.address, data.office.hours, data.coordinatorOffice]) expect(Object.keys(names)).toEqual([key]);
  expect(Buffer.byteLength(JSON.stringify(sms))).toBeLessThanOrEqual(1024);
  const office = directory.office('obiliq', officeKind)!;
  const muni = directory.municipality('obiliq')!;
  const full = { ...data, coordinatorOffice: familySenderName({ category: 'returnee', municipality: muni.name, coordinatorOffice: muni.coordinatorOffice }), office: { name: office.name, address: office.address, hours: office.hours } };
  expect(renderAny(sms.template, sms.data, sms.languages).sms).toBe(renderAny(sms.template, full, sms.languages).sms);
}
