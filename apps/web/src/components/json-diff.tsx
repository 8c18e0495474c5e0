import { Col, Row, Typography } from 'antd';
import { useTranslation } from 'react-i18next';

type JsonDiffProps = { before: unknown; after: unknown };

type Line = { key: string; before?: string; after?: string; changed: boolean };

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function show(v: unknown): string {
  return JSON.stringify(v, null, 2) ?? String(v);
}

/** One line per top-level key of either side, in the order the keys first appear. */
export function diffLines(before: unknown, after: unknown): Line[] {
  const b = isRecord(before) ? before : {};
  const a = isRecord(after) ? after : {};
  const keys = [...new Set([...Object.keys(b), ...Object.keys(a)])];
  return keys.map((key) => {
    const inB = Object.hasOwn(b, key);
    const inA = Object.hasOwn(a, key);
    const bs = inB ? show(b[key]) : undefined;
    const as = inA ? show(a[key]) : undefined;
    return { key, before: bs, after: as, changed: bs !== as };
  });
}

const changedStyle = { background: '#fff7e6', boxShadow: 'inset 3px 0 0 #fa8c16' };
const preStyle = {
  margin: 0,
  padding: '2px 8px',
  fontFamily: 'ui-monospace, SFMono-Regular, Menlo, Consolas, "Noto Sans Mono CJK JP", monospace',
  fontSize: 12,
  whiteSpace: 'pre-wrap' as const,
  wordBreak: 'break-all' as const,
  minHeight: 20,
};

/** Before/after of an audit entry side by side; changed keys are highlighted on both sides. */
export function JsonDiff({ before, after }: JsonDiffProps) {
  const { t } = useTranslation();
  const lines = diffLines(before, after);
  const changed = lines.filter((l) => l.changed).map((l) => l.key);
  const side = (which: 'before' | 'after', value: unknown) => (
    <Col xs={24} md={12}>
      <Typography.Text strong>{t(which === 'before' ? 'audit.before' : 'audit.after')}</Typography.Text>
      <div style={{ border: '1px solid #f0f0f0', borderRadius: 6, marginTop: 4, padding: '4px 0', background: '#fff' }}>
        {value === null || value === undefined ? (
          <pre style={preStyle}>{t('audit.empty')}</pre>
        ) : isRecord(value) ? (
          lines.map((l) => (
            <pre key={l.key} style={{ ...preStyle, ...(l.changed ? changedStyle : {}) }} data-changed={l.changed || undefined}>
              {l[which] !== undefined ? `"${l.key}": ${l[which]}` : ''}
            </pre>
          ))
        ) : (
          <pre style={preStyle}>{show(value)}</pre>
        )}
      </div>
    </Col>
  );
  return (
    <div>
      <Typography.Paragraph type="secondary" style={{ marginBottom: 8 }}>
        {changed.length ? t('audit.changedKeys', { keys: changed.join(', ') }) : t('audit.noChanges')}
      </Typography.Paragraph>
      <Row gutter={16}>
        {side('before', before)}
        {side('after', after)}
      </Row>
    </div>
  );
}
