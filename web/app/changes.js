// Changes before processing (CHG-1…CHG-5) on the customer page: "Change this item" for a unit group
// whose `actions.change` allows it, "Change the delivery address" of a parcel whose units may still
// change, the result in the page's confirmation (a refund and its breakdown; or the amount to pay,
// by when and how; or the refusal) and the order's changes history.
// The alternatives and their prices are the storefront's: it prices them from its catalogue at the
// moment of the change and passes their URL in the fragment (`variants=<url>`, JSON keyed by sku:
// [{sku, name, category, unitPrice, discount?, tax?, components?}]); on the local stack the page's
// own demo list `variants.json` stands in for it.
import { act, call, h, idempotencyKey, paths, startParameters } from '../common/api.js';
import { breakdownDetails } from '../common/refunds.js';
import { date, dateTime, deadline, localise, money, t } from '../common/i18n.js';

const ADDRESS_FIELDS = ['name', 'street', 'postalCode', 'city', 'country'];
const AUTOCOMPLETE = { name: 'name', street: 'street-address', postalCode: 'postal-code', city: 'address-level2', country: 'country-name' };
let variantsBySku;

/** The storefront's alternatives per sku (fetched once); {} when none can be read. */
export async function loadVariants() {
  if (variantsBySku) return variantsBySku;
  try {
    const url = new URL(startParameters.get('variants') || 'variants.json', location.href);
    const response = await fetch(url);
    variantsBySku = response.ok ? await response.json() : {};
  } catch {
    variantsBySku = {};
  }
  return variantsBySku;
}

/** Price of one unit as the customer pays it: unitPrice − discount + tax, in minor units. */
const paidPrice = (item) => item.unitPrice - (item.discount || 0) + (item.tax || 0);

const postChange = (order, body) => call('POST', paths.changes(order.orderId), body, idempotencyKey());

function differenceText(amount, currency) {
  if (amount === 0) return t('change.same');
  const text = money({ amount: Math.abs(amount), currency });
  return amount < 0 ? t('change.cheaper', { amount: text }) : t('change.dearer', { amount: text });
}

/** The form of "Change this item" inside a unit card. */
export function changeItemForm(order, group, ctx, close) {
  const alternatives = ctx.variants[group.item.sku] || [];
  const problem = h('div', { class: 'problem', role: 'alert', tabindex: '-1', hidden: true });
  const key = `${group.lineId}-${group.parcelId}`.replace(/[^A-Za-z0-9_-]/g, '');
  const variant = h('select', { id: `change-variant-${key}`, class: 'change-variant' },
    alternatives.map((v, n) => h('option', {
      value: String(n),
      text: t('change.variant', {
        name: v.name,
        price: money({ amount: paidPrice(v), currency: order.currency }),
        difference: differenceText(paidPrice(v) - paidPrice(group.item), order.currency),
      }),
    })));
  const indexes = group.unitIndexes || [];
  const count = h('input', { type: 'number', class: 'count', id: `change-count-${key}`, min: '1', max: String(indexes.length || 1), value: '1' });
  const submit = h('button', { type: 'submit', class: 'primary change-submit', text: t('change.submit') });
  return h('form', {
    class: 'action-form change-item', 'data-line-id': group.lineId,
    onsubmit: (e) => {
      e.preventDefault();
      act(submit, problem, async () => {
        const replaceWith = alternatives[Number(variant.value)];
        const chosen = indexes.slice(0, Math.max(1, Number(count.value)));
        const units = chosen.length
          ? chosen.map((unitIndex) => ({ lineId: group.lineId, unitIndex, replaceWith }))
          : [{ lineId: group.lineId, replaceWith }];
        await showResult(await postChange(order, { units }), ctx);
      });
    },
  },
  h('p', { class: 'muted', text: t('change.help') }),
  h('label', { for: `change-variant-${key}`, text: t('change.variantLabel') }), variant,
  indexes.length > 1 ? [h('label', { for: `change-count-${key}`, text: t('change.count', { quantity: indexes.length }) }), count] : null,
  h('div', { class: 'buttons' }, submit, h('button', { type: 'button', class: 'secondary', text: t('form.close'), onclick: close })),
  problem);
}

