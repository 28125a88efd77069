import { readFileSync } from 'node:fs';
import Mustache from 'mustache';
import { Language } from '../domain/vocabulary.js';
import { TEMPLATE_IDS, type TemplateId } from '../domain/template-ids.js';
import type { TemplateVariant } from './template-parts.js';

/**
 * The message catalogue: one Mustache template per template id, language and part, written in
 * shared/messages/templates/ (see its README.md) and built into templates.generated/<id>/<lang>.json
 * by build-templates.ts, sr-Cyrl transliterated from sr-Latn.
 *
 * A template is read from its file the first time it is rendered, then kept: a function loads only
 * the templates it renders, and no bundle carries the catalogue (it was about 240 KB of each
 * bundle that renders a message). Beside this module in the repository; beside index.mjs in a
 * function's bundle, where the bundling copies the directory (infra/bundling.ts).
 *
 * Rules every template follows (tests enforce them):
 * - every language variant of a template uses exactly the same placeholders, per part;
 * - only {{name}} tags and sections; never {{{x}}} or {{&x}} (HTML parts are always escaped,
 *   text parts are rendered with escaping switched off by the renderer);
 * - templates only reference view fields; labels, dates, plurals and lists are built in code
 *   (see render.ts), so a translator only ever sees sentences.
 */
// Nothing here runs on load (CATALOGUE below is a pure call): a bundle that renders nothing leaves
// this module out, and the bundling then copies no templates beside it (infra/bundling.ts looks
// for the directory's name in the bundle).
const generatedFile = (key: string): URL => new URL(`./templates.generated/${key}.json`, import.meta.url);

const KNOWN_IDS: ReadonlySet<string> = /* @__PURE__ */ new Set(TEMPLATE_IDS);
const loaded = /* @__PURE__ */ new Map<string, TemplateVariant>();

/** One template in one language, read once; undefined for an id or language the catalogue does not have. */
export function loadTemplate(id: string, lang: string): TemplateVariant | undefined {
  // Only known names become paths: an id comes from a stored intent.
  if (!KNOWN_IDS.has(id) || !Language.safeParse(lang).success) return undefined;
  const key = `${id}/${lang}`;
  let variant = loaded.get(key);
  if (!variant) {
    variant = JSON.parse(readFileSync(generatedFile(key), 'utf8')) as TemplateVariant;
    loaded.set(key, variant);
  }
  return variant;
}

/**
 * Every template in every language, each read from its file when first looked at. Built in a pure
 * call, so that a bundle that never renders leaves the catalogue (and this module) out.
 */
export const CATALOGUE: Readonly<Record<TemplateId, Readonly<Record<Language, TemplateVariant>>>> = /* @__PURE__ */ (() => {
  const byId = TEMPLATE_IDS.map((id) => {
    const languages = Object.fromEntries(Language.options.map((lang) => [lang, { enumerable: true, get: () => loadTemplate(id, lang) }]));
    return [id, Object.defineProperties({}, languages)] as const;
  });
  return Object.fromEntries(byId) as Record<TemplateId, Record<Language, TemplateVariant>>;
})();

type Token = [string, string, number, number, Token[]?, ...unknown[]];

/**
 * The names a template references — variables and section names (#, ^), plus partials if any —
 * sorted and unique. Uses Mustache's own parser, so it sees exactly what rendering will see.
 */
export function placeholdersOf(template: string): string[] {
  const names = new Set<string>();
  const walk = (tokens: Token[]): void => {
    for (const t of tokens) {
      const [type, value] = t;
      if (type === 'name' || type === '&' || type === '{' || type === '#' || type === '^' || type === '>') {
        names.add(value);
      }
      if ((type === '#' || type === '^') && Array.isArray(t[4])) walk(t[4]);
    }
  };
  walk(Mustache.parse(template) as unknown as Token[]);
  return [...names].sort();
}

/** Tag types that would bypass HTML escaping ({{{x}}} and {{&x}}); the catalogue must use none. */
export function unescapedTagsOf(template: string): string[] {
  const found: string[] = [];
  const walk = (tokens: Token[]): void => {
    for (const t of tokens) {
      if (t[0] === '&' || t[0] === '{') found.push(t[1]);
      if ((t[0] === '#' || t[0] === '^') && Array.isArray(t[4])) walk(t[4]);
    }
  };
  walk(Mustache.parse(template) as unknown as Token[]);
  return found;
}
