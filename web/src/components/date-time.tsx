import { useEffect, useState } from 'preact/hooks';
import { formatDate, parseDate, parseTime } from '../lib/format.js';

type InputAttrs = { id: string; 'aria-describedby'?: string; 'aria-invalid'?: 'true'; required?: boolean };

/**
 * A date typed as people in Kosovo write it (05.12.2026), whatever the browser's locale (a native
 * date input shows 12/05/2026 on an English system). `value` and `onChange` are ISO
 * (2026-12-05), or '' while what is typed is not a date yet.
 */
export function DateInput(props: InputAttrs & { value: string; onChange: (iso: string) => void }) {
  const { value, onChange, ...attrs } = props;
  const [text, setText] = useState(formatDate(value));
  useEffect(() => {
    if (parseDate(text) !== value) setText(value ? formatDate(value) : text);
  }, [value]);
  return (
    <input
      {...attrs}
      type="text"
      inputMode="numeric"
      autoComplete="off"
      class="short-date"
      value={text}
      onInput={(e) => {
        const t = (e.currentTarget as HTMLInputElement).value;
        setText(t);
        onChange(parseDate(t) ?? '');
      }}
      onBlur={() => {
        const iso = parseDate(text);
        if (iso) setText(formatDate(iso));
      }}
    />
  );
}

/** A time on the 24-hour clock (14:30), whatever the browser's locale. `value`: "14:30", or '' while it is not a time. */
export function TimeInput(props: InputAttrs & { value: string; onChange: (hhmm: string) => void }) {
  const { value, onChange, ...attrs } = props;
  const [text, setText] = useState(value);
  return (
    <input
      {...attrs}
      type="text"
      inputMode="numeric"
      autoComplete="off"
      class="short"
      value={text}
      onInput={(e) => {
        const t = (e.currentTarget as HTMLInputElement).value;
        setText(t);
        onChange(parseTime(t) ?? '');
      }}
      onBlur={() => {
        const hhmm = parseTime(text);
        if (hhmm) setText(hhmm);
      }}
    />
  );
}
