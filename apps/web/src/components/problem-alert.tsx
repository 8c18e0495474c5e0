import type { Problem } from '@unyo/contracts';
import type { FormInstance } from 'antd';
import { Alert, Button, Typography } from 'antd';
import { type CSSProperties, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { isApiError } from '../lib/api.ts';
import { applyProblemToForm } from '../lib/form.ts';

type ProblemAlertProps = {
  /** Whatever the failed call threw; ApiErrors carry the server's localized problem. */
  error: unknown;
  /** When given with `fields`, field errors are shown on the form items instead of in the alert. */
  form?: FormInstance;
  fields?: readonly string[];
  /** Server path → form field name, for forms whose fields differ from the API shape. */
  fieldAliases?: Record<string, string>;
  /** Offered on 412 (someone else saved first): reload the record into the form. */
  onReload?: () => void;
  reloading?: boolean;
  style?: CSSProperties;
};

/** Localized problem text for toasts: the title, plus the field messages if any. */
export function problemText(error: unknown, fallback: string): string {
  if (!isApiError(error)) return fallback;
  const details = (error.problem.errors ?? []).map((e) => e.message).filter(Boolean);
  return details.length ? `${error.problem.title}: ${details.join(' / ')}` : error.problem.title;
}

/** Shows an RFC 9457 problem; per-field errors go onto the antd form via `form.setFields`. */
export function ProblemAlert({ error, form, fields, fieldAliases, onReload, reloading, style }: ProblemAlertProps) {
  const { t } = useTranslation();
  const [unmatched, setUnmatched] = useState<Problem['errors']>([]);
  const problem: Problem | null = error ? (isApiError(error) ? error.problem : { type: 'about:blank', title: t('common.unexpectedError'), status: 0 }) : null;

  // biome-ignore lint/correctness/useExhaustiveDependencies: the problem object is rebuilt on each render; the error identity is what changes.
  useEffect(() => {
    if (!problem) {
      setUnmatched([]);
      return;
    }
    if (form && fields) setUnmatched(applyProblemToForm(form, problem, fields, fieldAliases));
    else setUnmatched(problem.errors ?? []);
  }, [error]);

  if (!problem) return null;
  const conflict = problem.status === 412;
  const list = unmatched ?? [];
  return (
    <Alert
      type={conflict ? 'warning' : 'error'}
      showIcon
      style={{ marginBottom: 16, ...style }}
      title={problem.title}
      description={
        <>
          {problem.detail && <div>{problem.detail}</div>}
          {list.length > 0 && (
            <ul style={{ margin: '4px 0 0', paddingInlineStart: 20 }}>
              {list.map((e) => (
                <li key={`${e.path}:${e.message}`}>{e.path ? `${e.path}: ${e.message}` : e.message}</li>
              ))}
            </ul>
          )}
          {conflict && onReload && <div>{t('common.conflictHint')}</div>}
          {problem.requestId && (
            <Typography.Text type="secondary" style={{ fontSize: 12 }}>
              {t('common.requestId', { id: problem.requestId })}
            </Typography.Text>
          )}
        </>
      }
      action={
        conflict && onReload ? (
          <Button size="small" onClick={onReload} loading={reloading}>
            {t('common.reload')}
          </Button>
        ) : undefined
      }
    />
  );
}
