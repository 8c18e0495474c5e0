import { CheckOutlined, DeleteOutlined, EyeOutlined, SaveOutlined, StarFilled, StarOutlined, UndoOutlined } from '@ant-design/icons';
import type { SavedViewDto, SavedViewState } from '@unyo/contracts';
import type { MenuProps } from 'antd';
import { App, Button, Dropdown } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useSavedViewMutation } from '../../lib/views.api.ts';
import { problemText } from '../problem-alert.tsx';
import { SaveViewModal } from './save-view-modal.tsx';
import { sameViewState } from './view-state.ts';

type SavedViewsMenuProps = {
  ledger: string;
  views: SavedViewDto[];
  /** What the list shows now. */
  current: SavedViewState;
  /** The view last applied, if any; the list's state may have moved on since. */
  activeId: string | null;
  onApply: (view: SavedViewDto | null) => void;
  onActiveChange: (id: string | null) => void;
};

/** Saved views of a list: apply, save as, overwrite, make default, delete; "standard" resets. */
export function SavedViewsMenu({ ledger, views, current, activeId, onApply, onActiveChange }: SavedViewsMenuProps) {
  const { t } = useTranslation();
  const { message, modal } = App.useApp();
  const mutation = useSavedViewMutation(ledger);
  const [saving, setSaving] = useState(false);

  // After a reload nothing is "active"; a view whose state the list shows is.
  const active = views.find((v) => v.id === activeId) ?? views.find((v) => sameViewState(v.state, current)) ?? null;
  const modified = !!active && !sameViewState(active.state, current);
  const fail = (err: unknown) => message.error(problemText(err, t('common.unexpectedError')));

  const update = (view: SavedViewDto, input: { state?: SavedViewState; isDefault?: boolean }, done: string) =>
    mutation.mutate({ kind: 'update', id: view.id, input }, { onSuccess: () => message.success(done), onError: fail });

  const remove = (view: SavedViewDto) =>
    modal.confirm({
      title: t('views.confirmDelete', { name: view.name }),
      okText: t('common.delete'),
      okButtonProps: { danger: true, 'data-testid': 'views-delete-ok' },
      cancelText: t('common.cancel'),
      onOk: () =>
        mutation.mutateAsync({ kind: 'delete', id: view.id }).then(() => {
          onActiveChange(null);
          message.success(t('common.deleted'));
        }, fail),
    });

  const items: MenuProps['items'] = [
    {
      key: 'standard',
      icon: <UndoOutlined />,
      label: <span data-testid="views-standard">{t('views.standard')}</span>,
      onClick: () => onApply(null),
    },
    {
      type: 'group',
      key: 'saved',
      label: t('views.saved'),
      children: views.length
        ? views.map((v) => ({
            key: v.id,
            icon: v.id === active?.id ? <CheckOutlined /> : <EyeOutlined />,
            extra: v.isDefault ? <StarFilled style={{ color: '#d4a017' }} aria-label={t('views.default')} /> : undefined,
            label: <span data-testid={`views-item-${v.name}`}>{v.name}</span>,
            onClick: () => onApply(v),
          }))
        : [{ key: 'none', disabled: true, label: t('views.none') }],
    },
    { type: 'divider' },
    {
      key: 'save-as',
      icon: <SaveOutlined />,
      label: <span data-testid="views-save-as">{t('views.saveAs')}</span>,
      onClick: () => setSaving(true),
    },
    {
      key: 'overwrite',
      icon: <SaveOutlined />,
      disabled: !active || !modified,
      label: <span data-testid="views-overwrite">{active ? t('views.overwrite', { name: active.name }) : t('views.overwriteNone')}</span>,
      onClick: () => active && update(active, { state: current }, t('common.saved')),
    },
    {
      key: 'default',
      icon: active?.isDefault ? <StarOutlined /> : <StarFilled />,
      disabled: !active,
      label: <span data-testid="views-default">{active?.isDefault ? t('views.unsetDefault') : t('views.setDefault')}</span>,
      onClick: () => active && update(active, { isDefault: !active.isDefault }, t('common.saved')),
    },
    {
      key: 'delete',
      icon: <DeleteOutlined />,
      danger: true,
      disabled: !active,
      label: <span data-testid="views-delete">{t('views.delete')}</span>,
      onClick: () => active && remove(active),
    },
  ];

  return (
    <>
      <Dropdown menu={{ items }} trigger={['click']} placement="bottomRight">
        <Button icon={<EyeOutlined />} data-testid="views-menu" loading={mutation.isPending}>
          <span style={{ maxWidth: 220, overflow: 'hidden', textOverflow: 'ellipsis', whiteSpace: 'nowrap' }}>
            {active ? `${t('views.title')}: ${active.name}${modified ? ` ${t('views.modified')}` : ''}` : t('views.title')}
          </span>
        </Button>
      </Dropdown>
      {saving && (
        <SaveViewModal
          ledger={ledger}
          state={current}
          onClose={() => setSaving(false)}
          onSaved={(view) => {
            setSaving(false);
            onActiveChange(view.id);
            message.success(t('common.saved'));
          }}
        />
      )}
    </>
  );
}
