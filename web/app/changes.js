// Changes before processing (CHG-1…CHG-5) on the customer page: "Change this item" for a
// unit group whose `actions.change` allows it, "Change the delivery address" for a parcel not yet
// processed, the result (APPLIED with its refund, AWAITING_PAYMENT with amountDue and payBy, or the
// refusal's detail and rules) and the order's changes history.
// The alternatives and their prices are the storefront's: it prices them from its catalogue at the
// moment of the change and passes their URL in the fragment (`variants=<url>`, JSON keyed by sku:
// [{sku, name, category, unitPrice, discount?, tax?, components?}]); on the local stack the page's
// own demo list `variants.json` stands in for it.
import { act, announce, call, h, idempotencyKey, startParameters } from '../common/api.js';
import { breakdownTable } from '../common/refunds.js';
import { date, money, t } from '../common/i18n.js';

const ADDRESS_FIELDS = ['name', 'street', 'postalCode', 'city', 'country'];
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

/**
 * The "Change an item or the delivery address" section; `onChanged(result)` runs after the API
 * accepted a change (the caller reloads the order and shows the result with `changeResultView`).
 */
export function changeSection(order, variants, onChanged) {
  const itemForms = order.units
    .map((group, i) => ({ group, i }))
    .filter(({ group }) => group.actions.change?.allowed && group.item)
    .map(({ group, i }) => itemForm(order, group, i, variants[group.item.sku] || [], onChanged));
  const addressForms = order.parcels
    .filter((p) => p.status === 'NEW')
    .map((p) => addressForm(order, p, onChanged));
  if (!itemForms.length && !addressForms.length) return null;
  return h('section', { id: 'change', 'aria-labelledby': 'change-heading' },
    h('h3', { id: 'change-heading', text: t('change.heading') }),
    h('p', { text: t('change.help') }),
    itemForms, addressForms,
    h('div', { id: 'change-result' }));
}

function itemForm(order, group, i, alternatives, onChanged) {
  const money0 = (amount) => money({ amount, currency: order.currency });
  const problem = h('div', { class: 'problem', role: 'alert', tabindex: '-1', hidden: true });
  const headingId = `change-item-heading-${i}`;
  const heading = h('h4', { id: headingId, text: t('change.item', { name: group.item.name, parcelId: group.parcelId }) });
  if (!alternatives.length) {
    return h('div', { class: 'card', role: 'group', 'aria-labelledby': headingId }, heading, h('p', { text: t('change.noVariants') }));
  }
  const variant = h('select', { id: `change-variant-${i}`, class: 'change-variant' },
    alternatives.map((v, n) => h('option', {
      value: String(n),
      text: t('change.variant', {
        name: v.name, price: money0(paidPrice(v)), difference: money0(paidPrice(v) - paidPrice(group.item)),
      }),
    })));
  const indexes = group.unitIndexes || [];
  const count = h('input', { type: 'number', class: 'count', id: `change-count-${i}`, min: '1',
    max: String(indexes.length || 1), value: '1' });
  const submit = h('button', { type: 'submit', id: `change-submit-${i}`, class: 'change-submit', text: t('change.submit') });
  return h('form', {
    class: 'card change-item', 'data-line-id': group.lineId, 'aria-labelledby': headingId,
    onsubmit: (e) => {
      e.preventDefault();
      act(submit, problem, async () => {
        const replaceWith = alternatives[Number(variant.value)];
        const chosen = indexes.slice(0, Math.max(1, Number(count.value)));
        const units = chosen.length
          ? chosen.map((unitIndex) => ({ lineId: group.lineId, unitIndex, replaceWith }))
          : [{ lineId: group.lineId, replaceWith }];
        await onChanged(await postChange(order, { units }));
      });
    },
  },
  heading,
  h('label', { for: `change-variant-${i}`, text: t('change.variantLabel') }), variant,
  indexes.length > 1 ? [h('label', { for: `change-count-${i}`, text: t('change.count', { quantity: indexes.length }) }), count] : null,
  h('div', {}, submit),
  problem);
}

