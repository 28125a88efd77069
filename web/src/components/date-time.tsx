import { useEffect, useState } from 'preact/hooks';
import { formatDate, parseDate, parseTime } from '../lib/format.js';

type InputAttrs = { id: string; 'aria-describedby'?: string; 'aria-invalid'?: 'true'; required?: boolean };

/**
 * A text field for a value the console keeps in one form and people type in another: `value` and
 * `onChange` carry the kept form, or '' while what is typed does not parse yet; a value set from
 * outside (a form reset, a loaded appointment) replaces the text unless the text already says it.
 */
function TypedInput(
  props: InputAttrs & { value: string; onChange: (kept: string) => void; parse: (typed: string) => string | undefined; format: (kept: string) => string; class: string },
) {
  const { value, onChange, parse, format, ...attrs } = props;
  const [text, setText] = useState(value ? format(value) : '');
  useEffect(() => {
    if (parse(text) !== value) setText(value ? format(value) : text);
  }, [value]);
  return (
    <input
      {...attrs}
      type="text"
      inputMode="numeric"
      autoComplete="off"
      value={text}
      onInput={(e) => {
        const t = (e.currentTarget as HTMLInputElement).value;
        setText(t);
        onChange(parse(t) ?? '');
      }}
      onBlur={() => {
        const kept = parse(text);
        if (kept) setText(format(kept));
      }}
    />
  );
}

/**
 * A date typed as people in Kosovo write it (05.12.2026), whatever the browser's locale (a native
 * date input shows 12/05/2026 on an English system). `value` and `onChange` are ISO (2026-12-05).
 */
export function DateInput(props: InputAttrs & { value: string; onChange: (iso: string) => void }) {
  return <TypedInput {...props} parse={parseDate} format={formatDate} class="short-date" />;
}

/** A time on the 24-hour clock (14:30), whatever the browser's locale. `value`: "14:30". */
export function TimeInput(props: InputAttrs & { value: string; onChange: (hhmm: string) => void }) {
  return <TypedInput {...props} parse={parseTime} format={(hhmm) => hhmm} class="short" />;
}