/** "Change the delivery address" of a parcel, folded until opened. */
export function addressForm(order, parcel, n, ctx) {
  const problem = h('div', { class: 'problem', role: 'alert', tabindex: '-1', hidden: true });
  const id = parcel.parcelId.replace(/[^A-Za-z0-9_-]/g, '');
  const current = parcel.deliveryAddress || {};
  const inputs = ADDRESS_FIELDS.map((field) => h('input', {
    type: 'text', id: `address-${id}-${field}`, maxlength: '200', value: current[field] || '', autocomplete: AUTOCOMPLETE[field],
  }));
  const submit = h('button', { type: 'submit', id: `address-submit-${id}`, class: 'primary', text: t('change.addressSubmit') });
  return h('details', { class: 'change-address-details' },
    h('summary', { text: t('parcel.changeAddress') }),
    h('form', {
      class: 'action-form change-address',
      onsubmit: (e) => {
        e.preventDefault();
        act(submit, problem, async () => {
          const deliveryAddress = Object.fromEntries(ADDRESS_FIELDS
            .map((field, i) => [field, inputs[i].value.trim()]).filter(([, value]) => value));
          await showResult(await postChange(order, { parcels: [{ parcelId: parcel.parcelId, deliveryAddress }] }), ctx);
        });
      },
    },
    h('fieldset', {}, h('legend', { text: t('change.address') }),
      ADDRESS_FIELDS.flatMap((field, i) => [h('label', { for: inputs[i].id, text: t(`address.${field}`) }), inputs[i]])),
    h('div', { class: 'buttons' }, submit),
    problem));
}

/** After a change: the order as it is now, then what the change did in the confirmation. */
async function showResult(result, ctx) {
  await ctx.refresh();
  const lines = [resultText(result)];
  if (result.status === 'AWAITING_PAYMENT') {
    lines.push(t('change.howToPay', { amount: money(result.amountDue), date: date(result.payBy) }));
  }
  lines.push(...(result.explanation || []).map((e) => h('p', { class: 'muted', text: `${localise(e.text)} (${e.ruleId})` })));
  if (result.refund) lines.push(breakdownDetails(result.refund.breakdown, t('change.refundBreakdown')));
  else if (result.breakdown?.lines?.length) lines.push(breakdownDetails(result.breakdown, t('change.breakdown')));
  ctx.confirm({ lines, heading: result.status === 'AWAITING_PAYMENT' ? t('confirm.headingPay') : undefined });
  const box = document.getElementById('confirmation');
  box.dataset.changeStatus = result.status || 'NONE';
}

function resultText(result) {
  if (!result.changeId) return t('change.nothing');
  if (result.status === 'AWAITING_PAYMENT') {
    return t('change.awaitingPayment', { amount: money(result.amountDue), date: dateTime(result.payBy) });
  }
  if (result.status === 'LAPSED') return t('change.lapsed', { reason: localise(result.lapseReason || '') });
  return result.refund
    ? t('change.refunded', { amount: money(result.refund.amount), date: deadline(result.refund.dueBy) })
    : t('change.applied');
}

/** The order's changes history (CHG-5): when, from → to, difference, where it stands. */
export function changeHistory(order) {
  const changes = order.changes || [];
  if (!changes.length) return null;
  const parcelNumber = (parcelId) => order.parcels.findIndex((p) => p.parcelId === parcelId) + 1;
  const what = (c) => [
    ...c.units.map((u) => t('change.historyUnit', { from: u.from.name, to: u.to.name })),
    ...c.parcels.map((p) => t('change.historyAddress', { n: parcelNumber(p.parcelId) })),
  ].join('; ');
  return h('section', { id: 'changes', 'aria-labelledby': 'changes-heading' },
    h('h2', { id: 'changes-heading', text: t('changes.heading') }),
    h('ul', { class: 'changes' }, changes.map((c) => h('li', { class: 'card change', 'data-change-id': c.changeId },
      h('p', { class: 'change-what', text: t('changes.entry', { when: dateTime(c.requestedAt), what: what(c) }) }),
      h('p', { text: t('changes.difference', { amount: money(c.difference) }) }),
      h('p', { class: 'change-status', text: t(`changeStatus.${c.status}`) })))));
}