function addressForm(order, parcel, onChanged) {
  const problem = h('div', { class: 'problem', role: 'alert', tabindex: '-1', hidden: true });
  const id = parcel.parcelId.replace(/[^A-Za-z0-9_-]/g, '');
  const headingId = `change-address-heading-${id}`;
  const current = parcel.deliveryAddress || {};
  const inputs = ADDRESS_FIELDS.map((field) => h('input', {
    type: 'text', id: `address-${id}-${field}`, maxlength: '200', value: current[field] || '',
    autocomplete: { name: 'name', street: 'street-address', postalCode: 'postal-code', city: 'address-level2', country: 'country-name' }[field],
  }));
  const submit = h('button', { type: 'submit', id: `address-submit-${id}`, text: t('change.addressSubmit') });
  return h('form', {
    class: 'card change-address', 'aria-labelledby': headingId,
    onsubmit: (e) => {
      e.preventDefault();
      act(submit, problem, async () => {
        const deliveryAddress = Object.fromEntries(ADDRESS_FIELDS
          .map((field, n) => [field, inputs[n].value.trim()]).filter(([, value]) => value));
        await onChanged(await postChange(order, { parcels: [{ parcelId: parcel.parcelId, deliveryAddress }] }));
      });
    },
  },
  h('h4', { id: headingId, text: t('change.address', { parcelId: parcel.parcelId }) }),
  ADDRESS_FIELDS.flatMap((field, n) => [h('label', { for: inputs[n].id, text: t(`address.${field}`) }), inputs[n]]),
  h('div', {}, submit),
  problem);
}

const postChange = (order, body) =>
  call('POST', `/orders/${encodeURIComponent(order.orderId)}/changes`, body, idempotencyKey());

/** What a change did: refunded (with the breakdown), waiting for payment, lapsed or nothing new. */
export function changeResultView(result) {
  const text = resultText(result);
  announce(text);
  return h('div', { class: 'card', id: 'change-outcome', tabindex: '-1', 'data-status': result.status },
    h('p', { class: result.status === 'LAPSED' ? 'problem' : 'ok', text }),
    h('ul', {}, (result.explanation || []).map((e) => h('li', { text: `${e.text} (${e.ruleId})` }))),
    result.refund ? breakdownTable(result.refund.breakdown, t('change.refundBreakdown'))
      : result.breakdown?.lines?.length ? breakdownTable(result.breakdown, t('change.breakdown')) : null);
}

function resultText(result) {
  if (!result.changeId) return t('change.nothing');
  if (result.status === 'AWAITING_PAYMENT') {
    return t('change.awaitingPayment', { amount: money(result.amountDue), date: date(result.payBy) });
  }
  if (result.status === 'LAPSED') return t('change.lapsed', { reason: result.lapseReason || '' });
  return result.refund
    ? t('change.refunded', { amount: money(result.refund.amount), date: date(result.refund.dueBy) })
    : t('change.applied');
}

/** The order's changes history (CHG-5): when, who, from → to, difference, status. */
export function changeHistory(order) {
  const changes = order.changes || [];
  if (!changes.length) return null;
  const what = (c) => [
    ...c.units.map((u) => t('change.historyUnit', { from: u.from.name, to: u.to.name })),
    ...c.parcels.map((p) => t('change.historyAddress', { parcelId: p.parcelId })),
  ].join('; ');
  return h('section', { id: 'changes', 'aria-labelledby': 'changes-heading' },
    h('h3', { id: 'changes-heading', text: t('changes.heading') }),
    h('div', { class: 'table-wrap' }, h('table', { class: 'changes' },
      h('thead', {}, h('tr', {}, ['changes.when', 'changes.who', 'changes.what', 'changes.difference', 'changes.status']
        .map((k) => h('th', { scope: 'col', text: t(k) })))),
      h('tbody', {}, changes.map((c) => h('tr', { 'data-change-id': c.changeId },
        h('td', { text: date(c.requestedAt) }),
        h('td', { text: c.requestedBy }),
        h('th', { scope: 'row', text: what(c) }),
        h('td', { class: 'amount', text: money(c.difference) }),
        h('td', { class: 'change-status', text: t(`changeStatus.${c.status}`) })))))));
}
