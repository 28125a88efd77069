import { DECLINE_REASONS, REFERRAL_OUTCOMES, type DeclineReason, type ReferralOutcome } from '../domain/vocabulary.js';
export { DECLINE_REASONS, type DeclineReason };
import type { Language } from '../domain/vocabulary.js';
import type { ReferralState } from '../domain/referral-state.js';
import { srLatnToCyrl } from '../messages/translit.js';

/**
 * The words of the office response pages (response-page.ts). sq, sr-Latn and en are written
 * here; sr-Cyrl is derived from sr-Latn with srLatnToCyrl, as in messages/labels.ts, so the two
 * Serbian scripts never drift apart. `{{days}}` and `{{max}}` are filled in by the renderer.
 */


export const OUTCOMES = REFERRAL_OUTCOMES;
export type Outcome = ReferralOutcome;

type Written = 'sq' | 'sr-Latn' | 'en';
type Action = 'accept' | 'decline' | 'outcome';

export interface PageTexts {
  languageName: string;
  summary: {
    office: string;
    need: string;
    smrCase: string;
    municipality: string;
    referredBy: string;
    sentOn: string;
    dueBy: string;
    status: string;
    persons: string;
    born: string;
    coordinator: string;
    email: string;
    phone: string;
  };
  confirm: Record<Action, { title: string; prompt: string; button: string }>;
  /** The accept form's checkbox: what the office takes on by accepting. */
  acceptConfirmLabel: string;
  /** The accept form again (400) when it came without the ticked box; `{{button}}` is confirm.accept.button. */
  acceptConfirmMissing: string;
  coordinatorWillBeTold: string;
  /** A decline for "another reason" sent without the note that explains it. */
  declineNoteMissing: string;
  required: string;
  optional: string;
  reasonLabel: string;
  chooseReason: string;
  noteLabel: string;
  outcomeNoteHint: string;
  maxChars: string;
  outcomeLegend: string;
  forwardWarning: string;
  done: Record<Action, string>;
  doneBody: string;
  repeatedTitle: string;
  repeatedBody: string;
  acceptNext: string;
  closePage: string;
  refusal: Record<'invalid-link' | 'expired' | 'not-found' | 'invalid-transition' | 'cross-site' | 'unavailable', { title: string; body: string; todo: string }>;
  currentStatus: string;
  notYourFault: string;
  coordinatorContact: string;
}

function deepCyrillic<T>(v: T): T {
  if (typeof v === 'string') return srLatnToCyrl(v, { preserveMarkup: true }) as T;
  if (v && typeof v === 'object') {
    return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, deepCyrillic(x)])) as T;
  }
  return v;
}

function withCyrillic<T>(t: Record<Written, T>): Readonly<Record<Language, T>> {
  return { sq: t.sq, 'sr-Latn': t['sr-Latn'], 'sr-Cyrl': deepCyrillic(t['sr-Latn']), en: t.en };
}

