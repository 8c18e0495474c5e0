import { useMutation, useQuery } from '@tanstack/react-query';
import type { ImportMapping, ImportProgress } from '@unyo/contracts';
import { Button, Flex, Modal, Spin, Steps, Typography } from 'antd';
import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ProblemAlert } from '../problem-alert.tsx';
import { CommitStep, percentOf } from './commit-step.tsx';
import { fetchImportMapping, newImportId, previewImport, runImport, watchImportProgress } from './import.api.ts';
import { DryRunSummary } from './import-summary.tsx';
import { MappingStep, mappingFor, mappingProblems } from './mapping-step.tsx';
import { UploadStep } from './upload-step.tsx';

export type ImportWizardProps = {
  /** The ledger's URL segment: 'people', 'sites', 'departments'. */
  ledger: string;
  /** The ledger's name for the title ("職員"). */
  ledgerLabel: string;
  onClose: () => void;
  /** After a commit wrote rows: refresh the lists. */
  onImported: () => void;
};

type Step = 'upload' | 'mapping' | 'dryRun' | 'commit' | 'done';
const steps: Step[] = ['upload', 'mapping', 'dryRun', 'commit', 'done'];

/**
 * Ledger import in five steps: ① file → ② heading mapping → ③ dry run with every error by row and
 * column → ④ commit with live progress → ⑤ result. The file never changes the ledger before ④, and
 * ④ writes all rows or none. Rendered only while open, so each opening starts fresh.
 */
export function ImportWizard({ ledger, ledgerLabel, onClose, onImported }: ImportWizardProps) {
  const { t } = useTranslation();
  const [step, setStep] = useState<Step>('upload');
  const [file, setFile] = useState<File | null>(null);
  const [mapping, setMapping] = useState<ImportMapping>({});
  const [saveMapping, setSaveMapping] = useState(false);
  const [progress, setProgress] = useState<ImportProgress | null>(null);
  const [percent, setPercent] = useState(0);
  const stopWatching = useRef<() => void>(() => {});

  const saved = useQuery({ queryKey: ['import-mapping', ledger], queryFn: () => fetchImportMapping(ledger), staleTime: 0 });
  const preview = useMutation({ mutationFn: (f: File) => previewImport(ledger, f) });
  const dryRun = useMutation({ mutationFn: () => runImport(ledger, file as File, { dryRun: true, mapping }) });
  const commit = useMutation({
    mutationFn: async () => {
      const id = newImportId();
      const watcher = watchImportProgress(id, (p) => {
        setProgress(p);
        if (p.phase !== 'failed') setPercent((old) => Math.max(old, percentOf(p)));
      });
      stopWatching.current = watcher.stop;
      // Listen first: on the embedded database the import holds the only connection until it is done.
      await watcher.ready;
      try {
        return await runImport(ledger, file as File, { dryRun: false, mapping, saveMapping, importId: id });
      } finally {
        watcher.stop();
      }
    },
    onSuccess: (result) => {
      if (!result.committed) return;
      setPercent(100);
      setStep('done');
      onImported();
    },
  });
  useEffect(() => () => stopWatching.current(), []);

  const chooseFile = (f: File) => {
    setFile(f);
    dryRun.reset();
    preview.mutate(f, { onSuccess: (p) => setMapping((old) => mappingFor(p, old)) });
  };
  const startDryRun = () => {
    setStep('dryRun');
    dryRun.mutate();
  };
  const startCommit = () => {
    setStep('commit');
    setProgress(null);
    setPercent(0);
    commit.mutate();
  };

  const problems = preview.data ? mappingProblems(preview.data, mapping) : null;
  const result = dryRun.data;
  const canCommit = !!result && result.errorCount === 0 && result.created + result.updated > 0;
  const busy = commit.isPending;
  const commitFailed = step === 'commit' && !busy && (commit.isError || (commit.data && !commit.data.committed));

  const footer = (
    <Flex justify="space-between" gap={8} wrap>
      <span>
        {(step === 'mapping' || step === 'dryRun') && (
          <Button onClick={() => setStep(step === 'mapping' ? 'upload' : 'mapping')} data-testid="import-back">
            {t('import.back')}
          </Button>
        )}
        {(step === 'dryRun' || commitFailed) && (
          <Button style={{ marginInlineStart: 8 }} onClick={() => setStep('upload')} data-testid="import-reupload">
            {t('import.reupload')}
          </Button>
        )}
      </span>
      <span>
        {step !== 'done' && (
          <Button onClick={onClose} disabled={busy} style={{ marginInlineEnd: 8 }}>
            {t('common.cancel')}
          </Button>
        )}
        {step === 'upload' && (
          <Button type="primary" disabled={!preview.isSuccess || preview.isPending} onClick={() => setStep('mapping')} data-testid="import-next">
            {t('import.next')}
          </Button>
        )}
        {step === 'mapping' && (
          <Button type="primary" disabled={!!problems?.duplicated.length} onClick={startDryRun} data-testid="import-dryrun">
            {t('import.runDryRun')}
          </Button>
        )}
        {step === 'dryRun' && (
          <Button type="primary" disabled={!canCommit || dryRun.isPending} onClick={startCommit} data-testid="import-commit">
            {t('import.commit')}
          </Button>
        )}
        {step === 'done' && (
          <Button type="primary" onClick={onClose} data-testid="import-close">
            {t('common.close')}
          </Button>
        )}
      </span>
    </Flex>
  );

  return (
    <Modal
      open
      width={960}
      title={t('import.title', { ledger: ledgerLabel })}
      onCancel={busy ? undefined : onClose}
      closable={!busy}
      mask={{ closable: false }}
      keyboard={!busy}
      footer={footer}
      destroyOnHidden
    >
      <Steps
        size="small"
        current={steps.indexOf(step)}
        status={commitFailed ? 'error' : step === 'done' ? 'finish' : 'process'}
        style={{ marginBottom: 24 }}
        items={[
          { title: t('import.stepUpload') },
          { title: t('import.stepMapping') },
          { title: t('import.stepDryRun') },
          { title: t('import.stepCommit') },
          { title: t('import.stepDone') },
        ]}
      />
      {step === 'upload' && <UploadStep file={file} preview={preview.data} loading={preview.isPending} error={preview.error} onFile={chooseFile} />}
      {step === 'mapping' && preview.data && (
        <MappingStep
          preview={preview.data}
          mapping={mapping}
          onChange={setMapping}
          saved={saved.data}
          saveMapping={saveMapping}
          onSaveMappingChange={setSaveMapping}
        />
      )}
      {step === 'dryRun' &&
        (dryRun.isPending ? (
          <Flex gap={8} align="center">
            <Spin size="small" />
            <Typography.Text type="secondary">{t('import.dryRunning')}</Typography.Text>
          </Flex>
        ) : dryRun.isError ? (
          <ProblemAlert error={dryRun.error} />
        ) : (
          result && <DryRunSummary result={result} />
        ))}
      {(step === 'commit' || step === 'done') && <CommitStep percent={percent} progress={progress} result={commit.data} error={commit.error} />}
    </Modal>
  );
}
