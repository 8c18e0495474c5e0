import { compactDetails, detailSchemaFor, softwareTypes, type TicketCategoryDto } from '@unyo/contracts';
import { Col, Form, Input, Row, Select } from 'antd';
import type { TFunction } from 'i18next';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { useLocale } from '../../app/i18n.ts';
import { StatusTag } from '../../components/status-tag.tsx';
import { choiceOptions } from '../../lib/format.ts';

/**
 * Category-specific fields (`details`, contracts ticket-details.ts) in the ticket forms. The fields come from the
 * category's schema, so a sub-category an administrator adds later asks for its parent's fields; the form keeps them
 * flat (`detail_<key>`) so server errors on `details.<key>` land on the right input.
 */

/** The code of a category id in the tree (top level or child). */
export function categoryCodeOf(tree: readonly TicketCategoryDto[] | undefined, id: string | null | undefined): string | null {
  if (!id) return null;
  for (const top of tree ?? []) {
    if (top.id === id) return top.code;
    const child = top.children.find((c) => c.id === id);
    if (child) return child.code;
  }
  return null;
}

/** The detail keys a category asks for (none when its code has no schema). */
export function detailKeysFor(code: string | null): string[] {
  const schema = detailSchemaFor(code) as unknown as { shape?: Record<string, unknown> } | null;
  return schema?.shape ? Object.keys(schema.shape) : [];
}

export const detailFieldName = (key: string) => `detail_${key}`;

/** Server path → form field, for ProblemAlert / validation aliases. */
export function detailAliases(keys: readonly string[]): Record<string, string> {
  const out: Record<string, string> = Object.fromEntries(keys.map((k) => [`details.${k}`, detailFieldName(k)]));
  if (keys[0]) out.details = detailFieldName(keys[0]);
  return out;
}

/** The form values of a details object. */
export function detailFormValues(details: Record<string, unknown>, keys: readonly string[]): Record<string, unknown> {
  return Object.fromEntries(keys.map((k) => [detailFieldName(k), details[k] ?? null]));
}

/** The details object of the form values (empty inputs left out, as the server stores them). */
export function detailsFromForm(values: Record<string, unknown>, keys: readonly string[]): Record<string, unknown> {
  const raw = Object.fromEntries(
    keys.map((k) => [k, typeof values[detailFieldName(k)] === 'string' ? (values[detailFieldName(k)] as string).trim() : values[detailFieldName(k)]]),
  );
  return compactDetails(raw);
}

function labelOf(key: string, t: TFunction): string {
  const labels: Record<string, string> = {
    sourceFormat: t('ticket.detailSourceFormat'),
    targetFormat: t('ticket.detailTargetFormat'),
    softwareType: t('ticket.detailSoftwareType'),
    softwareName: t('ticket.detailSoftwareName'),
  };
  return labels[key] ?? key;
}

/** Inputs of the chosen category's details, two per row. */
export function TicketDetailInputs({ keys }: { keys: readonly string[] }) {
  const { t } = useTranslation();
  const locale = useLocale();
  const form = Form.useFormInstance();
  const softwareType = Form.useWatch(detailFieldName('softwareType'), form);
  if (keys.length === 0) return null;
  const input = (key: string): ReactNode => {
    if (key === 'softwareType') return <Select allowClear options={choiceOptions(softwareTypes.items, locale)} data-testid="ticket-detail-softwareType" />;
    const placeholder = key === 'sourceFormat' ? t('ticket.detailFormatPlaceholder') : key === 'targetFormat' ? t('ticket.detailTargetPlaceholder') : undefined;
    return <Input maxLength={key.endsWith('Format') ? 50 : 200} placeholder={placeholder} data-testid={`ticket-detail-${key}`} />;
  };
  return (
    <Row gutter={12} data-testid="ticket-details-inputs">
      {keys.map((key) => (
        <Col xs={24} md={12} key={key}>
          <Form.Item
            name={detailFieldName(key)}
            label={labelOf(key, t)}
            extra={key === 'softwareType' && softwareType === 'other' ? t('ticket.detailSoftwareOtherHint') : undefined}
          >
            {input(key)}
          </Form.Item>
        </Col>
      ))}
    </Row>
  );
}

/** Label/value pairs of a ticket's details, for the fields panel. */
export function detailEntries(details: Record<string, unknown>, t: TFunction): { key: string; label: string; value: ReactNode }[] {
  return Object.entries(details)
    .filter(([, v]) => v !== null && v !== undefined && v !== '')
    .map(([key, v]) => ({
      key,
      label: labelOf(key, t),
      value: key === 'softwareType' ? <StatusTag items={softwareTypes.items} value={String(v)} /> : typeof v === 'string' ? v : JSON.stringify(v),
    }));
}
