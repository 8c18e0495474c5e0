import { z } from 'zod';
import { OptionalText } from './common.ts';
import { softwareTypes } from './servicedesk.ts';

/**
 * Structured attributes of the task some categories stand for, kept on the ticket as `details` (jsonb). The map is
 * keyed by category code; a sub-category without its own entry uses its parent's (so `file-conversion.pdf`, added
 * later by an administrator, asks for the same formats). Every field is optional: operators fill them in as they
 * learn them. Unknown keys are rejected so a typo does not silently lose data.
 */

const Format = OptionalText(50);

/** 5.6.a: files brought in a format the standard software cannot open, converted at the staff member's request. */
export const FileConversionDetails = z.strictObject({
  sourceFormat: Format,
  targetFormat: Format,
});
export type FileConversionDetails = z.infer<typeof FileConversionDetails>;

/** 5.4.a: advice on introducing software — Organization-procured and freeware are supported, other is out of scope. */
export const SoftwareConsultDetails = z.strictObject({
  softwareType: softwareTypes.schema.nullable().optional(),
  softwareName: OptionalText(200),
});
export type SoftwareConsultDetails = z.infer<typeof SoftwareConsultDetails>;

export const ticketDetailSchemas = {
  'file-conversion': FileConversionDetails,
  'software.consult': SoftwareConsultDetails,
} as const satisfies Record<string, z.ZodType>;
export type TicketDetailsCategoryCode = keyof typeof ticketDetailSchemas;

/** The details schema of a category code (own entry, else the parent's), or null when the category has none. */
export function detailSchemaFor(code: string | null | undefined): z.ZodType<Record<string, unknown>> | null {
  if (!code) return null;
  const map = ticketDetailSchemas as Record<string, z.ZodType<Record<string, unknown>>>;
  if (map[code]) return map[code];
  const dot = code.lastIndexOf('.');
  return dot > 0 ? detailSchemaFor(code.slice(0, dot)) : null;
}

/** Fields of a details object with a value (nulls and empty strings are "not filled in" and are not stored). */
export function compactDetails(d: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(Object.entries(d).filter(([, v]) => v !== null && v !== undefined && v !== ''));
}

export type ReferralDepartment = { nameJa: string; nameEn: string; mail: string | null };

/**
 * 5.1.b: the text of a public reply that refers the requester to the department owning a business system. The web
 * offers it when an operator resolves with `referred`; the operator may edit it before sending.
 */
export function referralReplyText(language: 'ja' | 'en' | 'other', dept: ReferralDepartment, note?: string | null): string {
  if (language === 'ja') {
    const contact = dept.mail ? `（連絡先: ${dept.mail}）` : '';
    return [
      'お問い合わせの件は、ヘルプデスクのサポート対象外のシステムに関するものです。',
      `恐れ入りますが、所管部署の${dept.nameJa}${contact}へお問い合わせください。`,
      ...(note ? ['', note] : []),
    ].join('\n');
  }
  const contact = dept.mail ? ` (contact: ${dept.mail})` : '';
  return [
    'Your inquiry concerns a system that the service desk does not support.',
    `Please contact the department in charge, ${dept.nameEn}${contact}.`,
    ...(note ? ['', note] : []),
  ].join('\n');
}
