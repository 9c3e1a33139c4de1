// The customer page: one order as cards, phone first. The order (GET /orders/{id}) with its parcels
// and, per unit group, the one action the API allows now with its deadline in words (others under
// "Other options"); the order's returns and claims from the API (GET /orders/{id}/returns, …/claims),
// so every device shows the same; a visible confirmation after every action (what happened, what
// is refunded, by when), then the order read again. The page never decides what is allowed: it
// shows the API's `actions`.
//
// The order's timeline ("What happened", app/timeline.js) comes last. A link from one of our emails
// (…#order=…&claim=…, or &return=, &refund=) opens the order at that claim, return or refund: the
// NEEDS_INFO email's link lands on the claim with customer care's message and the upload boxes.
//
// Each concern is one section function in SECTIONS (order, ctx) → node | null, and each unit action
// one entry of unitActions (unit-actions.js): a new feature is a new entry and its texts in
// common/messages.en.js.
import { announce, call, h, paths, showProblem, signedIn, startParameters } from '../common/api.js';
import { deadline, date, money, t, tOr, localise } from '../common/i18n.js';
import { refundList } from '../common/refunds.js';
import { renderAccount, renderSignIn, titlePage } from '../common/session.js';
import { claimsSection, returnsSection, watchClaims } from './cases.js';
import { addressForm, changeHistory, loadVariants } from './changes.js';
import { cancelEverything, unitActions } from './unit-actions.js';
import { loadTimeline, timelineSection } from './timeline.js';
import { withdrawalSection } from './withdrawal.js';

const ORDER_KEY = 'aftersales.order';
const main = document.getElementById('main');

/** What a section or an action works with: the order as read, its returns and claims, the page. */
const ctx = {
  order: null,
  returns: [],
  claims: [],
  timeline: null,
  policy: null,
  variants: {},
  refresh: () => refreshOrder(),
  confirm: (view) => confirm(view),
};

/** The order page's sections, top to bottom; null ones are left out. */
export const SECTIONS = [
  summarySection,
  (order, c) => withdrawalSection(order, c),
  parcelsSection,
  (order, c) => returnsSection(order, c),
  (order, c) => claimsSection(order, c),
  (order) => changeHistory(order),
  refundsSection,
  (order, c) => timelineSection(order, c),
];

titlePage('app.title');
start();

async function start() {
  renderAccount(() => sessionStorage.removeItem(ORDER_KEY));
  if (!signedIn()) {
    await renderSignIn(main, {
      pickerId: 'demo-customer', label: t('signin.demoCustomer'), identities: ['c-1001', 'c-1002'], groups: [],
    });
    return;
  }
  [ctx.policy, ctx.variants] = await Promise.all([call('GET', paths.policy()).catch(() => null), loadVariants()]);
  renderLookup();
  const orderId = startParameters.get('order') || sessionStorage.getItem(ORDER_KEY);
  if (orderId) await showOrder(orderId);
}

function renderLookup() {
  const input = h('input', {
    type: 'text', id: 'order-id', autocomplete: 'off', required: true,
    value: startParameters.get('order') || sessionStorage.getItem(ORDER_KEY) || '',
  });
  main.replaceChildren(
    h('form', { class: 'lookup', onsubmit: (e) => { e.preventDefault(); showOrder(input.value.trim()); } },
      h('label', { for: 'order-id', text: t('order.lookup') }),
      h('div', { class: 'inline' }, input, h('button', { type: 'submit', id: 'show-order', text: t('order.show') }))),
    h('div', { id: 'order-problem', class: 'problem', role: 'alert', tabindex: '-1', hidden: true }),
    h('div', { id: 'confirmation', class: 'confirmation', tabindex: '-1', hidden: true }),
    h('div', { id: 'order' }),
  );
}

