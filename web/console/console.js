// The agent console: the review queue (GET /claims?status=UNDER_REVIEW, paginated), a
// claim with its evidence through the short-lived GET URLs agents get, the order's refunds with
// those past due highlighted (GEN-5), and the decision form with the outcomes of DOA-4/DOA-5 and
// the refund each would grant (POST /refunds/quote) before deciding.
import {
  act, announce, call, demoSignIn, h, idempotencyKey, localStack, showProblem, signOut, signedIn,
  who,
} from '../common/api.js';
import { breakdownTable, refundList } from '../common/refunds.js';
import { date, money, t } from '../common/i18n.js';

const PAGE = 5;
const OUTCOMES = ['REPLACEMENT_PART', 'PARTIAL_REFUND', 'NEEDS_INFO', 'REJECTED', 'FULL_REFUND', 'FULL_REPLACEMENT'];
const main = document.getElementById('main');
const pages = [null];

document.title = t('console.title');
document.getElementById('title').textContent = t('console.title');
document.getElementById('skip').textContent = t('skip');
start();

async function start() {
  const account = document.getElementById('account');
  if (!signedIn()) {
    await renderSignIn();
    return;
  }
  account.append(h('span', { text: t('signin.as', { who: who() }) }),
    h('button', { class: 'secondary', type: 'button', text: t('signout'), onclick: () => { signOut(); location.reload(); } }));
  main.replaceChildren(
    h('section', { id: 'queue', 'aria-labelledby': 'queue-heading' },
      h('h2', { id: 'queue-heading', text: t('queue.heading') }), h('div', { id: 'queue-body' })),
    h('div', { id: 'review' }));
  await loadQueue(0);
}

async function renderSignIn() {
  const problem = h('div', { class: 'problem', role: 'alert', tabindex: '-1', hidden: true });
  const section = h('section', { 'aria-labelledby': 'signin-heading' }, h('h2', { id: 'signin-heading', text: t('signin.heading') }));
  if (await localStack()) {
    const select = h('select', { id: 'demo-agent' }, ['agent-1', 'agent-2'].map((id) => h('option', { value: id, text: id })));
    const button = h('button', { type: 'submit', id: 'sign-in', text: t('signin.button') });
    section.append(h('p', { text: t('signin.local') }),
      h('form', { onsubmit: (e) => { e.preventDefault(); act(button, problem, async () => { await demoSignIn(select.value, ['care-agents']); location.reload(); }); } },
        h('label', { for: 'demo-agent', text: t('signin.demoAgent') }), select, button), problem);
  } else {
    section.append(h('p', { text: t('signin.storefront') }));
  }
  main.replaceChildren(section);
}

async function loadQueue(index) {
  const body = document.getElementById('queue-body');
  const problem = h('div', { class: 'problem', role: 'alert', tabindex: '-1', hidden: true });
  let page;
  try {
    const token = pages[index];
    page = await call('GET', `/claims?status=UNDER_REVIEW&limit=${PAGE}${token ? `&nextToken=${encodeURIComponent(token)}` : ''}`);
  } catch (error) {
    body.replaceChildren(problem);
    showProblem(problem, error);
    return;
  }
  pages[index + 1] = page.nextToken;
  const rows = page.claims.map((c) => h('tr', { 'data-claim-id': c.claimId },
    h('th', { scope: 'row' }, h('button', { type: 'button', class: 'secondary open-claim', 'aria-label': t('queue.open', { claimId: c.claimId }), text: c.claimId, onclick: () => review(c.claimId) })),
    h('td', { text: c.orderId }), h('td', { text: t(`problem.${c.problem}`) }), h('td', { text: date(c.statusSince) })));
  body.replaceChildren(
    rows.length ? h('div', { class: 'table-wrap' }, h('table', {},
      h('thead', {}, h('tr', {}, ['queue.claim', 'queue.order', 'queue.problem', 'queue.since'].map((k) => h('th', { scope: 'col', text: t(k) })))),
      h('tbody', {}, rows))) : h('p', { text: t('queue.empty') }),
    h('div', {},
      index > 0 ? h('button', { type: 'button', class: 'secondary', id: 'queue-first', text: t('queue.first'), onclick: () => loadQueue(0) }) : null,
      page.nextToken ? h('button', { type: 'button', class: 'secondary', id: 'queue-next', text: t('queue.next'), onclick: () => loadQueue(index + 1) }) : null,
      h('button', { type: 'button', class: 'secondary', id: 'queue-refresh', text: t('queue.refresh'), onclick: () => loadQueue(index) })));
}

async function review(claimId) {
  const target = document.getElementById('review');
  const problem = h('div', { class: 'problem', role: 'alert', tabindex: '-1', hidden: true });
  target.replaceChildren(problem);
  let claim;
  let order;
  try {
    claim = await call('GET', `/claims/${encodeURIComponent(claimId)}`);
    order = await call('GET', `/orders/${encodeURIComponent(claim.orderId)}`);
  } catch (error) {
    showProblem(problem, error);
    return;
  }
  const line = order.lines.find((l) => l.lineId === claim.lineId) || { name: claim.lineId, components: [] };
  const heading = h('h2', { id: 'review-heading', tabindex: '-1', text: t('review.heading', { claimId }) });
  target.replaceChildren(h('section', { 'aria-labelledby': 'review-heading', 'data-claim-id': claimId },
    heading,
    h('p', { text: t('review.customer', { customerId: order.customerId, orderId: order.orderId, item: line.name, unit: claim.unitIndex + 1 }) }),
    h('p', { text: t('claim.status', { status: t(`status.${claim.status}`) }), class: 'claim-status' }),
    claim.description ? h('p', { text: t('review.description', { description: claim.description }) }) : null,
    h('h3', { text: t('review.evidence') }),
    h('p', { class: 'rules', text: t('review.linkNote') }),
    evidence(claim),
    h('h3', { text: t('review.orderRefunds') }),
    refundList(order.refunds),
    claim.status === 'UNDER_REVIEW' ? decisionForm(claim, order, line) : null,
    problem));
  heading.focus();
}

