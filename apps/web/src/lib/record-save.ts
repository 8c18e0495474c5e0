import type { UseMutationResult } from '@tanstack/react-query';
import { App } from 'antd';
import { useTranslation } from 'react-i18next';
import type { z } from 'zod';
import { cleanFormValues } from './form.ts';
import type { useRecordEditor } from './record-editor.ts';

type Editor = ReturnType<typeof useRecordEditor<{ id: string; version: number }, unknown>>;
type ObjectSchema = z.ZodType & { shape: Record<string, z.ZodType> };
/** A module's mutation hook: runs the call and refreshes that module's queries (useAssetMutation, useOrgMutation …). */
type ModuleMutation = <TVars, TData>(fn: (vars: TVars) => Promise<TData>) => UseMutationResult<TData, Error, TVars>;

/**
 * The save half of a create/edit drawer: form values → API input, validated with the contracts schema of the mode
 * (create or update) with errors on their fields, sent with If-Match on update, then a toast and close.
 */
export function useRecordSave<C, U, R>(
  editor: Editor,
  useModuleMutation: ModuleMutation,
  opts: {
    createSchema: ObjectSchema;
    updateSchema: ObjectSchema;
    create: (input: C) => Promise<R>;
    update: (id: string, version: number, input: U) => Promise<R>;
    /** Form values → API input before cleaning (date pickers, nested fields); null stops (the form shows why). */
    toInput?: (values: Record<string, unknown>) => Record<string, unknown> | null;
    /** Schema paths → form field names, where they differ. */
    aliases?: Record<string, string>;
    onClose: () => void;
    onSaved?: (saved: R) => void;
  },
) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const save = useModuleMutation((input: Record<string, unknown>) => {
    const r = editor.record;
    return r ? opts.update(r.id, r.version, input as U) : opts.create(input as C);
  });
  const onFinish = (values: object) => {
    const schema = editor.isEdit ? opts.updateSchema : opts.createSchema;
    const raw = opts.toInput ? opts.toInput(values as Record<string, unknown>) : (values as Record<string, unknown>);
    if (!raw) return;
    const data = editor.validate(schema, cleanFormValues(raw, schema), opts.aliases);
    if (!data) return;
    save.mutate(data as Record<string, unknown>, {
      onSuccess: (saved) => {
        message.success(editor.isEdit ? t('common.saved') : t('common.created'));
        opts.onClose();
        opts.onSaved?.(saved);
      },
    });
  };
  return { save, onFinish };
}
