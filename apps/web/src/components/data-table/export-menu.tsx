import { DownloadOutlined } from '@ant-design/icons';
import type { Permission } from '@unyo/contracts';
import type { MenuProps } from 'antd';
import { Button, Dropdown } from 'antd';
import { useTranslation } from 'react-i18next';
import { useLocale } from '../../app/i18n.ts';
import { apiUrl, type QueryParams } from '../../lib/api.ts';
import { useCan } from '../../lib/can.ts';

export type ExportTarget = {
  /** The ledger's export endpoint, e.g. '/people/export'. */
  path: string;
  /** The list's current filters; the file holds the same rows as the list. */
  query: QueryParams;
  permission: Permission;
};

const formats = [
  { key: 'csv-utf8', testId: 'export-csv', label: 'table.exportCsvUtf8', query: { format: 'csv', encoding: 'utf8bom' } },
  { key: 'csv-sjis', testId: 'export-csv-sjis', label: 'table.exportCsvSjis', query: { format: 'csv', encoding: 'cp932' } },
  { key: 'xlsx', testId: 'export-xlsx', label: 'table.exportXlsx', query: { format: 'xlsx' } },
] as const;

/**
 * Download of the current list as CSV or Excel. Plain links: the browser downloads the file itself
 * with the session cookie, so large exports stream straight to disk.
 */
export function ExportMenu({ target }: { target: ExportTarget }) {
  const { t } = useTranslation();
  const locale = useLocale();
  const allowed = useCan(target.permission);
  if (!allowed) return null;

  const items: MenuProps['items'] = formats.map((f) => ({
    key: f.key,
    label: (
      <a href={apiUrl(target.path, { ...target.query, ...f.query, lang: locale })} download data-testid={f.testId}>
        {t(f.label)}
      </a>
    ),
  }));

  return (
    <Dropdown menu={{ items }} trigger={['click']} placement="bottomRight">
      <Button icon={<DownloadOutlined />} data-testid="export-menu">
        {t('table.export')}
      </Button>
    </Dropdown>
  );
}
