// What a customer can do with a unit group, one entry per action of the API's `actions` (shown
// only when `actions.<key>.allowed`): its form, its request, and the confirmation of what it did.
// A new action (e.g. a warranty claim) is one more entry here and its texts in messages.en.js.
import { act, call, h, idempotencyKey, paths } from '../common/api.js';
import { date, deadline, money, t } from '../common/i18n.js';
import { changeItemForm } from './changes.js';

const problemBox = () => h('div', { class: 'problem', role: 'alert', tabindex: '-1', hidden: true });

let counter = 0;
const uid = (name) => `${name}-${++counter}`;

function select(id, prefix, values) {
  return h('select', { id }, values.map((v) => h('option', { value: v, text: t(`${prefix}.${v}`) })));
}

/** A count box (1…quantity) when the group has more than one unit; else none (one unit). */
function countField(labelKey, quantity) {
  if (quantity <= 1) return { field: null, value: () => 1 };
  const id = uid('count');
  const input = h('input', { type: 'number', class: 'count', id, min: '1', max: String(quantity), value: '1', inputmode: 'numeric' });
  return {
    field: [h('label', { for: id, text: t(labelKey, { quantity }) }), input],
    value: () => Number(input.value),
  };
}

/** A form with its fields, a submit button running {@code send}, a close button and its refusal box. */
function actionForm(className, fields, submitText, send, close) {
  const problem = problemBox();
  const submit = h('button', { type: 'submit', class: `primary ${className}-submit`, text: submitText });
  return h('form', {
    class: `action-form ${className}`,
    onsubmit: (e) => { e.preventDefault(); act(submit, problem, send); },
  },
  fields,
  h('div', { class: 'buttons' }, submit, h('button', { type: 'button', class: 'secondary', text: t('form.close'), onclick: close })),
  problem);
}

/**
 * Units of a line cancelled so far (the parcels' `cancelled` counts): a cancellation request names
 * how many units of the line are to be cancelled in all (CAN-8), so "one more" is these plus one.
 */
const cancelledSoFar = (order, lineId) => order.parcels
  .flatMap((p) => p.lines || []).filter((l) => l.lineId === lineId)
  .reduce((sum, l) => sum + (l.cancelled || 0), 0);

async function cancel(order, ctx, lines, reason) {
  const answer = await call('POST', paths.cancellation(order.orderId), { reason: reason || undefined, lines }, idempotencyKey());
  const name = (lineId) => order.lines.find((l) => l.lineId === lineId)?.name ?? lineId;
  const items = answer.cancelled.map((c) => t('cancel.item', { quantity: c.quantity, name: name(c.lineId) })).join(', ');
  await ctx.refresh();
  ctx.confirm({ lines: [items ? t('cancel.done', { items }) : t('cancel.nothing')], refund: answer.refund });
}

/** "Cancel everything not yet shipped" (no lines: everything the API can still cancel). */
export function cancelEverything(order, ctx) {
  const problem = problemBox();
  const button = h('button', { type: 'button', class: 'secondary', id: 'cancel-all', text: t('order.cancelAll') });
  button.addEventListener('click', () => act(button, problem, () => cancel(order, ctx, undefined)));
  return h('div', {}, button, problem);
}

export const unitActions = [
  {
    key: 'cancel',
    applies: () => true,
    form(order, group, ctx, close) {
      const count = countField('cancel.count', group.quantity);
      const reasonId = uid('cancel-reason');
      const reason = h('input', { type: 'text', id: reasonId, maxlength: '500' });
      return actionForm('cancel-form', [count.field, h('label', { for: reasonId, text: t('cancel.reason') }), reason],
        t('cancel.submit'),
        () => cancel(order, ctx, [{ lineId: group.lineId, quantity: cancelledSoFar(order, group.lineId) + count.value() }], reason.value),
        close);
    },
  },
  {
    key: 'return',
    applies: () => true,
    form(order, group, ctx, close) {
      const count = countField('return.count', group.quantity);
      const ids = { reason: uid('return-reason'), condition: uid('return-condition'), comment: uid('return-comment') };
      const reason = select(ids.reason, 'reason', ['UNWANTED', 'DAMAGED', 'DIFFERENT', 'NOT_WORKING']);
      const condition = select(ids.condition, 'condition', ['MINT_UNUSED', 'OPENED', 'USED']);
      const comment = h('input', { type: 'text', id: ids.comment, maxlength: '500' });
      return actionForm('return-form', [count.field,
        h('label', { for: ids.reason, text: t('return.reason') }), reason,
        h('label', { for: ids.condition, text: t('return.condition') }), condition,
        h('label', { for: ids.comment, text: t('return.comment') }), comment],
      t('return.submit'),
      async () => {
        const answer = await call('POST', paths.orderReturns(order.orderId), {
          lines: [{ lineId: group.lineId, quantity: count.value(), reason: reason.value, condition: condition.value }],
          comment: comment.value || undefined,
        }, idempotencyKey());
        await ctx.refresh();
        ctx.confirm({
          lines: [t('return.done', { rma: answer.rmaNumber, date: deadline(answer.sendBy) }),
            answer.refundEstimate ? t('returnCase.estimate', { amount: money(answer.refundEstimate.total) }) : null],
        });
      }, close);
    },
  },
  {
    key: 'claim',
    applies: () => true,
    form(order, group, ctx, close) {
      // WAR-1: the API says which coverage a report gets now; a warranty claim asks for a preference (WAR-3)
      const warranty = group.actions.claim?.coverage === 'WARRANTY';
      const ids = { problem: uid('claim-problem'), description: uid('claim-description'), remedy: uid('claim-remedy') };
      const problem = select(ids.problem, 'problem', ['NOT_WORKING', 'DAMAGED', 'DIFFERENT']);
      const description = h('textarea', { id: ids.description, rows: '3', maxlength: '2000' });
      const remedy = warranty ? select(ids.remedy, 'remedy', ['NONE', 'REPAIR', 'REPLACEMENT']) : null;
      return actionForm('claim-form', [
        h('label', { for: ids.problem, text: t('claim.problem') }), problem,
        h('label', { for: ids.description, text: t('claim.description') }), description,
        warranty ? [h('label', { for: ids.remedy, text: t('claim.preferred') }), remedy] : null],
      t('claim.submit'),
      async () => {
        const preferredRemedy = remedy && remedy.value !== 'NONE' ? remedy.value : undefined;
        const claim = await call('POST', paths.orderClaims(order.orderId),
          { lineId: group.lineId, problem: problem.value, description: description.value || undefined, preferredRemedy }, idempotencyKey());
        await ctx.refresh();
        const until = claim.expiresAt ? date(claim.expiresAt) : '';
        ctx.confirm({ lines: [t(claim.coverage === 'WARRANTY' ? 'claim.doneWarranty' : 'claim.done', { date: until })] });
      }, close);
    },
  },
  {
    key: 'change',
    applies: (group, ctx) => Boolean(group.item && ctx.variants[group.item.sku]?.length),
    form: (order, group, ctx, close) => changeItemForm(order, group, ctx, close),
  },
];
