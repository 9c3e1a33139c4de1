import { h } from './api.js';
import { date, deadline, localise, money, t } from './i18n.js';

/** True for a refund still PENDING after its dueBy day (GEN-5: a breach). */
export function pastDue(refund, today = new Date().toISOString().slice(0, 10)) {
  return refund.status === 'PENDING' && refund.dueBy < today;
}

/** A refund's itemised breakdown (GEN-8) as a table: what was counted, what was kept back, why. */
export function breakdownTable(breakdown, caption) {
  return h('table', { class: 'breakdown' },
    h('caption', { text: caption }),
    h('tbody', {}, breakdown.lines.map((line) => h('tr', { class: line.amount.amount < 0 ? 'deduction' : null },
      h('th', { scope: 'row' }, localise(line.label), h('span', { class: 'rules', text: ` ${line.ruleIds.join(', ')}` })),
      h('td', { class: 'amount', text: money(line.amount) })))),
    h('tfoot', {}, h('tr', {},
      h('th', { scope: 'row', text: t('refund.total') }),
      h('td', { class: 'amount', text: money(breakdown.total) }))));
}

/** A breakdown folded under a summary line (phones: the sum first, the detail on demand). */
export function breakdownDetails(breakdown, summary) {
  return h('details', { class: 'breakdown-details' },
    h('summary', { text: summary }), breakdownTable(breakdown, summary));
}

/**
 * The refunds of an order: amount, what it is for, where it stands and by when it is paid (past
 * due highlighted, GEN-5), its breakdown on demand. {@code audience} 'agent' words the status for
 * customer care; {@code level} is the heading level of each refund (under the list's heading).
 */
export function refundList(refunds, { audience = 'customer', level = 3 } = {}) {
  if (!refunds.length) return h('p', { text: t('refunds.none') });
  return h('ul', { class: 'refunds' }, refunds.map((refund) => {
    const late = pastDue(refund);
    const status = refund.status === 'SETTLED'
      ? t(`refund.${audience}.SETTLED`)
      : t(`refund.${audience}.PENDING`, { date: audience === 'agent' ? date(refund.dueBy) : deadline(refund.dueBy) });
    return h('li', { class: late ? 'refund past-due' : 'refund', 'data-refund-id': refund.refundId },
      h(`h${level}`, {},
        h('span', { class: 'refund-amount', text: money(refund.amount) }), ' ',
        t(`refund.for.${refund.source}`)),
      h('p', { class: 'refund-status' }, status,
        late ? h('strong', { class: 'badge', text: ` ${t('refund.pastDue')}` }) : null),
      audience === 'agent' ? h('p', { class: 'rules', text: t('refund.granted', { when: date(refund.grantedAt), sourceId: refund.sourceId }) }) : null,
      breakdownDetails(refund.breakdown, t('refund.breakdown')));
  }));
}
