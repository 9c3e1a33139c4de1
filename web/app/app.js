// The customer page: an order as the customer sees it, with what can be done now
// (the `actions` of GET /orders/{id}), cancellation, returns, DOA claims with evidence uploaded
// straight to the presigned URLs, changes before processing (changes.js), and refunds with their
// breakdown and due date.
import {
  act, announce, call, demoSignIn, h, idempotencyKey, localStack, showProblem, signOut, signedIn,
  startParameters, who,
} from '../common/api.js';
import { breakdownTable, refundList } from '../common/refunds.js';
import { changeHistory, changeResultView, changeSection, loadVariants } from './changes.js';
import { date, money, t } from '../common/i18n.js';

const main = document.getElementById('main');
const FINAL = (status) => !['AWAITING_EVIDENCE', 'UNDER_REVIEW', 'NEEDS_INFO'].includes(status);
const claimsKey = (orderId) => `aftersales.claims.${orderId}`;
let policy;
let current;
let poller;
let variants = {};

document.title = t('app.title');
document.getElementById('title').textContent = t('app.title');
document.getElementById('skip').textContent = t('skip');
start();

async function start() {
  renderAccount();
  if (!signedIn()) {
    await renderSignIn();
    return;
  }
  policy = await call('GET', '/policy').catch(() => null);
  variants = await loadVariants();
  renderLookup();
  const orderId = startParameters.get('order') || sessionStorage.getItem('aftersales.order');
  if (orderId) await showOrder(orderId);
}

function renderAccount() {
  const account = document.getElementById('account');
  account.replaceChildren();
  if (signedIn()) {
    account.append(
      h('span', { text: t('signin.as', { who: who() }) }),
      h('button', {
        class: 'secondary', type: 'button', text: t('signout'),
        onclick: () => { signOut(); sessionStorage.removeItem('aftersales.order'); location.reload(); },
      }),
    );
  }
}

async function renderSignIn() {
  const problem = h('div', { class: 'problem', role: 'alert', tabindex: '-1', hidden: true });
  const section = h('section', { 'aria-labelledby': 'signin-heading' },
    h('h2', { id: 'signin-heading', text: t('signin.heading') }));
  if (await localStack()) {
    const select = h('select', { id: 'demo-customer' },
      ['c-1001', 'c-1002'].map((id) => h('option', { value: id, text: id })));
    const button = h('button', { type: 'submit', id: 'sign-in', text: t('signin.button') });
    section.append(
      h('p', { text: t('signin.local') }),
      h('form', {
        onsubmit: (event) => {
          event.preventDefault();
          act(button, problem, async () => { await demoSignIn(select.value, []); location.reload(); });
        },
      }, h('label', { for: 'demo-customer', text: t('signin.demoCustomer') }), select, button),
      problem,
    );
  } else {
    section.append(h('p', { text: t('signin.storefront') }));
  }
  main.replaceChildren(section);
}

function renderLookup() {
  const input = h('input', { type: 'text', id: 'order-id', autocomplete: 'off', required: true,
    value: startParameters.get('order') || sessionStorage.getItem('aftersales.order') || '' });
  const button = h('button', { type: 'submit', id: 'show-order', text: t('order.show') });
  main.replaceChildren(
    h('form', { class: 'lookup', onsubmit: (e) => { e.preventDefault(); showOrder(input.value.trim()); } },
      h('label', { for: 'order-id', text: t('order.lookup') }), input, button),
    h('div', { id: 'order-problem', class: 'problem', role: 'alert', tabindex: '-1', hidden: true }),
    h('div', { id: 'order' }),
  );
}

async function showOrder(orderId) {
  const box = document.getElementById('order-problem');
  showProblem(box, null);
  try {
    current = await call('GET', `/orders/${encodeURIComponent(orderId)}`);
  } catch (error) {
    showProblem(box, error);
    return;
  }
  sessionStorage.setItem('aftersales.order', orderId);
  renderOrder(current);
  const claims = JSON.parse(localStorage.getItem(claimsKey(orderId)) || '[]');
  for (const claimId of claims) {
    try {
      addClaimPanel(await call('GET', `/claims/${encodeURIComponent(claimId)}`));
    } catch {
      // a claim this browser opened but can no longer read: leave it out
    }
  }
}