export const PAGE_TEXTS = withCyrillic<PageTexts>({
  sq: {
    languageName: 'Shqip',
    summary: {
      office: 'Zyra',
      need: 'Nevoja',
      smrCase: 'Numri i rastit në SMR',
      municipality: 'Komuna',
      referredBy: 'Referuar nga',
      sentOn: 'Data e referimit',
      dueBy: 'Afati për konfirmim',
      status: 'Statusi',
      persons: 'Personat e referuar',
      born: 'viti i lindjes',
      coordinator: 'Koordinatori',
      email: 'Email',
      phone: 'Tel.',
    },
    confirm: {
      accept: {
        title: 'Pranimi i referimit',
        prompt: 'Ju lutemi konfirmoni që zyra juaj e pranon këtë referim.',
        button: 'Konfirmo pranimin',
      },
      decline: {
        title: 'Refuzimi i referimit',
        prompt: 'Nëse zyra juaj nuk mund ta trajtojë këtë referim, ju lutemi zgjidhni arsyen më poshtë.',
        button: 'Refuzo referimin',
      },
      outcome: {
        title: 'Rezultati i referimit',
        prompt:
          'Ju lutemi na tregoni nëse shërbimi u ofrua. Referimi mbyllet vetëm kur koordinatori e merr rezultatin.',
        button: 'Dërgo rezultatin',
      },
    },
    acceptConfirmLabel: 'Po, zyra jonë e merr përsipër këtë referim dhe do të kontaktojë personin ose familjen e referuar.',
    acceptConfirmMissing:
      'Ende nuk është regjistruar asgjë. Për ta pranuar referimin, ju lutemi shënoni kutinë mbi butonin dhe pastaj shtypni sërish «{{button}}».',
    coordinatorWillBeTold: 'Koordinatori do të njoftohet.',
    declineNoteMissing: 'Ende nuk është regjistruar asgjë. Për «arsye tjetër», ju lutemi shkruani shkurt në shënim arsyen, që koordinatori të dijë çfarë të bëjë.',
    required: 'e detyrueshme',
    optional: 'opsionale',
    reasonLabel: 'Arsyeja e refuzimit',
    chooseReason: 'Zgjidhni arsyen',
    noteLabel: 'Shënim për koordinatorin',
    outcomeNoteHint: 'P.sh. «u lëshuan dokumentet», «u regjistrua si punëkërkues».',
    maxChars: 'Deri në {{max}} shenja.',
    outcomeLegend: 'A u ofrua shërbimi?',
    forwardWarning:
      'Kjo faqe u hap përmes lidhjes në mesazhin e referimit. Ju lutemi mos e përcillni atë mesazh: lidhjet janë vetëm për zyrën tuaj.',
    done: {
      accept: 'Faleminderit — referimi u pranua',
      decline: 'Faleminderit — refuzimi u regjistrua',
      outcome: 'Faleminderit — rezultati u regjistrua',
    },
    doneBody: 'Koordinatori u njoftua.',
    repeatedTitle: 'Kjo ishte regjistruar tashmë',
    repeatedBody:
      'Përgjigjja juaj ishte regjistruar më parë dhe koordinatori është njoftuar. Nuk duhet të bëni asgjë tjetër.',
    acceptNext:
      'Kur shërbimi të jetë ofruar, ose nëse nuk mund të ofrohet, ju lutemi përdorni lidhjen për rezultatin në të njëjtin mesazh.',
    closePage: 'Tani mund ta mbyllni këtë faqe.',
    refusal: {
      'invalid-link': {
        title: 'Kjo lidhje nuk është e vlefshme',
        body: 'Lidhja mund të jetë kopjuar e paplotë ose mund të jetë ndryshuar. Provoni ta hapni sërish duke klikuar drejtpërdrejt mbi të në mesazhin e referimit.',
        todo: 'Nëse përsëri nuk funksionon, kontaktoni koordinatorin që ju dërgoi referimin dhe kërkoni një lidhje të re.',
      },
      expired: {
        title: 'Kjo lidhje ka skaduar',
        body: 'Për arsye sigurie, lidhjet në mesazhet e referimit vlejnë {{days}} ditë.',
        todo: 'Ju lutemi kontaktoni koordinatorin dhe kërkoni një lidhje të re.',
      },
      'not-found': {
        title: 'Referimi nuk u gjet',
        body: 'Ky referim mund të jetë anuluar, ose të dhënat e tij janë fshirë pas skadimit të afatit të ruajtjes.',
        todo: 'Nëse keni pyetje për këtë rast, kontaktoni koordinatorin.',
      },
      'invalid-transition': {
        title: 'Ky veprim nuk është më i mundur',
        body: 'Gjendja e referimit nuk e lejon këtë veprim, për shembull sepse referimi është anuluar ose sepse është dhënë tashmë një përgjigje tjetër.',
        todo: 'Nëse mendoni se kjo nuk është e saktë, kontaktoni koordinatorin.',
      },
      'cross-site': {
        title: 'Përgjigjja juaj nuk u regjistrua',
        body: 'Për arsye sigurie, një përgjigje regjistrohet vetëm kur shtypet butoni në faqen që kjo lidhje hap në shfletues. Kjo kërkesë nuk erdhi nga ajo faqe, prandaj nuk u regjistrua asgjë.',
        todo: 'Ju lutemi hapni lidhjen nga mesazhi i referimit në shfletuesin tuaj dhe shtypni butonin në faqe.',
      },
      unavailable: {
        title: 'Faqja nuk është e disponueshme për momentin',
        body: 'Ndodhi një problem nga ana jonë.',
        todo: 'Ju lutemi provoni sërish pas disa minutash, duke e hapur përsëri lidhjen nga mesazhi i referimit. Nëse problemi vazhdon, kontaktoni koordinatorin.',
      },
    },
    currentStatus: 'Statusi aktual',
    notYourFault: 'Nuk keni bërë asgjë gabim.',
    coordinatorContact: 'Kontakti i koordinatorit',
  },
  'sr-Latn': {
    languageName: 'Srpski',
    summary: {
      office: 'Kancelarija',
      need: 'Potreba',
      smrCase: 'Broj slučaja u SUS',
      municipality: 'Opština',
      referredBy: 'Pošiljalac',
      sentOn: 'Datum upućivanja',
      dueBy: 'Rok za potvrdu',
      status: 'Status',
      persons: 'Upućena lica',
      born: 'godište',
      coordinator: 'Koordinator',
      email: 'E-pošta',
      phone: 'Telefon',
    },
    confirm: {
      accept: {
        title: 'Prihvatanje upućivanja',
        prompt: 'Molimo vas da potvrdite da vaša kancelarija prihvata ovo upućivanje.',
        button: 'Potvrdi prihvatanje',
      },
      decline: {
        title: 'Odbijanje upućivanja',
        prompt: 'Ako vaša kancelarija ne može da postupi po ovom upućivanju, molimo vas da u nastavku izaberete razlog.',
        button: 'Odbij upućivanje',
      },
      outcome: {
        title: 'Ishod upućivanja',
        prompt:
          'Molimo vas da nam javite da li je usluga pružena. Upućivanje se zatvara tek kada koordinator dobije ishod.',
        button: 'Pošalji ishod',
      },
    },
    acceptConfirmLabel: 'Da, naša kancelarija preuzima ovo upućivanje i javiće se upućenoj osobi ili porodici.',
    acceptConfirmMissing:
      'Još ništa nije zabeleženo. Da biste prihvatili upućivanje, molimo vas da označite polje iznad dugmeta, a zatim ponovo pritisnete „{{button}}“.',
    coordinatorWillBeTold: 'Koordinator će biti obavešten.',
    declineNoteMissing: 'Još ništa nije zabeleženo. Za „drugi razlog“ molimo vas da ukratko napišete razlog u napomeni, da bi koordinator znao šta da uradi.',
    required: 'obavezno',
    optional: 'nije obavezno',
    reasonLabel: 'Razlog odbijanja',
    chooseReason: 'Izaberite razlog',
    noteLabel: 'Napomena za koordinatora',
    outcomeNoteHint: 'Npr. „izdata su dokumenta“, „prijavljen kao tražilac posla“.',
    maxChars: 'Najviše {{max}} znakova.',
    outcomeLegend: 'Da li je usluga pružena?',
    forwardWarning:
      'Ova stranica je otvorena preko linka iz poruke o upućivanju. Molimo vas da tu poruku ne prosleđujete: linkovi su namenjeni samo vašoj kancelariji.',
    done: {
      accept: 'Hvala — upućivanje je prihvaćeno',
      decline: 'Hvala — odbijanje je zabeleženo',
      outcome: 'Hvala — ishod je zabeležen',
    },
    doneBody: 'Koordinator je obavešten.',
    repeatedTitle: 'Ovo je već zabeleženo',
    repeatedBody: 'Vaš odgovor je već ranije zabeležen i koordinator je obavešten. Ne morate ništa više da radite.',
    acceptNext:
      'Kada usluga bude pružena, ili ako ne može da bude pružena, molimo vas da iskoristite link za ishod iz iste poruke.',
    closePage: 'Sada možete da zatvorite ovu stranicu.',
    refusal: {
      'invalid-link': {
        title: 'Ovaj link nije ispravan',
        body: 'Link je možda nepotpuno kopiran ili je izmenjen. Pokušajte ponovo tako što ćete kliknuti direktno na link u poruci o upućivanju.',
        todo: 'Ako ni tada ne radi, obratite se koordinatoru koji vam je poslao upućivanje i zatražite novi link.',
      },
      expired: {
        title: 'Ovaj link je istekao',
        body: 'Iz bezbednosnih razloga, linkovi u porukama o upućivanju važe {{days}} dana.',
        todo: 'Molimo vas da se obratite koordinatoru i zatražite novi link.',
      },
      'not-found': {
        title: 'Upućivanje nije pronađeno',
        body: 'Ovo upućivanje je možda otkazano ili su njegovi podaci obrisani po isteku roka čuvanja.',
        todo: 'Ako imate pitanja o ovom slučaju, obratite se koordinatoru.',
      },
      'invalid-transition': {
        title: 'Ova radnja više nije moguća',
        body: 'Stanje upućivanja ne dozvoljava ovu radnju, na primer zato što je upućivanje otkazano ili je već dat drugačiji odgovor.',
        todo: 'Ako smatrate da to nije tačno, obratite se koordinatoru.',
      },
      'cross-site': {
        title: 'Vaš odgovor nije zabeležen',
        body: 'Iz bezbednosnih razloga, odgovor se beleži samo kada se pritisne dugme na stranici koju ovaj link otvara u pregledaču. Ovaj zahtev nije stigao sa te stranice, pa ništa nije zabeleženo.',
        todo: 'Molimo vas da link iz poruke o upućivanju otvorite u svom pregledaču i pritisnete dugme na stranici.',
      },
      unavailable: {
        title: 'Stranica trenutno nije dostupna',
        body: 'Došlo je do problema na našoj strani.',
        todo: 'Molimo vas da pokušate ponovo za nekoliko minuta tako što ćete ponovo otvoriti link iz poruke o upućivanju. Ako se problem ponovi, obratite se koordinatoru.',
      },
    },
    currentStatus: 'Trenutni status',
    notYourFault: 'Niste ništa pogrešili.',
    coordinatorContact: 'Kontakt koordinatora',
  },
  en: {
    languageName: 'English',
    summary: {
      office: 'Office',
      need: 'Need',
      smrCase: 'SMR case number',
      municipality: 'Municipality',
      referredBy: 'Referred by',
      sentOn: 'Referred on',
      dueBy: 'Please confirm by',
      status: 'Status',
      persons: 'Persons referred',
      born: 'born',
      coordinator: 'Coordinator',
      email: 'Email',
      phone: 'Phone',
    },
    confirm: {
      accept: {
        title: 'Accept the referral',
        prompt: 'Please confirm that your office accepts this referral.',
        button: 'Confirm acceptance',
      },
      decline: {
        title: 'Decline the referral',
        prompt: 'If your office cannot take on this referral, please choose the reason below.',
        button: 'Decline the referral',
      },
      outcome: {
        title: 'Outcome of the referral',
        prompt:
          'Please tell us whether the service was provided. A referral is closed only once the coordinator has its outcome.',
        button: 'Send the outcome',
      },
    },
    acceptConfirmLabel: 'Yes, our office takes on this referral and will contact the person or family referred.',
    acceptConfirmMissing:
      'Nothing has been recorded yet. To accept the referral, please tick the box above the button, then press “{{button}}” again.',
    coordinatorWillBeTold: 'The coordinator will be told.',
    declineNoteMissing: 'Nothing has been recorded yet. For “other reason”, please write the reason briefly in the note, so the coordinator knows what to do.',
    required: 'required',
    optional: 'optional',
    reasonLabel: 'Reason for declining',
    chooseReason: 'Choose a reason',
    noteLabel: 'Note for the coordinator',
    outcomeNoteHint: 'E.g. “documents issued”, “registered as job seeker”.',
    maxChars: 'Up to {{max}} characters.',
    outcomeLegend: 'Was the service provided?',
    forwardWarning:
      'This page was opened from a link in the referral message. Please do not forward that message: its links are for your office only.',
    done: {
      accept: 'Thank you — the referral is accepted',
      decline: 'Thank you — the decline is recorded',
      outcome: 'Thank you — the outcome is recorded',
    },
    doneBody: 'The coordinator has been told.',
    repeatedTitle: 'This was already recorded',
    repeatedBody: 'Your answer had already been recorded and the coordinator has been told. There is nothing more to do.',
    acceptNext:
      'Once the service has been provided, or if it cannot be, please use the outcome link in the same message.',
    closePage: 'You can close this page now.',
    refusal: {
      'invalid-link': {
        title: 'This link is not valid',
        body: 'The link may have been copied incompletely or changed. Please try again by clicking the link directly in the referral message.',
        todo: 'If it still does not work, contact the coordinator who sent you the referral and ask for a new link.',
      },
      expired: {
        title: 'This link has expired',
        body: 'For security, the links in referral messages are valid for {{days}} days.',
        todo: 'Please contact the coordinator and ask for a new link.',
      },
      'not-found': {
        title: 'Referral not found',
        body: 'This referral may have been cancelled, or its data deleted at the end of the retention period.',
        todo: 'If you have questions about this case, contact the coordinator.',
      },
      'invalid-transition': {
        title: 'This action is no longer possible',
        body: 'The referral’s current state does not allow this action, for example because it was cancelled or a different answer was already given.',
        todo: 'If you think this is wrong, contact the coordinator.',
      },
      'cross-site': {
        title: 'Your answer was not recorded',
        body: 'For security, an answer is recorded only when the button is pressed on the page this link opens in a browser. This request did not come from that page, so nothing was recorded.',
        todo: 'Please open the link from the referral message in your browser and press the button on the page.',
      },
      unavailable: {
        title: 'This page is not available right now',
        body: 'Something went wrong on our side.',
        todo: 'Please try again in a few minutes by opening the link from the referral message again. If it keeps happening, contact the coordinator.',
      },
    },
    currentStatus: 'Current status',
    notYourFault: 'You have done nothing wrong.',
    coordinatorContact: 'Coordinator contact',
  },
});

