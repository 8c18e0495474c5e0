import { Button, Drawer, Space } from 'antd';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';

type FormDrawerProps = {
  open: boolean;
  title: string;
  onClose: () => void;
  /** Called by the submit button; usually `form.submit`. */
  onSubmit: () => void;
  submitting: boolean;
  children: ReactNode;
  width?: number;
};

/** The create/edit drawer every list page uses; the submit button is `data-testid="form-submit"`. */
export function FormDrawer({ open, title, onClose, onSubmit, submitting, children, width = 560 }: FormDrawerProps) {
  const { t } = useTranslation();
  return (
    <Drawer
      open={open}
      title={title}
      size={width}
      onClose={onClose}
      destroyOnHidden
      mask={{ closable: false }}
      footer={
        <Space style={{ display: 'flex', justifyContent: 'flex-end' }}>
          <Button onClick={onClose}>{t('common.cancel')}</Button>
          <Button type="primary" data-testid="form-submit" loading={submitting} onClick={onSubmit}>
            {t('common.save')}
          </Button>
        </Space>
      }
    >
      {children}
    </Drawer>
  );
}