/** Reloads the order's figures and refunds (after a cancellation, return or decision). */
async function refreshOrder() {
  current = await call('GET', `/orders/${encodeURIComponent(current.orderId)}`);
  const keep = document.getElementById('claims');
  renderOrder(current, keep);
}

/** After a change: the order as it is now, then what the change did (refund, payment due). */
async function showChange(result) {
  await refreshOrder();
  const view = changeResultView(result);
  const box = document.getElementById('change-result');
  if (box) box.replaceChildren(view); else document.getElementById('changes').before(view);
  view.focus();
}

function lineName(order, lineId) {
  return order.lines.find((l) => l.lineId === lineId)?.name ?? lineId;
}

function renderOrder(order, claimsSection) {
  const container = document.getElementById('order');
  container.replaceChildren(
    h('h2', { id: 'order-heading', tabindex: '-1', text: t('order.heading', { orderId: order.orderId }) }),
    h('dl', { class: 'totals' },
      h('dt', { text: t('order.placed', { date: '' }).trim() }), h('dd', { text: date(order.placedAt) }),
      h('dt', { text: t('order.paid') }), h('dd', { id: 'paid-total', text: money(order.paidTotal) }),
      h('dt', { text: t('order.refunded') }), h('dd', { id: 'refunded-total', text: money(order.refundedTotal) })),
    parcelsSection(order),
    unitsSection(order),
    changeSection(order, variants, showChange),
    changeHistory(order),
    returnSection(order),
    claimSection(order),
    claimsSection || h('div', { id: 'claims' }),
    h('section', { id: 'refunds', 'aria-labelledby': 'refunds-heading' },
      h('h3', { id: 'refunds-heading', text: t('refunds.heading') }), refundList(order.refunds)),
  );
}

function parcelsSection(order) {
  return h('section', { 'aria-labelledby': 'parcels-heading' },
    h('h3', { id: 'parcels-heading', text: t('parcels.heading') }),
    order.parcels.map((p) => h('dl', { class: 'parcel' },
      h('dt', { text: t('parcel.label', { parcelId: p.parcelId }) }), h('dd', { text: '' }),
      h('dt', { text: t('parcel.status') }), h('dd', { class: 'parcel-status', text: p.status }),
      p.trackingNumber ? [h('dt', { text: t('parcel.tracking') }), h('dd', { text: p.trackingNumber })] : null,
      p.deliveredAt ? [h('dt', { text: t('parcel.delivered') }), h('dd', { text: date(p.deliveredAt) })] : null)));
}

function actionText(name, action) {
  const label = t(`action.${name}`);
  if (action.allowed) {
    return action.until ? t('action.allowedUntil', { action: label, date: date(action.until) })
      : t('action.allowed', { action: label });
  }
  return action.reason ? t('action.refused', { action: label, reason: action.reason })
    : t('action.refusedNoReason', { action: label });
}