export const DECLINE_REASON_LABELS = withCyrillic<Readonly<Record<DeclineReason, string>>>({
  sq: {
    client_refused: 'Klienti e refuzoi shërbimin',
    lack_of_capacity: 'Zyra nuk ka kapacitet të mjaftueshëm',
    unable_to_contact: 'Klienti nuk mund të kontaktohej',
    not_eligible: 'Klienti nuk i plotëson kriteret',
    no_longer_needed: 'Shërbimi nuk nevojitet më',
    other: 'Arsye tjetër (shpjegojeni në shënim)',
  },
  'sr-Latn': {
    client_refused: 'Klijent je odbio uslugu',
    lack_of_capacity: 'Kancelarija nema dovoljno kapaciteta',
    unable_to_contact: 'Sa klijentom nije bilo moguće stupiti u kontakt',
    not_eligible: 'Klijent ne ispunjava uslove',
    no_longer_needed: 'Usluga više nije potrebna',
    other: 'Drugi razlog (objasnite u napomeni)',
  },
  en: {
    client_refused: 'The client refused the service',
    lack_of_capacity: 'Our office lacks capacity',
    unable_to_contact: 'The client could not be contacted',
    not_eligible: 'The client is not eligible',
    no_longer_needed: 'The service is no longer needed',
    other: 'Other reason (please explain in the note)',
  },
});

