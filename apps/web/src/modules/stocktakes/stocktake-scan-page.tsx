import { CameraOutlined, EnvironmentOutlined } from '@ant-design/icons';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { type StocktakeCheckInput, type StocktakeItemDto, stocktakeResults } from '@unyo/contracts';
import { Alert, Button, Card, Flex, Form, Input, type InputRef, List, Progress, Select, Spin, Typography } from 'antd';
import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { useLocale } from '../../app/i18n.ts';
import { problemText } from '../../components/problem-alert.tsx';
import { StatusTag } from '../../components/status-tag.tsx';
import { canOn } from '../../lib/can.ts';
import { localName } from '../../lib/format.ts';
import { QrScanner } from './qr-scanner.tsx';
import { checkStocktakeItem, placeText, stocktakeKeys, useStocktake } from './stocktakes.api.ts';

type Place = Pick<StocktakeCheckInput, 'siteId' | 'building' | 'floor' | 'room' | 'rack'>;
type Line = { key: number; code: string; item?: StocktakeItemDto; error?: string };

/**
 * The phone-sized page used walking through the rooms: choose the place once, then type or scan
 * each label; every entry shows its result at once.
 */
export function StocktakeScanPage() {
  const { id = '' } = useParams();
  const { t } = useTranslation();
  const locale = useLocale();
  const qc = useQueryClient();
  const { data: st } = useStocktake(id);
  const [place, setPlace] = useState<Place | null>(null);
  // "Change place" starts from the previous place: usually only the room changes.
  const [lastPlace, setLastPlace] = useState<Place | null>(null);
  const [code, setCode] = useState('');
  const [camera, setCamera] = useState(false);
  const [lines, setLines] = useState<Line[]>([]);
  const input = useRef<InputRef>(null);
  const seq = useRef(0);

  useEffect(() => {
    if (place) input.current?.focus();
  }, [place]);

  const check = useMutation({
    mutationFn: (v: { code: string; method: 'scan' | 'typed' }) => checkStocktakeItem(id, { ...place!, code: v.code, method: v.method }),
    onSuccess: (r, v) => {
      setLines((ls) => [{ key: ++seq.current, code: v.code, item: r.item }, ...ls]);
      qc.setQueryData(stocktakeKeys.detail(id), (old: typeof st) => (old ? { ...old, progress: r.progress } : old));
      void qc.invalidateQueries({ queryKey: ['stocktakes', 'items', id] });
    },
    onError: (err, v) => setLines((ls) => [{ key: ++seq.current, code: v.code, error: problemText(err, t('common.unexpectedError')) }, ...ls]),
  });

  if (!st) return <Spin />;
  const submit = (value: string, method: 'scan' | 'typed') => {
    const c = value.trim();
    if (!c) return;
    // Hand-held QR readers type the label's URL into the field like a keyboard: that is a scan too.
    check.mutate({ code: c, method: method === 'typed' && /^https?:\/\//i.test(c) ? 'scan' : method });
    setCode('');
  };

  return (
    <div style={{ maxWidth: 480, margin: '0 auto' }} data-testid="scan-page">
      <Flex justify="space-between" align="center" style={{ marginBottom: 8 }}>
        <Typography.Title level={1} style={{ fontSize: 20, margin: 0 }}>
          {t('stocktake.scanTitle')}
        </Typography.Title>
        <Link to={`/stocktakes/${id}`}>{st.name}</Link>
      </Flex>
      <Progress percent={st.progress.percent} format={() => `${st.progress.checked}/${st.progress.expected}`} />
      {!canOn(st, 'check') && <Alert type="info" showIcon title={t('stocktake.closedNotice')} style={{ marginTop: 8 }} />}
      {canOn(st, 'check') && !place && (
        <Card size="small" title={t('stocktake.scanWhere')} style={{ marginTop: 12 }}>
          <Form<Place>
            layout="vertical"
            initialValues={lastPlace ?? { siteId: st.sites.length === 1 ? st.sites[0].site.id : undefined }}
            onFinish={(v) => {
              setPlace(v);
              setLastPlace(v);
            }}
          >
            <Form.Item name="siteId" label={t('stocktake.site')} rules={[{ required: true, message: t('validation.required') }]}>
              <Select
                size="large"
                data-testid="scan-site"
                options={st.sites.map((s) => ({ value: s.site.id, label: `${s.site.code} ${localName(s.site, locale)}` }))}
              />
            </Form.Item>
            <Flex gap={8}>
              <Form.Item name="building" label={t('stocktake.building')} style={{ flex: 1 }}>
                <Input size="large" data-testid="scan-building" />
              </Form.Item>
              <Form.Item name="floor" label={t('stocktake.floor')} style={{ width: 90 }}>
                <Input size="large" data-testid="scan-floor" />
              </Form.Item>
            </Flex>
            <Flex gap={8}>
              <Form.Item name="room" label={t('stocktake.room')} style={{ flex: 1 }}>
                <Input size="large" data-testid="scan-room" />
              </Form.Item>
              <Form.Item name="rack" label={t('stocktake.rack')} style={{ width: 90 }}>
                <Input size="large" data-testid="scan-rack" />
              </Form.Item>
            </Flex>
            <Button type="primary" size="large" block htmlType="submit" data-testid="scan-start">
              {t('stocktake.scanStart')}
            </Button>
          </Form>
        </Card>
      )}
      {canOn(st, 'check') && place && (
        <>
          <Flex justify="space-between" align="center" style={{ margin: '12px 0' }}>
            <Typography.Text strong data-testid="scan-place">
              <EnvironmentOutlined />{' '}
              {[
                localName(st.sites.find((s) => s.site.id === place.siteId)?.site, locale),
                placeText({ building: place.building ?? null, floor: place.floor ?? null, room: place.room ?? null, rack: place.rack ?? null }),
              ]
                .filter(Boolean)
                .join(' ／ ')}
            </Typography.Text>
            <Button
              size="small"
              data-testid="scan-change"
              onClick={() => {
                setCamera(false);
                setPlace(null);
              }}
            >
              {t('stocktake.scanChange')}
            </Button>
          </Flex>
          <Input
            ref={input}
            size="large"
            value={code}
            onChange={(e) => setCode(e.target.value)}
            onPressEnter={() => submit(code, 'typed')}
            placeholder={t('stocktake.scanCodeHint')}
            aria-label={t('stocktake.scanCode')}
            data-testid="scan-code"
            style={{ fontSize: 22, height: 56 }}
            autoComplete="off"
            autoCapitalize="characters"
            enterKeyHint="done"
          />
          <Button block size="large" icon={<CameraOutlined />} style={{ marginTop: 8 }} onClick={() => setCamera((c) => !c)}>
            {camera ? t('stocktake.scanCameraStop') : t('stocktake.scanCamera')}
          </Button>
          {camera && (
            <div style={{ marginTop: 8 }}>
              <QrScanner onCode={(c) => submit(c, 'scan')} />
            </div>
          )}
          <List<Line>
            style={{ marginTop: 12 }}
            header={t('stocktake.scanned')}
            locale={{ emptyText: t('stocktake.scanNone') }}
            dataSource={lines}
            data-testid="scan-results"
            renderItem={(l) => (
              <List.Item data-testid="scan-result" data-code={l.code} data-result={l.item?.result ?? 'error'}>
                <Flex vertical style={{ width: '100%' }}>
                  <Flex justify="space-between">
                    <Typography.Text strong>{l.item?.assetNumber ?? l.code}</Typography.Text>
                    {l.item ? <StatusTag items={stocktakeResults.items} value={l.item.result} /> : <Typography.Text type="danger">{l.error}</Typography.Text>}
                  </Flex>
                  {l.item && (
                    <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                      {l.item.expectedName ?? ''}{' '}
                      {l.item.result === 'found_elsewhere' &&
                        `(${t('stocktake.expected')}: ${[localName(l.item.expectedSite, locale), placeText(l.item.expectedLocation)].filter(Boolean).join(' ／ ')})`}
                    </Typography.Text>
                  )}
                </Flex>
              </List.Item>
            )}
          />
        </>
      )}
    </div>
  );
}
