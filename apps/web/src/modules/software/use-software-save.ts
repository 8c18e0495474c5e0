import { App } from 'antd';
import { useTranslation } from 'react-i18next';
import type { z } from 'zod';
import { cleanFormValues } from '../../lib/form.ts';
import type { useRecordEditor } from '../../lib/record-editor.ts';
import { useSoftwareMutation } from './software.api.ts';

type Editor = ReturnType<typeof useRecordEditor<{ id: string; version: number }, unknown>>;
type ObjectSchema = z.ZodType & { shape: Record<string, z.ZodType> };

/**
 * The save half of a software create/edit drawer: validate with the contracts schema of the mode
 * (create or update), send with If-Match on update, toast, close.
 */
export function useSoftwareSave<C, U, R>(
  editor: Editor,
  opts: {
    createSchema: ObjectSchema;
    updateSchema: ObjectSchema;
    create: (input: C) => Promise<R>;
    update: (id: string, version: number, input: U) => Promise<R>;
    /** Form values → API input before cleaning (date pickers and nested fields). */
    toInput?: (values: Record<string, unknown>) => Record<string, unknown>;
    onClose: () => void;
    onSaved?: (saved: R) => void;
  },
) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const save = useSoftwareMutation((input: Record<string, unknown>) => {
    const r = editor.record;
    return r ? opts.update(r.id, r.version, input as U) : opts.create(input as C);
  });
  const onFinish = (values: object) => {
    const schema = editor.isEdit ? opts.updateSchema : opts.createSchema;
    const raw = values as Record<string, unknown>;
    const data = editor.validate(schema, cleanFormValues(opts.toInput ? opts.toInput(raw) : raw, schema));
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
