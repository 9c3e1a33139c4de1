// The agent console: the review queue (GET /claims?status=UNDER_REVIEW, paginated; a table on wide
// screens, a card per claim on phones), a claim with its evidence through the short-lived GET URLs
// agents get, the order's refunds with those past due highlighted (GEN-5), the decision form with
// the outcomes of DOA-4/DOA-5 and the refund each would grant (POST /refunds/quote) before deciding
// — amounts typed in the currency's units and sent in minor units (GEN-1) — and, once decided, the
// claim's history: evidence, refusals, the decision and the message sent to the customer.
import { act, announce, call, h, idempotencyKey, paths, showProblem, signedIn } from '../common/api.js';
import { breakdownTable, refundList } from '../common/refunds.js';
import { ago, currencyDigits, dateTime, localise, money, t, toMinorUnits } from '../common/i18n.js';
import { renderAccount, renderSignIn, titlePage } from '../common/session.js';

const PAGE = 5;
const OUTCOMES = ['REPLACEMENT_PART', 'PARTIAL_REFUND', 'NEEDS_INFO', 'REJECTED', 'FULL_REFUND', 'FULL_REPLACEMENT'];
const main = document.getElementById('main');
const pages = [null];

titlePage('console.title');
start();

async function start() {
  renderAccount();
  if (!signedIn()) {
    await renderSignIn(main, { pickerId: 'demo-agent', label: t('signin.demoAgent'), identities: ['agent-1', 'agent-2'], groups: ['care-agents'] });
    return;
  }
  main.replaceChildren(
    h('section', { id: 'queue', class: 'card', 'aria-labelledby': 'queue-heading' },
      h('h2', { id: 'queue-heading', text: t('queue.heading') }), h('div', { id: 'queue-body' })),
    h('div', { id: 'review' }));
  await loadQueue(0);
}

async function loadQueue(index) {
  const body = document.getElementById('queue-body');
  const problem = h('div', { class: 'problem', role: 'alert', tabindex: '-1', hidden: true });
  let page;
  try {
    page = await call('GET', paths.claimQueue('UNDER_REVIEW', PAGE, pages[index]));
  } catch (error) {
    body.replaceChildren(problem);
    showProblem(problem, error);
    return;
  }
  pages[index + 1] = page.nextToken;
  const columns = ['queue.claim', 'queue.order', 'queue.problem', 'queue.coverage', 'queue.since'];
  const rows = page.claims.map((c) => h('tr', { 'data-claim-id': c.claimId },
    h('th', { scope: 'row' }, h('button', {
      type: 'button', class: 'secondary open-claim', 'aria-label': t('queue.open', { claimId: c.claimId }), text: c.claimId,
      onclick: () => review(c.claimId),
    })),
    h('td', { 'data-label': t('queue.order'), text: c.orderId }),
    h('td', { 'data-label': t('queue.problem'), text: t(`problem.${c.problem}`) }),
    h('td', { 'data-label': t('queue.coverage'), class: 'coverage', text: c.coverageUntil ? t(`coverage.${c.coverage}`, { date: dateTime(c.coverageUntil).split(',')[0] }) : c.coverage }),
    h('td', { 'data-label': t('queue.since'), text: t('queue.sinceValue', { when: dateTime(c.statusSince), ago: ago(c.statusSince) }) })));
  body.replaceChildren(
    rows.length ? h('table', { class: 'queue' },
      h('thead', {}, h('tr', {}, columns.map((k) => h('th', { scope: 'col', text: t(k) })))),
      h('tbody', {}, rows)) : h('p', { text: t('queue.empty') }),
    h('div', { class: 'buttons' },
      index > 0 ? h('button', { type: 'button', class: 'secondary', id: 'queue-first', text: t('queue.first'), onclick: () => loadQueue(0) }) : null,
      page.nextToken ? h('button', { type: 'button', class: 'secondary', id: 'queue-next', text: t('queue.next'), onclick: () => loadQueue(index + 1) }) : null,
      h('button', { type: 'button', class: 'secondary', id: 'queue-refresh', text: t('queue.refresh'), onclick: () => loadQueue(index) })));
}

async function review(claimId, done) {
  const target = document.getElementById('review');
  const problem = h('div', { class: 'problem', role: 'alert', tabindex: '-1', hidden: true });
  target.replaceChildren(problem);
  let claim;
  let order;
  try {
    claim = await call('GET', paths.claim(claimId));
    order = await call('GET', paths.order(claim.orderId));
  } catch (error) {
    showProblem(problem, error);
    return;
  }
  const line = order.lines.find((l) => l.lineId === claim.lineId) || { name: claim.lineId, components: [] };
  const heading = h('h2', { id: 'review-heading', tabindex: '-1', text: t('review.heading', { claimId }) });
  target.replaceChildren(h('section', { class: 'card', 'aria-labelledby': 'review-heading', 'data-claim-id': claimId },
    heading,
    done ? h('p', { class: 'confirmation', id: 'decision-result', text: done }) : null,
    h('p', { text: t('review.customer', { customerId: order.customerId, orderId: order.orderId, item: line.name, unit: claim.unitIndex + 1 }) }),
    h('p', { class: 'claim-status', text: t('review.status', { status: t(`agentStatus.${claim.status}`) }) }),
    claim.description ? h('p', { text: t('review.description', { description: claim.description }) }) : null,
    claim.status === 'UNDER_REVIEW' ? null : history(claim),
    h('h3', { text: t('review.evidence') }),
    h('p', { class: 'rules', text: t('review.linkNote') }),
    evidence(claim),
    h('h3', { text: t('review.orderRefunds') }),
    refundList(order.refunds, { audience: 'agent', level: 4 }),
    claim.status === 'UNDER_REVIEW' ? decisionForm(claim, order, line) : null,
    problem));
  heading.focus();
}

