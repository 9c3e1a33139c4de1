import { h } from './api.js';
import { date, money, t } from './i18n.js';

/** True for a refund still PENDING after its dueBy day (GEN-5: a breach). */
export function pastDue(refund, today = new Date().toISOString().slice(0, 10)) {
  return refund.status === 'PENDING' && refund.dueBy < today;
}

/** A refund's itemised breakdown (GEN-8) as a table. */
export function breakdownTable(breakdown, caption) {
  return h(
    'table',
    { class: 'breakdown' },
    h('caption', { text: caption }),
    h(
      'tbody',
      {},
      breakdown.lines.map((line) =>
        h(
          'tr',
          { class: line.amount.amount < 0 ? 'deduction' : null },
          h('th', { scope: 'row', text: line.label }),
          h('td', { class: 'rules', text: line.ruleIds.join(', ') }),
          h('td', { class: 'amount', text: money(line.amount) }),
        ),
      ),
    ),
    h(
      'tfoot',
      {},
      h(
        'tr',
        {},
        h('th', { scope: 'row', text: t('refund.total') }),
        h('td'),
        h('td', { class: 'amount', text: money(breakdown.total) }),
      ),
    ),
  );
}

/** The refunds of an order: amount, status, due date (past due highlighted), breakdown. */
export function refundList(refunds) {
  if (!refunds.length) return h('p', { text: t('refunds.none') });
  return h(
    'ul',
    { class: 'refunds' },
    refunds.map((refund) => {
      const late = pastDue(refund);
      return h(
        'li',
        { class: late ? 'refund past-due' : 'refund', 'data-refund-id': refund.refundId },
        h(
          'h4',
          {},
          t('refund.label', { source: t(`source.${refund.source}`), sourceId: refund.sourceId }),
        ),
        h(
          'dl',
          {},
          h('dt', { text: t('refund.amount') }),
          h('dd', { class: 'refund-amount', text: money(refund.amount) }),
          h('dt', { text: t('refund.status') }),
          h('dd', { text: t(`refund.${refund.status}`) }),
          h('dt', { text: t('refund.due') }),
          h(
            'dd',
            {},
            date(refund.dueBy),
            late ? h('strong', { class: 'badge', text: ` ${t('refund.pastDue')}` }) : null,
          ),
        ),
        breakdownTable(refund.breakdown, t('refund.breakdown')),
      );
    }),
  );
}
