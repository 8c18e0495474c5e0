import type { Locale, Problem } from '@unyo/contracts';
import { isMessageKey, translate } from '@unyo/contracts';
import type { FormInstance, FormItemProps } from 'antd';
import dayjs from 'dayjs';
import type { TFunction } from 'i18next';
import { useTranslation } from 'react-i18next';
import type { z } from 'zod';
import { useLocale } from '../app/i18n.ts';

type Issue = z.core.$ZodIssue;

function isEmpty(v: unknown): boolean {
  return v === undefined || v === null || v === '' || (Array.isArray(v) && v.length === 0);
}

/**
 * Form values as the API expects them: empty inputs become null (so optional columns are cleared),
 * dayjs values become YYYY-MM-DD. Strings are trimmed by the shared schemas, not here.
 */
export function cleanFormValue(v: unknown): unknown {
  if (v === '') return null;
  if (dayjs.isDayjs(v)) return v.format('YYYY-MM-DD');
  return v;
}

/**
 * Cleans every value; an empty one (cleared input or select) is sent as null where the schema
 * accepts null (so the server clears the column) and left out where it only accepts "absent".
 */
export function cleanFormValues(values: Record<string, unknown>, schema: { shape: Record<string, z.ZodType> }): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(values)) {
    const cleaned = cleanFormValue(v);
    if (cleaned !== undefined && cleaned !== null) out[k] = cleaned;
    else if (schema.shape[k]?.safeParse(null).success) out[k] = null;
  }
  return out;
}

/** One localized message for a Zod issue: contract message keys first, then generic texts. */
export function issueMessage(issue: Issue, value: unknown, t: TFunction, locale: Locale): string {
  if (isMessageKey(issue.message)) return translate(issue.message, locale);
  if (isEmpty(value) && (issue.code === 'invalid_type' || issue.code === 'too_small')) return t('validation.required');
  switch (issue.code) {
    case 'too_small':
      if (issue.origin === 'array') return t('validation.minItems', { min: Number(issue.minimum) });
      if (issue.origin === 'string') return t('validation.minLength', { min: Number(issue.minimum) });
      return t('validation.invalid');
    case 'too_big':
      if (issue.origin === 'string') return t('validation.maxLength', { max: Number(issue.maximum) });
      return t('validation.invalid');
    case 'invalid_format':
      if (issue.format === 'email') return t('validation.email');
      if (issue.format === 'date' || issue.format === 'datetime') return t('validation.date');
      return t('validation.invalid');
    default:
      return t('validation.invalid');
  }
}

/** True when the schema rejects an empty value, i.e. the form should mark the field as required. */
export function isRequiredBy(schema: z.ZodType): boolean {
  return !schema.safeParse(undefined).success && !schema.safeParse(null).success;
}

/**
 * Props for a Form.Item whose value is checked by one field of a contracts schema, so the client
 * rejects exactly what the server would (the server stays the authority).
 */
export function useSchemaField() {
  const { t } = useTranslation();
  const locale = useLocale();
  return (schema: z.ZodType, opts: { required?: boolean } = {}): Pick<FormItemProps, 'rules' | 'required'> => {
    const required = opts.required ?? isRequiredBy(schema);
    return {
      required,
      rules: [
        {
          validator: async (_rule, value: unknown) => {
            const cleaned = cleanFormValue(value);
            if (required && isEmpty(cleaned)) throw new Error(t('validation.required'));
            const r = schema.safeParse(cleaned ?? undefined);
            if (r.success) return;
            // An optional field left empty is fine even when the schema only accepts undefined.
            if (isEmpty(cleaned) && schema.safeParse(undefined).success) return;
            throw new Error(issueMessage(r.error.issues[0], cleaned, t, locale));
          },
        },
      ],
    };
  };
}

export type FieldErrors = { name: (string | number)[]; errors: string[] }[];

/** Validates the whole input (cross-field rules included) and returns parsed data or per-field errors. */
export function useSchemaParse() {
  const { t } = useTranslation();
  const locale = useLocale();
  return <S extends z.ZodType>(schema: S, input: Record<string, unknown>): { ok: true; data: z.output<S> } | { ok: false; fields: FieldErrors } => {
    const r = schema.safeParse(input);
    if (r.success) return { ok: true, data: r.data };
    const fields: FieldErrors = r.error.issues.map((issue) => {
      const value = issue.path.reduce<unknown>((acc, key) => (acc && typeof acc === 'object' ? (acc as Record<PropertyKey, unknown>)[key] : undefined), input);
      return {
        name: issue.path.map((p) => (typeof p === 'number' ? p : String(p))),
        errors: [issueMessage(issue, value, t, locale)],
      };
    });
    return { ok: false, fields };
  };
}

/** Maps a server field path (`siteScope.siteIds`, `roles.0`) to a form field name, if the form has it. */
function formNameOf(path: string, known: ReadonlySet<string>, aliases: Record<string, string>): string | null {
  const clean = path.replace(/^body\./, '');
  if (aliases[clean]) return aliases[clean];
  if (known.has(clean)) return clean;
  const head = clean.split('.')[0];
  if (aliases[head]) return aliases[head];
  return known.has(head) ? head : null;
}

/**
 * Puts a problem's field errors onto the form; returns the errors that match no field,
 * so the caller can show them in the alert instead.
 */
export function applyProblemToForm(
  form: FormInstance,
  problem: Problem,
  knownFields: readonly string[],
  aliases: Record<string, string> = {},
): { path: string; message: string }[] {
  const known = new Set(knownFields);
  const byField = new Map<string, string[]>();
  const rest: { path: string; message: string }[] = [];
  for (const e of problem.errors ?? []) {
    const name = formNameOf(e.path, known, aliases);
    if (name) byField.set(name, [...(byField.get(name) ?? []), e.message]);
    else rest.push(e);
  }
  if (byField.size > 0) form.setFields([...byField].map(([name, errors]) => ({ name, errors })));
  return rest;
}
