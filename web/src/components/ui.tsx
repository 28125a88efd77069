import type { ButtonHTMLAttributes, ComponentChildren, Ref } from 'preact';
import { useContext, useLayoutEffect, useRef } from 'preact/hooks';
import { Ctx, useApp } from '../lib/context.js';
import { problemText, supportCode } from '../lib/refusals.js';
import { useArrivalFocus } from './page-focus.js';

/** The id of the input for an API field path: `household.0.givenName` → `f-household-0-givenName`. */
export const fieldId = (path: string): string => `f-${path.replace(/[^A-Za-z0-9_-]+/g, '-')}`;

interface FieldProps {
  /** The API's field path (also the input's id, through fieldId). */
  name: string;
  label: string;
  hint?: string | undefined;
  error?: string | undefined;
  required?: boolean;
  children: (a: { id: string; 'aria-describedby'?: string; 'aria-invalid'?: 'true'; required?: boolean }) => ComponentChildren;
}

/** A label, the input, a hint and the error, tied together for screen readers. */
export function Field({ name, label, hint, error, required, children }: FieldProps) {
  const id = fieldId(name);
  const described = [hint ? `${id}-hint` : '', error ? `${id}-error` : ''].filter(Boolean).join(' ');
  return (
    <div class={`field${error ? ' field-error' : ''}`}>
      <label for={id}>
        {label}
        {required ? <span aria-hidden="true"> *</span> : null}
      </label>
      {hint ? (
        <p class="hint" id={`${id}-hint`}>
          {hint}
        </p>
      ) : null}
      {error ? (
        <p class="error" id={`${id}-error`}>
          {error}
        </p>
      ) : null}
      {children({ id, ...(described ? { 'aria-describedby': described } : {}), ...(error ? { 'aria-invalid': 'true' as const } : {}), ...(required ? { required: true } : {}) })}
    </div>
  );
}

/** A labelled select of codes, each shown by `text` (a code's words in the user's language). */
export function Choice<V extends string>(props: {
  name: string;
  label: string;
  hint?: string | undefined;
  error?: string | undefined;
  required?: boolean;
  value: V;
  options: readonly V[];
  text: (v: V) => string;
  onChange: (v: V) => void;
}) {
  return (
    <Field name={props.name} label={props.label} hint={props.hint} error={props.error} required={props.required ?? false}>
      {(a) => (
        <select {...a} value={props.value} onChange={(e) => props.onChange((e.currentTarget as HTMLSelectElement).value as V)}>
          {props.options.map((o) => (
            <option key={o} value={o}>
              {props.text(o)}
            </option>
          ))}
        </select>
      )}
    </Field>
  );
}

/** A checkbox with its label after it. */
export function Check(props: { name: string; label: ComponentChildren; checked: boolean; onChange: (v: boolean) => void; disabled?: boolean; error?: string | undefined }) {
  const id = fieldId(props.name);
  return (
    <div class={`check${props.error ? ' field-error' : ''}`}>
      {props.error ? (
        <p class="error" id={`${id}-error`}>
          {props.error}
        </p>
      ) : null}
      <input
        type="checkbox"
        id={id}
        checked={props.checked}
        disabled={props.disabled}
        onChange={(e) => props.onChange((e.currentTarget as HTMLInputElement).checked)}
        {...(props.error ? { 'aria-invalid': 'true', 'aria-describedby': `${id}-error` } : {})}
      />
      <label for={id}>{props.label}</label>
    </div>
  );
}

/**
 * The problems of a form, listed at its top with links to each field; it takes the focus when it
 * appears, so a screen reader reads it and a keyboard user can jump to each field.
 */
export function ErrorSummary({ errors, title }: { errors: { field: string; message: string }[]; title: string }) {
  const ref = useRef<HTMLDivElement>(null);
  const { lang } = useApp();
  const shownIn = useRef(lang);
  // In the same render as the list appears (like a page's heading, page-focus.ts): a frame later it
  // could pull the focus from wherever someone went as the list was shown.
  useLayoutEffect(() => {
    // The same problems worded in another language are not news: the focus stays where the user
    // changed the language (moving it on a change of setting is what WCAG 3.2.2 forbids).
    const reworded = shownIn.current !== lang;
    shownIn.current = lang;
    if (errors.length && !reworded) ref.current?.focus();
  }, [errors]);
  if (!errors.length) return null;
  return (
    <div class="error-summary" role="alert" tabIndex={-1} ref={ref}>
      <h2>{title}</h2>
      <ul>
        {errors.map((e) => (
          <li key={e.field}>
            <a
              href={`#${fieldId(e.field)}`}
              onClick={(ev) => {
                ev.preventDefault();
                document.getElementById(fieldId(e.field))?.focus();
              }}
            >
              {e.message}
            </a>
          </li>
        ))}
      </ul>
    </div>
  );
}

/** A page's heading: the focus moves here when the page opens (page-focus.ts), so screen readers announce it. */
export function PageTitle({ children }: { children: ComponentChildren }) {
  const heading = useRef<HTMLHeadingElement>(null);
  useArrivalFocus(heading);
  return (
    <h1 tabIndex={-1} id="page-title" ref={heading}>
      {children}
    </h1>
  );
}

/** A polite announcement (saved, sent, …) for screen readers and the eye alike. */
/** `focusRef`: the notice may take the focus (a form's refusal does, as its summary would); `title`: supportCode's. */
export function Notice({ message, kind = 'ok', focusRef, title }: { message: string | undefined; kind?: 'ok' | 'error'; focusRef?: Ref<HTMLParagraphElement>; title?: string | undefined }) {
  return (
    <p ref={focusRef} tabIndex={focusRef ? -1 : undefined} title={title} class={`notice notice-${kind}${message ? '' : ' empty'}`} role={kind === 'error' ? 'alert' : 'status'}>
      {message ?? ''}
    </p>
  );
}

export function Badge({ tone, children }: { tone: 'ok' | 'wait' | 'bad' | 'off' | 'info'; children: ComponentChildren }) {
  return <span class={`badge badge-${tone}`}>{children}</span>;
}

/** What went wrong with a load or an action, in the user's language (problemText). */
export function useProblemText(): (e: unknown) => string {
  const { t } = useApp();
  return (e) => problemText(t, e);
}

export function LoadError({ error }: { error: unknown }) {
  const text = useProblemText();
  return error ? <Notice kind="error" message={text(error)} title={supportCode(error)} /> : null;
}

/** Works outside the signed-in console too (while GET /me is on its way). */
export function Loading() {
  const app = useContext(Ctx);
  return (
    <p class="loading" role="status">
      {app ? app.t('common.loading') : '…'}
    </p>
  );
}

/** A button that runs an async action once at a time (no double submit). */
export function ActionButton(props: ButtonHTMLAttributes<HTMLButtonElement> & { busy?: boolean }) {
  const { busy, disabled, children, ...rest } = props;
  return (
    <button type="button" {...rest} disabled={Boolean(disabled) || Boolean(busy)} aria-busy={busy ? 'true' : undefined}>
      {children}
    </button>
  );
}

/** Offers text as a file download (ICS, CSV) without a server round trip. */
export function download(filename: string, type: string, text: string): void {
  const url = URL.createObjectURL(new Blob([text], { type }));
  const a = document.createElement('a');
  a.href = url;
  a.download = filename;
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}