function unitsSection(order) {
  const problem = h('div', { class: 'problem', role: 'alert', tabindex: '-1', hidden: true });
  const rows = order.units.map((group, i) => {
    const name = group.item?.name ?? lineName(order, group.lineId);
    const count = group.actions.cancel.allowed
      ? h('input', { type: 'number', class: 'count cancel-count', min: '0', max: String(group.quantity), value: '0',
        id: `cancel-${i}`, 'data-line-id': group.lineId,
        'aria-label': t('units.cancelCount', { name }) })
      : null;
    return h('tr', { 'data-line-id': group.lineId },
      h('th', { scope: 'row', text: name }),
      h('td', { text: group.parcelId }),
      h('td', { text: String(group.quantity) }),
      h('td', { class: 'unit-status', text: group.status }),
      h('td', {}, h('ul', { class: 'actions' }, ['cancel', 'return', 'claim', 'change'].filter((a) => group.actions[a]).map((a) =>
        h('li', { class: group.actions[a].allowed ? 'yes' : 'no', text: actionText(a, group.actions[a]) })))),
      h('td', {}, count));
  });
  const reason = h('input', { type: 'text', id: 'cancel-reason', maxlength: '500' });
  const all = h('button', { type: 'button', id: 'cancel-all', text: t('cancel.all') });
  const chosen = h('button', { type: 'button', id: 'cancel-chosen', text: t('cancel.chosen') });
  const cancel = async (lines) => {
    const body = { reason: reason.value || undefined, lines };
    const answer = await call('POST', `/orders/${encodeURIComponent(order.orderId)}/cancellation`, body, idempotencyKey());
    const count = answer.cancelled.reduce((sum, c) => sum + c.quantity, 0);
    await refreshOrder();
    announce(count ? t('cancel.done', { count }) : t('cancel.nothing'));
    document.getElementById('refunds-heading').scrollIntoView();
  };
  all.addEventListener('click', () => act(all, problem, () => cancel(undefined)));
  chosen.addEventListener('click', () => act(chosen, problem, async () => {
    const byLine = new Map();
    document.querySelectorAll('input.cancel-count').forEach((input) => {
      const n = Number(input.value);
      if (n > 0) byLine.set(input.dataset.lineId, (byLine.get(input.dataset.lineId) || 0) + n);
    });
    if (!byLine.size) throw new Error(t('cancel.noneChosen'));
    await cancel([...byLine].map(([lineId, quantity]) => ({ lineId, quantity })));
  }));
  return h('section', { 'aria-labelledby': 'units-heading' },
    h('h3', { id: 'units-heading', text: t('units.heading') }),
    h('div', { class: 'table-wrap' }, h('table', { class: 'units' },
      h('thead', {}, h('tr', {}, ['units.item', 'units.parcel', 'units.quantity', 'units.status', 'units.actions', 'action.cancel']
        .map((k) => h('th', { scope: 'col', text: t(k) })))),
      h('tbody', {}, rows))),
    h('label', { for: 'cancel-reason', text: t('cancel.reason') }), reason,
    h('div', {}, chosen, all),
    problem);
}

function lineSelect(order, id) {
  return h('select', { id }, order.lines.map((l) => h('option', { value: l.lineId, text: `${l.name} (${l.lineId})` })));
}

function enumSelect(id, prefix, values) {
  return h('select', { id }, values.map((v) => h('option', { value: v, text: t(`${prefix}.${v}`) })));
}

function returnSection(order) {
  const problem = h('div', { class: 'problem', role: 'alert', tabindex: '-1', hidden: true });
  const result = h('div', { id: 'return-result' });
  const line = lineSelect(order, 'return-line');
  const quantity = h('input', { type: 'number', class: 'count', id: 'return-quantity', min: '1', value: '1' });
  const reason = enumSelect('return-reason', 'reason', ['UNWANTED', 'DAMAGED', 'DIFFERENT', 'NOT_WORKING']);
  const condition = enumSelect('return-condition', 'condition', ['MINT_UNUSED', 'OPENED', 'USED']);
  const comment = h('input', { type: 'text', id: 'return-comment', maxlength: '500' });
  const submit = h('button', { type: 'submit', id: 'return-submit', text: t('return.submit') });
  return h('section', { 'aria-labelledby': 'return-heading' },
    h('h3', { id: 'return-heading', text: t('return.heading') }),
    h('form', {
      onsubmit: (e) => {
        e.preventDefault();
        act(submit, problem, async () => {
          const answer = await call('POST', `/orders/${encodeURIComponent(order.orderId)}/returns`, {
            lines: [{ lineId: line.value, quantity: Number(quantity.value), reason: reason.value, condition: condition.value }],
            comment: comment.value || undefined,
          }, idempotencyKey());
          result.replaceChildren(returnView(answer));
          announce(t('return.done', { rma: answer.rmaNumber }));
        });
      },
    },
    h('label', { for: 'return-line', text: t('return.line') }), line,
    h('label', { for: 'return-quantity', text: t('return.quantity') }), quantity,
    h('label', { for: 'return-reason', text: t('return.reason') }), reason,
    h('label', { for: 'return-condition', text: t('return.condition') }), condition,
    h('label', { for: 'return-comment', text: t('return.comment') }), comment,
    h('div', {}, submit)),
    problem, result);
}

function returnView(ret) {
  const address = ret.returnAddress;
  const addressText = typeof address === 'string' ? address
    : Object.values(address || {}).filter((v) => typeof v === 'string').join(', ');
  const include = (ret.mustInclude || []).flatMap((m) => m.components.map((c) => c.name || c.componentId || c));
  return h('div', { class: 'card', role: 'region', 'aria-label': ret.rmaNumber },
    h('p', { class: 'ok', text: t('return.done', { rma: ret.rmaNumber }) }),
    h('p', { text: t('return.sendBy', { date: date(ret.sendBy) }) }),
    h('address', { text: addressText }),
    include.length ? h('p', { text: t('return.include', { items: include.join(', ') }) }) : null,
    h('ul', {}, (ret.instructions || []).map((i) => h('li', { text: i }))),
    breakdownTable(ret.refundEstimate, t('return.estimate')));
}

