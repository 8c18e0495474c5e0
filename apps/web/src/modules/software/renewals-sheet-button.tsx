import { FileExcelOutlined } from '@ant-design/icons';
import { Button, DatePicker, Flex, Popover } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { renewalsSheetUrl } from './software.api.ts';

/** 更新予定一覧: the licences whose renewal falls in the chosen month, as XLSX. */
export function RenewalsSheetButton() {
  const { t } = useTranslation();
  const [month, setMonth] = useState<Dayjs>(dayjs().startOf('month'));
  return (
    <Popover
      trigger="click"
      title={t('swLicense.renewalsSheet')}
      content={
        <Flex gap={8} align="center">
          <DatePicker picker="month" allowClear={false} value={month} onChange={(d) => d && setMonth(d)} aria-label={t('swLicense.renewalsMonth')} />
          <Button type="primary" href={renewalsSheetUrl(month.format('YYYY-MM'))} icon={<FileExcelOutlined />} data-testid="license-renewals-download">
            {t('swLicense.download')}
          </Button>
        </Flex>
      }
    >
      <Button icon={<FileExcelOutlined />} data-testid="license-renewals-sheet">
        {t('swLicense.renewalsSheet')}
      </Button>
    </Popover>
  );
}
