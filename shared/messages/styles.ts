/**
 * Inline styles for the HTML parts of the email templates: a single column, readable on a phone
 * (the 600px frame is in render.ts). Plain constants, so every template reads the same.
 */
export const WRAP = 'font-family:Arial,Helvetica,sans-serif;font-size:16px;line-height:1.5;color:#1b1b1b';
export const P = 'margin:0 0 12px';
export const ROW = 'margin:0 0 4px';
export const UL = 'margin:0 0 12px;padding-left:20px';
export const BOX = 'margin:16px 0;padding:12px 16px;background:#eef4fb;border-left:4px solid #1f5fa8';
export const LAST = 'margin:0';
export const MUTED = 'margin:16px 0 0;font-size:13px;color:#555555';
/** One call-to-action per line: a link styled as a button (inline styles only, no images, no tables). */
export const BUTTON_ROW = 'margin:0 0 8px';
export const BUTTON =
  'display:inline-block;padding:10px 18px;background:#1f5fa8;border:1px solid #1f5fa8;border-radius:4px;color:#ffffff;font-weight:bold;text-decoration:none';
export const BUTTON_ALT =
  'display:inline-block;padding:10px 18px;background:#ffffff;border:1px solid #1f5fa8;border-radius:4px;color:#1f5fa8;font-weight:bold;text-decoration:none';
export const SMALL = 'margin:4px 0 16px;font-size:13px;color:#555555';
/** A heading row or paragraph that opens a new block after a run of ROWs. */
export const HEAD_ROW = 'margin:16px 0 4px';
export const HEAD_P = 'margin:16px 0 12px';