/** What happened to the claim, oldest first: opened, evidence in or refused, decision, message. */
function history(claim) {
  const entries = [
    [claim.openedAt, t('history.opened')],
    ...(claim.evidence.files || []).map((f) => [f.receivedAt, t('history.file', { kind: t(`kind.${f.kind}`) })]),
    ...(claim.evidence.rejected || []).map((r) => [r.at, t('history.rejected', { kind: t(`kind.${r.kind}`), reason: localise(r.reason) })]),
  ];
  if (claim.decision) {
    entries.push([claim.decision.decidedAt, t('history.decided', { outcome: t(`outcome.${claim.decision.outcome}`) })]);
    const message = claim.decision.message || claim.message;
    if (message) entries.push([claim.decision.decidedAt, t('history.message', { message })]);
  }
  entries.sort((a, b) => a[0].localeCompare(b[0]));
  return [h('h3', { text: t('review.history') }),
    h('ul', { class: 'history', id: 'claim-history' }, entries.map(([at, text]) => h('li', {}, h('span', { class: 'muted', text: `${dateTime(at)} · ` }), text)))];
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
      h('p', { class: 'rules', text: t('review.fileMeta', { type: f.contentType || '', size: Math.ceil(f.size / 1024), when: dateTime(f.receivedAt) }) }));
  }));
}

/**
 * The outcomes of DOA-4/DOA-5, each with the refund it would grant, quoted before deciding; for a
 * warranty claim (WAR-3) the API's `remedies`: only those available now, the customer's choice
 * marked, with what each needs besides (the reason the other remedy is ruled out, a finding).
 */
function decisionForm(claim, order, line) {
  if (claim.coverage === 'WARRANTY') return warrantyForm(claim, order);
  const problem = h('div', { class: 'problem', role: 'alert', tabindex: '-1', hidden: true });
  const currency = order.currency;
  const digits = currencyDigits(currency);
  const component = h('select', { id: 'decision-component' },
    h('option', { value: '', text: t('decision.componentNone') }),
    line.components.map((c) => h('option', { value: c.componentId, text: `${c.name} (${money({ amount: c.price, currency })})` })));
  const amount = h('input', { type: 'text', id: 'decision-amount', inputmode: 'decimal', autocomplete: 'off', 'aria-describedby': 'decision-amount-note' });
  const amountNote = h('p', { class: 'rules', id: 'decision-amount-note', 'aria-live': 'polite' });
  const minor = () => {
    if (!amount.value.trim()) return undefined;
    const value = toMinorUnits(amount.value, currency);
    amountNote.textContent = value === null ? t('decision.amountInvalid', { currency, digits }) : money({ amount: value, currency });
    return value;
  };
  const message = h('textarea', { id: 'decision-message', rows: '3', maxlength: '2000', required: true });
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
        const value = minor();
        if (value) quoteLine.amount = value;
        else if (component.value) quoteLine.componentId = component.value;
        else { box.textContent = t('decision.quoteNeeds'); continue; }
      }
      try {
        const quote = await call('POST', paths.quote(), { orderId: claim.orderId, kind: 'CLAIM', lines: [quoteLine] });
        box.replaceChildren(t('decision.quote', { amount: money(quote.breakdown.total) }),
          breakdownTable(quote.breakdown, t('refund.breakdown')));
      } catch (error) {
        box.textContent = localise(error.message);
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
        const body = { outcome, message: message.value };
        if (component.value && ['REPLACEMENT_PART', 'PARTIAL_REFUND'].includes(outcome)) body.componentId = component.value;
        if (outcome === 'PARTIAL_REFUND' && amount.value.trim()) {
          const value = minor();
          if (value === null) throw new Error(t('decision.amountInvalid', { currency, digits }));
          body.amount = { amount: value, currency };
        }
        const decided = await call('POST', paths.claimDecision(claim.claimId), body, idempotencyKey());
        const done = t('decision.done', { status: t(`agentStatus.${decided.status}`) });
        announce(done);
        await review(claim.claimId, done);
        await loadQueue(0);
      });
    },
  },
  h('h3', { text: t('decision.heading') }),
  h('fieldset', {}, h('legend', { text: t('decision.outcome') }), radios),
  h('label', { for: 'decision-component', text: t('decision.component') }), component,
  h('label', { for: 'decision-amount', text: t('decision.amount', { currency }) }), amount, amountNote,
  h('label', { for: 'decision-message', text: t('decision.message') }), message,
  h('div', { class: 'buttons' }, submit),
  problem);
}