function claimSection(order) {
  const problem = h('div', { class: 'problem', role: 'alert', tabindex: '-1', hidden: true });
  const line = lineSelect(order, 'claim-line');
  const kind = enumSelect('claim-problem', 'problem', ['NOT_WORKING', 'DAMAGED', 'DIFFERENT']);
  const description = h('textarea', { id: 'claim-description', rows: '3', maxlength: '2000' });
  const submit = h('button', { type: 'submit', id: 'claim-submit', text: t('claim.submit') });
  return h('section', { 'aria-labelledby': 'claim-heading' },
    h('h3', { id: 'claim-heading', text: t('claim.heading') }),
    h('form', {
      onsubmit: (e) => {
        e.preventDefault();
        act(submit, problem, async () => {
          const claim = await call('POST', `/orders/${encodeURIComponent(order.orderId)}/claims`,
            { lineId: line.value, problem: kind.value, description: description.value || undefined }, idempotencyKey());
          const key = claimsKey(order.orderId);
          const known = JSON.parse(localStorage.getItem(key) || '[]');
          localStorage.setItem(key, JSON.stringify([...new Set([...known, claim.claimId])]));
          const panel = addClaimPanel(claim);
          panel.querySelector('h3').focus();
          announce(t('claim.label', { claimId: claim.claimId }));
        });
      },
    },
    h('label', { for: 'claim-line', text: t('claim.line') }), line,
    h('label', { for: 'claim-problem', text: t('claim.problem') }), kind,
    h('label', { for: 'claim-description', text: t('claim.description') }), description,
    h('div', {}, submit)),
    problem);
}

/** A claim: status (kept current by polling), evidence uploads per kind, rejections, decision. */
function addClaimPanel(claim) {
  const claims = document.getElementById('claims');
  const existing = claims.querySelector(`[data-claim-id="${CSS.escape(claim.claimId)}"]`);
  const id = claim.claimId.replace(/[^A-Za-z0-9_-]/g, '');
  const panel = h('section', { class: 'claim', 'data-claim-id': claim.claimId, 'aria-labelledby': `h-${id}` },
    h('h3', { id: `h-${id}`, tabindex: '-1', text: t('claim.label', { claimId: claim.claimId }) }),
    h('p', { class: 'claim-status', 'aria-live': 'polite' }),
    h('p', { text: t('claim.evidenceHelp') }),
    h('div', { class: 'uploads' }, claim.evidence.required.map((kind) => uploadBox(claim.claimId, kind))),
    h('dl', { class: 'evidence-state' }),
    h('ul', { class: 'rejected' }),
    h('div', { class: 'decision' }));
  if (existing) existing.replaceWith(panel); else claims.append(panel);
  updateClaimPanel(panel, claim);
  startPolling();
  return panel;
}

function updateClaimPanel(panel, claim) {
  panel.dataset.status = claim.status;
  panel.querySelector('.claim-status').textContent =
    t('claim.status', { status: t(`status.${claim.status}`) });
  const kinds = (list) => list.map((k) => t(`kind.${k}`)).join(', ') || '—';
  panel.querySelector('.evidence-state').replaceChildren(
    h('dt', { text: t('claim.received') }), h('dd', { text: kinds(claim.evidence.received) }),
    h('dt', { text: t('claim.missing') }), h('dd', { text: kinds(claim.evidence.missing || []) }));
  panel.querySelector('.rejected').replaceChildren(...(claim.evidence.rejected || []).map((r) =>
    h('li', { class: 'problem', text: t('claim.rejected', { kind: t(`kind.${r.kind}`), reason: r.reason }) })));
  const accepted = new Set((claim.evidence.files || []).map((f) => f.uploadId));
  panel.querySelectorAll('.upload').forEach((box) => {
    const uploadId = box.dataset.uploadId;
    if (!uploadId) return;
    const note = box.querySelector('.upload-note');
    const rejection = (claim.evidence.rejected || []).find((r) => r.uploadId === uploadId);
    if (accepted.has(uploadId)) {
      note.textContent = t('upload.accepted', { file: box.dataset.file });
      note.className = 'upload-note ok';
    } else if (rejection) {
      note.textContent = t('claim.rejected', { kind: t(`kind.${rejection.kind}`), reason: rejection.reason });
      note.className = 'upload-note problem';
    }
  });
  panel.querySelectorAll('input[type=file]').forEach((input) => {
    input.disabled = !['AWAITING_EVIDENCE', 'NEEDS_INFO'].includes(claim.status);
  });
  const decision = panel.querySelector('.decision');
  decision.replaceChildren(...[
    claim.decision ? h('p', { text: t('claim.decision', { outcome: t(`outcome.${claim.decision.outcome}`) }) }) : null,
    claim.message ? h('p', { text: t('claim.agentMessage', { message: claim.message }) }) : null,
  ].filter(Boolean));
}