function evidence(claim) {
  const files = claim.evidence.files || [];
  if (!files.length) return h('p', { text: t('review.noEvidence') });
  return h('ul', { class: 'evidence' }, files.map((f) => {
    const label = t('review.evidenceAlt', { kind: t(`kind.${f.kind}`), uploadId: f.uploadId });
    // Media elements only: an <img>/<video> never runs a file as a page, whatever its bytes; the URL
    // also forces the checked type and Content-Disposition: attachment (opened directly: downloaded).
    const media = (f.contentType || '').startsWith('video/')
      ? h('video', { src: f.url, controls: true, preload: 'metadata', 'aria-label': label })
      : h('img', { src: f.url, alt: label, referrerpolicy: 'no-referrer' });
    return h('li', { class: 'card' }, h('h4', { text: t(`kind.${f.kind}`) }), media,
      h('p', { class: 'rules', text: `${f.contentType || ''} · ${Math.ceil(f.size / 1024)} KiB` }));
  }));
}

/** The outcomes of DOA-4/DOA-5, each with the refund it would grant, quoted before deciding. */
function decisionForm(claim, order, line) {
  const problem = h('div', { class: 'problem', role: 'alert', tabindex: '-1', hidden: true });
  const currency = order.currency;
  const component = h('select', { id: 'decision-component' },
    h('option', { value: '', text: '—' }),
    line.components.map((c) => h('option', { value: c.componentId, text: `${c.name} (${money({ amount: c.price, currency })})` })));
  const amount = h('input', { type: 'number', id: 'decision-amount', min: '1', step: '1', inputmode: 'numeric' });
  const message = h('textarea', { id: 'decision-message', rows: '3', maxlength: '2000' });
  const quotes = new Map();
  const radios = OUTCOMES.map((outcome, i) => {
    const quote = h('span', { class: 'quote', id: `quote-${outcome}`, 'aria-live': 'polite' });
    quotes.set(outcome, quote);
    return h('div', {},
      h('label', { class: 'choice', for: `outcome-${outcome}` },
        h('input', { type: 'radio', name: 'outcome', id: `outcome-${outcome}`, value: outcome, checked: i === 0, 'aria-describedby': `quote-${outcome}` }),
        t(`outcome.${outcome}`)),
      quote);
  });
  const refreshQuotes = async () => {
    for (const outcome of OUTCOMES) {
      const box = quotes.get(outcome);
      if (outcome !== 'PARTIAL_REFUND' && outcome !== 'FULL_REFUND') {
        box.textContent = t('decision.quoteNone');
        continue;
      }
      const quoteLine = { lineId: claim.lineId, outcome };
      if (outcome === 'PARTIAL_REFUND') {
        if (amount.value) quoteLine.amount = Number(amount.value);
        else if (component.value) quoteLine.componentId = component.value;
        else { box.textContent = t('decision.quoteNeeds'); continue; }
      }
      try {
        const quote = await call('POST', '/refunds/quote', { orderId: claim.orderId, kind: 'CLAIM', lines: [quoteLine] });
        box.replaceChildren(t('decision.quote', { amount: money(quote.breakdown.total) }),
          breakdownTable(quote.breakdown, t('refund.breakdown')));
      } catch (error) {
        box.textContent = error.message;
      }
    }
  };
  component.addEventListener('change', refreshQuotes);
  amount.addEventListener('change', refreshQuotes);
  refreshQuotes();
  const submit = h('button', { type: 'submit', id: 'decision-submit', text: t('decision.submit') });
  return h('form', {
    id: 'decision',
    onsubmit: (e) => {
      e.preventDefault();
      act(submit, problem, async () => {
        const outcome = document.querySelector('input[name=outcome]:checked').value;
        const body = { outcome, message: message.value || undefined };
        if (component.value && ['REPLACEMENT_PART', 'PARTIAL_REFUND'].includes(outcome)) body.componentId = component.value;
        if (amount.value && outcome === 'PARTIAL_REFUND') body.amount = { amount: Number(amount.value), currency };
        const decided = await call('POST', `/claims/${encodeURIComponent(claim.claimId)}/decision`, body, idempotencyKey());
        announce(t('decision.done', { status: t(`status.${decided.status}`) }));
        await review(claim.claimId);
        document.getElementById('review-heading').after(h('p', { class: 'ok', id: 'decision-result', text: t('decision.done', { status: t(`status.${decided.status}`) }) }));
        await loadQueue(0);
      });
    },
  },
  h('h3', { text: t('decision.heading') }),
  h('fieldset', {}, h('legend', { text: t('decision.outcome') }), radios),
  h('label', { for: 'decision-component', text: t('decision.component') }), component,
  h('label', { for: 'decision-amount', text: t('decision.amount', { currency }) }), amount,
  h('label', { for: 'decision-message', text: t('decision.message') }), message,
  h('div', {}, submit),
  problem);
}
