import { z } from 'zod';
import { Language, MunicipalityId, OfficeKind, OfficeLanguage } from '../domain/vocabulary.js';

/** A text in the three languages an office or place is named in. sr is Serbian in Latin script. */
export const Trilingual = z.object({
  sq: z.string().min(1),
  sr: z.string().min(1),
  en: z.string().min(1),
});
export type Trilingual = z.infer<typeof Trilingual>;

const ReservedEmail = z
  .email()
  // Directory files must never hold real addresses: placeholders live under reserved domains (RFC 2606).
  .refine((e) => /@([a-z0-9-]+\.)*(example\.(org|com|net)|[a-z0-9-]+\.(test|example|invalid))$/i.test(e), {
    message: 'must be a placeholder address under a reserved domain (example.org, *.test, …)',
  });

export const Office = z.object({
  id: z.string().regex(/^[a-z0-9-]{2,60}$/),
  kind: OfficeKind,
  name: Trilingual,
  /** Street address and place, shown to returnees ("where to go"). */
  address: Trilingual,
  /** Opening hours in words, e.g. "Mon–Fri 08:00–16:00". */
  hours: Trilingual,
  email: ReservedEmail,
  /** Languages the office reads; a bilingual office gets bilingual mail. */
  languages: z.array(OfficeLanguage).min(1),
  /** Head of office, for escalations (later issue). */
  head: z.object({ email: ReservedEmail }).optional(),
});
export type Office = z.infer<typeof Office>;

export const Coordinator = z.object({
  id: z.string().regex(/^[a-z0-9-]{2,60}$/),
  name: z.string().min(1),
  email: ReservedEmail,
  /** E.164, +383… */
  phone: z.string().regex(/^\+[1-9]\d{6,14}$/),
  language: Language,
});
export type Coordinator = z.infer<typeof Coordinator>;

export const Municipality = z.object({
  id: MunicipalityId,
  name: Trilingual,
  /** Office names of the coordinator's own office (ZKKK / OKZP). */
  coordinatorOffice: Trilingual,
  timeZone: z.literal('Europe/Belgrade'),
  /** Working days an office has to acknowledge a referral (plans: default 5). */
  ackWorkingDays: z.number().int().min(1).max(30),
  /** Per office kind, where an office has more (or less) time than the municipality's default. */
  ackWorkingDaysByKind: z.partialRecord(OfficeKind, z.number().int().min(1).max(30)).optional(),
  coordinators: z.array(Coordinator).min(1),
  offices: z.array(Office).min(1),
});
export type Municipality = z.infer<typeof Municipality>;
