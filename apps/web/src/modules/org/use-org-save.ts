import { App } from 'antd';
import { useTranslation } from 'react-i18next';
import type { z } from 'zod';
import { cleanFormValues } from '../../lib/form.ts';
import type { useRecordEditor } from '../../lib/record-editor.ts';
import { useOrgMutation } from './org.api.ts';

type Editor = ReturnType<typeof useRecordEditor<{ id: string; version: number }, unknown>>;
type ObjectSchema = z.ZodType & { shape: Record<string, z.ZodType> };

/**
 * The save half of an org create/edit drawer: validate with the contracts schema of the mode
 * (create or update), send with If-Match on update, toast, close.
 */
export function useOrgSave<C, U>(
  editor: Editor,
  opts: {
    createSchema: ObjectSchema;
    updateSchema: ObjectSchema;
    create: (input: C) => Promise<unknown>;
    update: (id: string, version: number, input: U) => Promise<unknown>;
    onClose: () => void;
  },
) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const save = useOrgMutation((input: Record<string, unknown>) => {
    const r = editor.record;
    return r ? opts.update(r.id, r.version, input as U) : opts.create(input as C);
  });
  const onFinish = (values: object) => {
    const schema = editor.isEdit ? opts.updateSchema : opts.createSchema;
    const data = editor.validate(schema, cleanFormValues(values as Record<string, unknown>, schema));
    if (!data) return;
    save.mutate(data as Record<string, unknown>, {
      onSuccess: () => {
        message.success(editor.isEdit ? t('common.saved') : t('common.created'));
        opts.onClose();
      },
    });
  };
  return { save, onFinish };
}
