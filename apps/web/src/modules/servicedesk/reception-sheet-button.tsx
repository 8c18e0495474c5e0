import { FileExcelOutlined } from '@ant-design/icons';
import { Button, DatePicker, Flex, Popover } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { apiUrl } from '../../lib/api.ts';

/** The month's reception sheet (ヘルプデスク受付シート, 5.1.a) as XLSX, for the list's site filter. */
export function ReceptionSheetButton({ siteId }: { siteId?: string }) {
  const { t } = useTranslation();
  const [month, setMonth] = useState<Dayjs>(dayjs().startOf('month'));
  const href = apiUrl('/tickets/reception-sheet.xlsx', { month: month.format('YYYY-MM'), siteId });
  return (
    <Popover
      trigger="click"
      title={t('ticket.monthlySheet')}
      content={
        <Flex gap={8} align="center">
          <DatePicker picker="month" allowClear={false} value={month} onChange={(d) => d && setMonth(d)} aria-label={t('ticket.month')} />
          <Button type="primary" href={href} icon={<FileExcelOutlined />} data-testid="ticket-monthly-sheet-download">
            {t('ticket.download')}
          </Button>
        </Flex>
      }
    >
      <Button icon={<FileExcelOutlined />} data-testid="ticket-monthly-sheet">
        {t('ticket.monthlySheet')}
      </Button>
    </Popover>
  );
}
