import type { FormInstance } from 'antd';
import { App } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { z } from 'zod';
import { problemText } from '../components/problem-alert.tsx';
import { useSchemaParse } from './form.ts';

type Versioned = { id: string; version: number };

type RecordEditorOptions<T extends Versioned, V> = {
  form: FormInstance<V>;
  /** The record being edited; undefined when creating. */
  initial: T | undefined;
  /** Fetches the current state of the record (after a 412). */
  load: (id: string) => Promise<T>;
  toValues: (record: T) => V;
};

/**
 * State shared by the create/edit drawers: the record version sent as If-Match, and reloading
 * the record into the form when the server answers 412 (someone else saved first).
 */
export function useRecordEditor<T extends Versioned, V>({ form, initial, load, toValues }: RecordEditorOptions<T, V>) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [record, setRecord] = useState<T | undefined>(initial);
  const [reloading, setReloading] = useState(false);
  const parse = useSchemaParse();

  const reload = async (onReloaded?: () => void) => {
    if (!record) return;
    setReloading(true);
    try {
      const fresh = await load(record.id);
      setRecord(fresh);
      form.resetFields();
      form.setFieldsValue(toValues(fresh) as Parameters<typeof form.setFieldsValue>[0]);
      onReloaded?.();
    } catch (err) {
      message.error(problemText(err, t('common.unexpectedError')));
    } finally {
      setReloading(false);
    }
  };

  /** Parses cleaned form values with a contracts schema; on failure marks the fields and returns null. */
  const validate = <S extends z.ZodType>(schema: S, input: Record<string, unknown>, aliases: Record<string, string> = {}): z.output<S> | null => {
    const r = parse(schema, input);
    if (r.ok) return r.data;
    const fields = r.fields.map((f) => {
      const path = f.name.join('.');
      const alias = aliases[path] ?? aliases[String(f.name[0])];
      return alias ? { ...f, name: [alias] } : f;
    });
    form.setFields(fields as Parameters<typeof form.setFields>[0]);
    return null;
  };

  return { record, isEdit: !!record, reload, reloading, validate };
}