/** Reads the order, its returns, its claims and its first events (four GETs at once). */
async function load(orderId) {
  const [order, returns, claims, timeline] = await Promise.all([
    call('GET', paths.order(orderId)),
    call('GET', paths.orderReturns(orderId)),
    call('GET', paths.orderClaims(orderId)),
    loadTimeline(orderId),
  ]);
  Object.assign(ctx, { order, returns: returns.returns, claims: claims.claims, timeline });
}

async function showOrder(orderId) {
  const box = document.getElementById('order-problem');
  showProblem(box, null);
  document.getElementById('confirmation').hidden = true;
  try {
    await load(orderId);
  } catch (error) {
    showProblem(box, error);
    return;
  }
  sessionStorage.setItem(ORDER_KEY, orderId);
  renderOrder();
  if (orderId === startParameters.get('order')) revealLinked();
}

/** What an email's link names (claim, return or refund of the order): shown, marked and focused, once. */
function revealLinked() {
  const targets = [['claim', 'article.claim', 'claimId'], ['return', 'article.return', 'returnId'], ['refund', 'li.refund', 'refundId']];
  for (const [parameter, selector, key] of targets) {
    const wanted = startParameters.get(parameter);
    if (!wanted) continue;
    startParameters.delete(parameter);
    const target = [...document.querySelectorAll(selector)].find((node) => node.dataset[key] === wanted);
    if (!target) continue;
    target.classList.add('linked');
    target.scrollIntoView({ block: 'start' });
    const heading = target.querySelector('h3, h4');
    heading?.setAttribute('tabindex', '-1');
    heading?.focus();
    return;
  }
}

/** The order as it is now, after an action or a claim's change of state. */
async function refreshOrder() {
  await load(ctx.order.orderId);
  renderOrder();
}

function renderOrder() {
  document.getElementById('order').replaceChildren(...SECTIONS.map((section) => section(ctx.order, ctx)).filter(Boolean));
  watchClaims(ctx);
}

/**
 * Shows what an action did, above the order, and moves focus there: a heading, what happened, and
 * the refund (amount and date) when one was granted.
 */
function confirm({ heading, lines, refund }) {
  const box = document.getElementById('confirmation');
  const refundText = refund ? t('confirm.refund', { amount: money(refund.amount), date: date(refund.dueBy) }) : null;
  box.replaceChildren(...[
    h('h2', { text: heading || t('confirm.heading') }),
    ...lines.filter(Boolean).map((line) => (line instanceof Node ? line : h('p', { text: line }))),
    refundText ? h('p', { class: 'confirm-refund', text: refundText }) : null,
    h('button', { type: 'button', class: 'secondary', text: t('confirm.close'), onclick: () => { box.hidden = true; } }),
  ].filter(Boolean));
  box.hidden = false;
  box.focus();
  box.scrollIntoView({ block: 'start' });
  announce([...lines.filter((l) => typeof l === 'string'), refundText].filter(Boolean).join(' '));
}

function summarySection(order) {
  const anyCancellable = order.units.some((g) => g.actions.cancel.allowed);
  return h('section', { class: 'card summary', 'aria-labelledby': 'order-heading' },
    h('h2', { id: 'order-heading', tabindex: '-1', text: t('order.heading', { orderId: order.orderId }) }),
    h('dl', { class: 'totals' },
      h('div', {}, h('dt', { text: t('order.placed') }), h('dd', { text: date(order.placedAt) })),
      h('div', {}, h('dt', { text: t('order.paid') }), h('dd', { id: 'paid-total', text: money(order.paidTotal) })),
      h('div', {}, h('dt', { text: t('order.refunded') }), h('dd', { id: 'refunded-total', text: money(order.refundedTotal) }))),
    anyCancellable ? cancelEverything(order, ctx) : null);
}

function parcelsSection(order) {
  const count = order.parcels.length;
  return h('section', { id: 'parcels', 'aria-labelledby': 'parcels-heading' },
    h('h2', { id: 'parcels-heading', text: t('parcels.heading') }),
    order.parcels.map((parcel, i) => parcelCard(order, parcel, i + 1, count)));
}

