import { UploadOutlined } from '@ant-design/icons';
import type { Permission } from '@unyo/contracts';
import { Button } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useCan } from '../../lib/can.ts';
import { ImportWizard, type ImportWizardProps } from './import-wizard.tsx';

type ImportButtonProps = Omit<ImportWizardProps, 'onClose'> & { permission: Permission };

/** "一括取込" on a list page, shown to users with the ledger's import permission. */
export function ImportButton({ permission, ...wizard }: ImportButtonProps) {
  const { t } = useTranslation();
  const allowed = useCan(permission);
  const [open, setOpen] = useState(false);
  if (!allowed) return null;
  return (
    <>
      <Button icon={<UploadOutlined />} onClick={() => setOpen(true)} data-testid="import-open">
        {t('import.open')}
      </Button>
      {open && <ImportWizard {...wizard} onClose={() => setOpen(false)} />}
    </>
  );
}
