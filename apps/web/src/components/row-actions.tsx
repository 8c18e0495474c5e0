import { DeleteOutlined, EditOutlined } from '@ant-design/icons';
import { Button, Popconfirm, Space } from 'antd';
import { useTranslation } from 'react-i18next';

type RowActionsProps = {
  /** The record's display name, quoted in the delete confirmation. */
  name: string;
  canEdit: boolean;
  canDelete: boolean;
  onEdit: () => void;
  onDelete: () => Promise<unknown>;
};

/** Edit / delete buttons of a list row; each is shown only when the server granted the ability. */
export function RowActions({ name, canEdit, canDelete, onEdit, onDelete }: RowActionsProps) {
  const { t } = useTranslation();
  if (!canEdit && !canDelete) return null;
  return (
    <Space size={4}>
      {canEdit && (
        <Button size="small" type="link" icon={<EditOutlined />} onClick={onEdit} aria-label={`${t('common.edit')} ${name}`}>
          {t('common.edit')}
        </Button>
      )}
      {canDelete && (
        <Popconfirm
          title={t('common.confirmDelete', { name })}
          description={t('common.confirmDeleteHint')}
          okText={t('common.delete')}
          cancelText={t('common.cancel')}
          okButtonProps={{ danger: true }}
          onConfirm={() => onDelete().catch(() => undefined)}
        >
          <Button size="small" type="link" danger icon={<DeleteOutlined />} aria-label={`${t('common.delete')} ${name}`}>
            {t('common.delete')}
          </Button>
        </Popconfirm>
      )}
    </Space>
  );
}