function parcelStatus(parcel) {
  const at = { SHIPPED: parcel.shippedAt, DELIVERED: parcel.deliveredAt }[parcel.status];
  return t(`parcel.${parcel.status}`, { date: date(at) });
}

function parcelCard(order, parcel, n, count) {
  const headingId = `parcel-heading-${n}`;
  const groups = order.units.filter((g) => g.parcelId === parcel.parcelId);
  const addressChangeable = groups.some((g) => g.actions.change?.allowed);
  return h('article', { class: 'card parcel', 'data-parcel-id': parcel.parcelId, 'aria-labelledby': headingId },
    h('h3', { id: headingId }, t('parcel.heading', { n, count }),
      h('span', { class: `parcel-status status-${parcel.status.toLowerCase()}`, text: parcelStatus(parcel) })),
    parcel.trackingNumber ? h('p', { class: 'muted', text: t('parcel.tracking', { tracking: parcel.trackingNumber }) }) : null,
    h('ul', { class: 'units' }, groups.map((group) => unitCard(order, parcel, group))),
    addressChangeable ? addressForm(order, parcel, n, ctx) : null);
}

/** The action shown first: the first the API allows, in the order of unitActions. */
const allowedActions = (group) => unitActions.filter((a) => group.actions[a.key]?.allowed && a.applies(group, ctx));

function unitCard(order, parcel, group) {
  const id = `${group.lineId}-${group.parcelId}-${group.status}`.replace(/[^A-Za-z0-9_-]/g, '');
  const name = group.item?.name ?? group.lineId;
  const each = group.item ? money({ amount: group.item.unitPrice - group.item.discount + group.item.tax, currency: order.currency }) : '';
  const allowed = allowedActions(group);
  const formArea = h('div', { class: 'unit-form' });
  const open = (action, button) => {
    formArea.replaceChildren(action.form(order, group, ctx, () => { formArea.replaceChildren(); button.focus(); }));
    formArea.querySelector('input, select, textarea, button')?.focus();
  };
  const button = (action, primary) => {
    const b = h('button', {
      type: 'button', class: `${primary ? 'primary' : 'secondary'} action-${action.key}`,
      'aria-expanded': 'false', 'aria-controls': `form-${id}`,
      text: t(`action.${action.key}`),
    });
    b.addEventListener('click', () => { open(action, b); b.setAttribute('aria-expanded', 'true'); });
    return b;
  };
  formArea.id = `form-${id}`;
  const [primary, ...others] = allowed;
  const status = tOr(`unit.${group.status}.${parcel.status}`, `unit.${group.status}`);
  return h('li', { class: 'unit card', 'data-line-id': group.lineId, 'data-status': group.status },
    h('h4', { class: 'unit-name', text: name }),
    h('p', { class: 'unit-meta', text: t('unit.quantity', { quantity: group.quantity, price: each }) }),
    h('p', { class: `unit-status status-${group.status.toLowerCase()}`, text: status }),
    primary ? h('p', { class: 'deadline', text: tOr(`deadline.${primary.key}.${group.actions[primary.key].coverage}`, `deadline.${primary.key}`, { date: deadline(group.actions[primary.key].until) }) }) : whyNot(parcel, group),
    primary ? h('div', { class: 'unit-actions' }, button(primary, true), others.map((a) => button(a, false))) : null,
    formArea);
}

/** For an active unit that allows nothing now: the API's reason for the action that fits its stage. */
function whyNot(parcel, group) {
  if (group.status !== 'ACTIVE') return null;
  const action = { NEW: 'cancel', PROCESSED: 'cancel', DELIVERED: 'return' }[parcel.status];
  const reason = action && group.actions[action]?.reason;
  return reason ? h('p', { class: 'muted why-not', text: localise(reason) }) : null;
}

function refundsSection(order) {
  return h('section', { id: 'refunds', 'aria-labelledby': 'refunds-heading' },
    h('h2', { id: 'refunds-heading', text: t('refunds.heading') }), refundList(order.refunds));
}