/** WAR-3: the warranty remedies the API offers now, with the refund each gives (WAR-3, GEN-4). */
function warrantyForm(claim, order) {
  const problem = h('div', { class: 'problem', role: 'alert', tabindex: '-1', hidden: true });
  const currency = order.currency;
  const digits = currencyDigits(currency);
  const options = (claim.remedies || []).filter((r) => r.available);
  const amount = h('input', { type: 'text', id: 'decision-amount', inputmode: 'decimal', autocomplete: 'off', 'aria-describedby': 'decision-amount-note' });
  const amountNote = h('p', { class: 'rules', id: 'decision-amount-note', 'aria-live': 'polite' });
  const minor = () => (amount.value.trim() ? toMinorUnits(amount.value, currency) : undefined);
  const quoteOf = (outcome) => {
    if (outcome === 'PRICE_REDUCTION') {
      const value = minor();
      return value ? t('decision.quoteAmount', { amount: money({ amount: value, currency }) }) : t('decision.quoteNeeds');
    }
    if (outcome === 'REFUND_AGAINST_RETURN') return t('decision.quoteRefundPrice');
    return t('decision.quoteNone');
  };
  const quotes = new Map();
  const radios = options.map((o, i) => {
    const quote = h('span', { class: 'quote', id: `quote-${o.outcome}`, 'aria-live': 'polite', text: quoteOf(o.outcome) });
    quotes.set(o.outcome, quote);
    const notes = [o.preferred ? t('decision.preferred') : null, o.needs ? t('decision.needs', { needs: o.needs }) : null].filter(Boolean);
    return h('div', {},
      h('label', { class: 'choice', for: `outcome-${o.outcome}` },
        h('input', { type: 'radio', name: 'outcome', id: `outcome-${o.outcome}`, value: o.outcome, checked: i === 0, 'aria-describedby': `quote-${o.outcome}` }),
        t(`outcome.${o.outcome}`) + (notes.length ? ` (${notes.join('; ')})` : '')),
      quote);
  });
  amount.addEventListener('change', () => {
    const value = minor();
    amountNote.textContent = value === null ? t('decision.amountInvalid', { currency, digits }) : (value ? money({ amount: value, currency }) : '');
    quotes.get('PRICE_REDUCTION')?.replaceChildren(quoteOf('PRICE_REDUCTION'));
  });
  const ruledOutRepair = h('textarea', { id: 'decision-ruled-out-repair', rows: '2', maxlength: '2000' });
  const ruledOutReplacement = h('textarea', { id: 'decision-ruled-out-replacement', rows: '2', maxlength: '2000' });
  const finding = h('textarea', { id: 'decision-finding', rows: '2', maxlength: '2000' });
  const message = h('textarea', { id: 'decision-message', rows: '3', maxlength: '2000', required: true });
  const submit = h('button', { type: 'submit', id: 'decision-submit', text: t('decision.submit') });
  return h('form', {
    id: 'decision',
    onsubmit: (e) => {
      e.preventDefault();
      act(submit, problem, async () => {
        const outcome = document.querySelector('input[name=outcome]:checked').value;
        const body = { outcome, message: message.value };
        const ruledOut = [['REPAIR', ruledOutRepair], ['REPLACEMENT', ruledOutReplacement]]
          .filter(([, box]) => box.value.trim()).map(([remedy, box]) => ({ remedy, reason: box.value.trim() }));
        if (ruledOut.length) body.ruledOut = ruledOut;
        if (finding.value.trim()) body.finding = finding.value.trim();
        if (outcome === 'PRICE_REDUCTION') {
          const value = minor();
          if (!value) throw new Error(t('decision.amountInvalid', { currency, digits }));
          body.amount = { amount: value, currency };
        }
        const decided = await call('POST', paths.claimDecision(claim.claimId), body, idempotencyKey());
        const done = t('decision.done', { status: t(`agentStatus.${decided.status}`) });
        announce(done);
        await review(claim.claimId, done);
        await loadQueue(0);
      });
    },
  },
  h('h3', { text: t('decision.heading') }),
  h('fieldset', {}, h('legend', { text: t('decision.outcome') }), radios),
  h('label', { for: 'decision-amount', text: t('decision.amount', { currency }) }), amount, amountNote,
  h('label', { for: 'decision-ruled-out-repair', text: t('decision.ruledOutRepair') }), ruledOutRepair,
  h('label', { for: 'decision-ruled-out-replacement', text: t('decision.ruledOutReplacement') }), ruledOutReplacement,
  h('label', { for: 'decision-finding', text: t('decision.finding') }), finding,
  h('label', { for: 'decision-message', text: t('decision.message') }), message,
  h('div', { class: 'buttons' }, submit),
  problem);
}