/** Answers to "Was the service provided?" (outcomeLegend). */
export const OUTCOME_LABELS = withCyrillic<Readonly<Record<Outcome, string>>>({
  sq: { done: 'Po — shërbimi u ofrua', not_done: 'Jo — shërbimi nuk u ofrua' },
  'sr-Latn': { done: 'Da — usluga je pružena', not_done: 'Ne — usluga nije pružena' },
  en: { done: 'Yes — the service was provided', not_done: 'No — the service was not provided' },
});

/** A referral's status, shown after "Status:". */
export const REFERRAL_STATUS_LABELS = withCyrillic<Readonly<Record<ReferralState, string>>>({
  sq: {
    waiting: 'Në pritje të një referimi tjetër',
    created: 'Krijuar',
    sent: 'Dërguar',
    accepted: 'Pranuar',
    declined: 'Refuzuar',
    completed: 'Kryer',
    not_completed: 'Nuk u krye',
    cancelled: 'Anuluar',
  },
  'sr-Latn': {
    waiting: 'Čeka drugo upućivanje',
    created: 'Kreirano',
    sent: 'Poslato',
    accepted: 'Prihvaćeno',
    declined: 'Odbijeno',
    completed: 'Obavljeno',
    not_completed: 'Nije obavljeno',
    cancelled: 'Otkazano',
  },
  en: {
    waiting: 'Waiting for another referral',
    created: 'Created',
    sent: 'Sent',
    accepted: 'Accepted',
    declined: 'Declined',
    completed: 'Completed',
    not_completed: 'Not completed',
    cancelled: 'Cancelled',
  },
});

/** The label of a status in `lang`; a status this table does not know is shown as it is. */
export function statusLabel(status: string, lang: Language): string {
  const table: Readonly<Record<string, string>> = REFERRAL_STATUS_LABELS[lang];
  return Object.hasOwn(table, status) ? table[status]! : status;
}
