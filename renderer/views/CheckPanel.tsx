import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { blocksExport, checkPlan, type RuleIssue } from '../../shared/domain/rules.js';
import { usePlanStore } from '../state/plan-store.js';
import { focusCell } from '../grid/grid-handle.js';
import { rowIdOf } from '../grid/plan-rows.js';

function targetColumn(issue: RuleIssue): string {
  if (issue.kind === 'justification-missing') return 'justification';
  return issue.field;
}

/** Every rule the plan still breaks, each with a link to its cell. */
export function CheckPanel() {
  const { t } = useTranslation();
  const cycle = usePlanStore((s) => s.cycle);
  const entries = usePlanStore((s) => s.entries);
  const issues = useMemo(() => (cycle ? checkPlan(cycle, entries) : []), [cycle, entries]);
  const blocking = issues.filter(blocksExport);
  const warnings = issues.filter((i) => !blocksExport(i));

  const describe = (issue: RuleIssue) => {
    const where = issue.country ? `${issue.outcome} · ${issue.country}` : issue.outcome;
    if (issue.kind === 'justification-missing') return t('check.justificationMissing', { where, target: issue.target, demand: issue.demand });
    return t('check.notEntered', { where, field: t(`grid.${issue.field}`) });
  };

  const item = (issue: RuleIssue, index: number) => (
    <li key={`${issue.kind}-${issue.outcome}-${issue.country ?? ''}-${index}`} className={blocksExport(issue) ? 'issue issue-blocking' : 'issue issue-warning'}>
      <span className="issue-kind">{blocksExport(issue) ? t('check.blocking') : t('check.warning')}</span>{' '}
      <button type="button" className="link" onClick={() => focusCell(rowIdOf(issue.outcome, issue.country), targetColumn(issue))}>
        {describe(issue)}
      </button>
    </li>
  );

  return (
    <section className="panel check-panel" aria-labelledby="check-heading" data-testid="check-panel">
      <h2 id="check-heading">{t('check.heading')}</h2>
      {issues.length === 0 ? <p className="ok-text">{t('check.allGood')}</p> : null}
      {blocking.length > 0 ? <ul className="issues" data-testid="blocking-issues">{blocking.map(item)}</ul> : null}
      {warnings.length > 0 ? (
        <details className="warnings">
          <summary>{t('check.notEnteredSummary', { count: warnings.length })}</summary>
          <ul className="issues">{warnings.map((issue, i) => item(issue, i + blocking.length))}</ul>
        </details>
      ) : null}
    </section>
  );
}
