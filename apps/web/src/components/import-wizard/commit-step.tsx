import type { ImportProgress, ImportResult } from '@unyo/contracts';
import { Alert, Progress, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { ProblemAlert } from '../problem-alert.tsx';
import { ImportCounts, ImportErrors } from './import-summary.tsx';

/** Share of the bar per phase: parsing counts bytes and is quick; writing is the long part. */
const phaseSpan: Record<ImportProgress['phase'], [number, number]> = {
  parsing: [0, 10],
  validating: [10, 50],
  writing: [50, 100],
  done: [100, 100],
  failed: [0, 0],
};

/** Overall percentage of an import from the phase and its processed/total. */
export function percentOf(p: ImportProgress): number {
  const [from, to] = phaseSpan[p.phase];
  const share = p.total > 0 ? Math.min(1, p.processed / p.total) : 0;
  return Math.floor(from + (to - from) * share);
}

const phaseLabel = {
  parsing: 'import.phase_parsing',
  validating: 'import.phase_validating',
  writing: 'import.phase_writing',
  done: 'import.phase_done',
  failed: 'import.phase_failed',
} as const;

type CommitStepProps = {
  percent: number;
  progress: ImportProgress | null;
  result: ImportResult | undefined;
  error: unknown;
};

/** ④ The commit: a progress bar fed by the server's events, then the outcome. */
export function CommitStep({ percent, progress, result, error }: CommitStepProps) {
  const { t } = useTranslation();
  const failed = !!error || (result && !result.committed) || progress?.phase === 'failed';
  const done = !!result?.committed;
  const phase = done ? 'done' : failed ? 'failed' : (progress?.phase ?? 'parsing');
  return (
    <div>
      <Typography.Paragraph>{t(phaseLabel[phase])}</Typography.Paragraph>
      <Progress
        percent={percent}
        status={failed ? 'exception' : done ? 'success' : 'active'}
        data-testid="import-progress"
        data-percent={percent}
        aria-valuenow={percent}
        aria-label={t('import.stepCommit')}
      />
      {progress && !done && !failed && progress.phase !== 'parsing' && (
        <Typography.Text type="secondary">{t('import.processed', { processed: progress.processed, total: progress.total })}</Typography.Text>
      )}
      {done && result && (
        <div data-testid="import-result" style={{ marginTop: 16 }}>
          <Alert
            type="success"
            showIcon
            title={t('import.resultTitle')}
            description={t('import.resultBody', { created: result.created, updated: result.updated, unchanged: result.unchanged })}
            style={{ marginBottom: 16 }}
          />
          <ImportCounts result={result} />
        </div>
      )}
      {failed && (
        <div style={{ marginTop: 16 }}>
          {error ? <ProblemAlert error={error} /> : <Alert type="error" showIcon title={t('import.failedTitle')} description={t('import.failedBody')} />}
          {result && <ImportErrors result={result} />}
        </div>
      )}
    </div>
  );
}