function uploadBox(claimId, kind) {
  const id = `file-${claimId.replace(/[^A-Za-z0-9_-]/g, '')}-${kind}`;
  const types = policy?.evidence?.rules?.[kind]?.allowedContentTypes ?? ['image/jpeg', 'image/png'];
  const box = h('div', { class: 'upload', 'data-kind': kind });
  const input = h('input', { type: 'file', id, accept: types.join(','), capture: 'environment' });
  const problem = h('div', { class: 'problem', role: 'alert', tabindex: '-1', hidden: true });
  input.addEventListener('change', () => {
    const file = input.files[0];
    if (file) act(input, problem, () => upload(claimId, kind, file, box));
  });
  box.append(h('label', { for: id, text: t(`kind.${kind}`) }), input, problem);
  return box;
}

/** Asks a slot for the file's real type, PUTs the file straight to storage with progress. */
async function upload(claimId, kind, file, box) {
  const slot = await call('POST', `/claims/${encodeURIComponent(claimId)}/uploads`,
    { kind, contentType: file.type || 'application/octet-stream' });
  box.querySelectorAll('progress, img, video, .upload-note').forEach((n) => n.remove());
  const progress = h('progress', { max: '100', value: '0', 'aria-label': t('upload.progress', { file: file.name }) });
  const note = h('p', { class: 'upload-note', 'aria-live': 'polite' });
  const preview = file.type.startsWith('video/')
    ? h('video', { src: URL.createObjectURL(file), muted: true, 'aria-label': t('upload.thumbnail', { file: file.name }) })
    : h('img', { src: URL.createObjectURL(file), alt: t('upload.thumbnail', { file: file.name }) });
  box.append(progress, preview, note);
  box.dataset.uploadId = slot.uploadId;
  box.dataset.file = file.name;
  const status = await new Promise((resolve) => {
    const xhr = new XMLHttpRequest();
    xhr.open(slot.method, slot.url);
    Object.entries(slot.headers).forEach(([name, value]) => xhr.setRequestHeader(name, value));
    xhr.upload.onprogress = (e) => { if (e.lengthComputable) progress.value = Math.round((100 * e.loaded) / e.total); };
    xhr.onload = () => resolve(xhr.status);
    xhr.onerror = () => resolve(0);
    xhr.send(file);
  });
  if (status < 200 || status >= 300) {
    note.textContent = t('upload.failed', { file: file.name, status });
    note.className = 'upload-note problem';
    return;
  }
  progress.value = 100;
  note.textContent = t('upload.sent', { file: file.name });
  startPolling();
}

/** Polls every open claim until none is waiting (the evidence check and the review are async). */
function startPolling() {
  if (poller) return;
  poller = setInterval(async () => {
    const panels = [...document.querySelectorAll('section.claim')];
    const open = panels.filter((p) => !FINAL(p.dataset.status) || p.querySelector('.upload-note:not(.ok):not(.problem)'));
    if (!open.length) {
      clearInterval(poller);
      poller = undefined;
      return;
    }
    for (const panel of open) {
      try {
        const claim = await call('GET', `/claims/${encodeURIComponent(panel.dataset.claimId)}`);
        const before = panel.dataset.status;
        updateClaimPanel(panel, claim);
        if (before !== claim.status) {
          announce(t('claim.status', { status: t(`status.${claim.status}`) }));
          if (FINAL(claim.status)) await refreshOrder();
        }
      } catch {
        // try again on the next tick
      }
    }
  }, 1500);
}
