/** One template in one language: an email has all three parts, an SMS only `text`. */
export interface TemplateVariant {
  subject?: string;
  text: string;
  html?: string;
}

export const TEMPLATE_PARTS = ['subject', 'text', 'html'] as const;
export type TemplatePart = (typeof TEMPLATE_PARTS)[number];
