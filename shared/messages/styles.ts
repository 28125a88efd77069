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
/**
 * Tables of figures (digest, agenda, quarterly report): full width of the 600px frame and never
 * wider, a label on the left and its number on the right, so they read on a phone too.
 */
export const TABLE = 'width:100%;border-collapse:collapse;margin:0 0 12px';
export const TH = 'padding:12px 0 4px;text-align:left;font-weight:bold;border-bottom:2px solid #1f5fa8';
export const TD = 'padding:6px 8px 6px 0;border-bottom:1px solid #e3e3e3;vertical-align:top';
export const TD_NUM = 'padding:6px 0 6px 8px;border-bottom:1px solid #e3e3e3;text-align:right;white-space:nowrap;vertical-align:top';
/** Five small numeric columns (the digest's referrals per office): the name gets a row of its own above them. */
export const TH_COL =
  'width:20%;padding:4px 2px;font-size:13px;font-weight:normal;color:#555555;text-align:center;vertical-align:bottom;border-bottom:1px solid #cccccc';
export const TD_NAME = 'padding:8px 0 2px;font-weight:bold';
export const TD_COL = 'padding:2px 2px 8px;text-align:center;border-bottom:1px solid #e3e3e3';
/** An API path shown as is; long ones may break anywhere rather than widen the page. */
export const CODE = 'font-family:Consolas,Menlo,monospace;font-size:14px;word-break:break-all';
