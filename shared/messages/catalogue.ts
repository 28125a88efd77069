import Mustache from 'mustache';
import type { Language } from '../domain/vocabulary.js';
import type { TemplateId } from '../domain/template-ids.js';
import type { TemplateVariant } from './template-parts.js';
import { TEMPLATES } from './templates.generated.js';

/**
 * The message catalogue: one Mustache template per template id, language and part, written in
 * shared/messages/templates/ (see its README.md) and built into templates.generated.ts by
 * build-templates.ts, sr-Cyrl transliterated from sr-Latn.
 *
 * Rules every template follows (tests enforce them):
 * - every language variant of a template uses exactly the same placeholders, per part;
 * - only {{name}} tags and sections; never {{{x}}} or {{&x}} (HTML parts are always escaped,
 *   text parts are rendered with escaping switched off by the renderer);
 * - templates only reference view fields; labels, dates, plurals and lists are built in code
 *   (see render.ts), so a translator only ever sees sentences.
 */
export const CATALOGUE: Readonly<Record<TemplateId, Readonly<Record<Language, TemplateVariant>>>> = TEMPLATES;

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
