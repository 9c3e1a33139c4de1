// The agent console: the review queue (GET /claims?status=UNDER_REVIEW, paginated; a table on wide
// screens, a card per claim on phones), a claim with its evidence through the short-lived GET URLs
// agents get, the order's refunds with those past due highlighted (GEN-5), the decision form with
// the outcomes of DOA-4/DOA-5 and the refund each would grant (POST /refunds/quote) before deciding
// — amounts typed in the currency's units and sent in minor units (GEN-1) — and, once decided, the
// claim's history: evidence, refusals, the decision and the message sent to the customer. The
// outcomes offered and their refunds are the server's (GET /claims/{id}/remedies: WAR-3, DOA-4,
// DOA-5, GEN-4); the claim's emails (the order's events that concern it, GET /orders/{id}/events)
// show each email's state: sent, failed or pending, its attempts and, when it failed, why (MSG-3).
// /console/#claim=<claimId> opens that claim under the queue (any state, e.g. waiting for the
// customer after NEEDS_INFO).
import { act, announce, call, h, idempotencyKey, paths, showProblem, signedIn, startParameters } from '../common/api.js';
import { breakdownTable, refundList } from '../common/refunds.js';
import { allEvents, eventItem } from '../common/events.js';
import { ago, currencyDigits, dateTime, localise, money, t, tOr, toMinorUnits } from '../common/i18n.js';
import { renderAccount, renderSignIn, titlePage } from '../common/session.js';

const PAGE = 5;
/** The states in which a claim takes a decision (GET /claims/{id}/remedies lists what is open then). */
const DECIDABLE = ['UNDER_REVIEW', 'NEEDS_INFO'];
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
  const linked = startParameters.get('claim'); // a link to one claim: /console/#claim=<claimId>
  if (linked) await review(linked);
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
  let offered;
  let events;
  try {
    claim = await call('GET', paths.claim(claimId));
    [order, offered, events] = await Promise.all([
      call('GET', paths.order(claim.orderId)),
      DECIDABLE.includes(claim.status) ? call('GET', paths.claimRemedies(claimId)) : null,
      allEvents(claim.orderId).catch((error) => ({ error })),
    ]);
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
    claimEmails(claim, events),
    h('h3', { text: t('review.evidence') }),
    h('p', { class: 'rules', text: t('review.linkNote') }),
    evidence(claim),
    h('h3', { text: t('review.orderRefunds') }),
    refundList(order.refunds, { audience: 'agent', level: 4 }),
    offered?.remedies.length ? decisionForm(claim, order, line, offered) : null,
    problem));
  heading.focus();
}

/** Whether an order's event concerns the claim: its own, or its refund's. */
const concerns = (claim) => (event) => (event.subject.kind === 'CLAIM' && event.subject.id === claim.claimId)
  || (event.subject.kind === 'REFUND' && Boolean(claim.refund) && event.subject.id === claim.refund.refundId);

/** MSG-3: what the customer was told about this claim, each email's state (attempts, last error). */
function claimEmails(claim, events) {
  const mine = events.error ? [] : events.filter(concerns(claim));
  return [h('h3', { id: 'claim-emails-heading', text: t('review.emails') }),
    events.error ? h('p', { class: 'rules', text: t('review.emailsUnavailable', { reason: localise(events.error.message) }) })
      : mine.length ? h('ul', { class: 'events', id: 'claim-emails', 'aria-labelledby': 'claim-emails-heading' },
        mine.map((event) => eventItem(event, { audience: 'agent', level: 4 })))
        : h('p', { id: 'claim-emails', text: t('review.noEmails') })];
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

/** What the server's quote of an outcome says it refunds (GET /claims/{id}/remedies). */
function offeredRefund(remedy) {
  const { basis, amount, breakdown } = remedy.refund;
  if (basis === 'EXACT') {
    return [t('decision.quote', { amount: money(amount) }), breakdown ? breakdownTable(breakdown, t('refund.breakdown')) : null];
  }
  return basis === 'UP_TO' ? [t('decision.quoteUpTo', { amount: money(amount) })] : [t('decision.quoteNone')];
}

/**
 * The outcomes available now as radios (GET /claims/{id}/remedies: WAR-3's order, the customer's
 * choice marked, what each needs besides), each with the refund the server quotes for it.
 */
function outcomeRadios(offered) {
  const quotes = new Map();
  const radios = offered.remedies.map((remedy, i) => {
    const quote = h('span', { class: 'quote', id: `quote-${remedy.outcome}`, 'aria-live': 'polite' }, offeredRefund(remedy));
    quotes.set(remedy.outcome, quote);
    const notes = [remedy.preferred ? t('decision.preferred') : null,
      remedy.needs.length ? t('decision.needs', { needs: remedy.needs.map((n) => tOr(`needs.${n}`, 'needs.other', { field: n })).join(', ') }) : null].filter(Boolean);
    return h('div', {},
      h('label', { class: 'choice', for: `outcome-${remedy.outcome}` },
        h('input', { type: 'radio', name: 'outcome', id: `outcome-${remedy.outcome}`, value: remedy.outcome, checked: i === 0, 'aria-describedby': `quote-${remedy.outcome}` }),
        t(`outcome.${remedy.outcome}`) + (notes.length ? ` (${notes.join('; ')})` : '')),
      quote);
  });
  return { radios, quotes };
}

/** Records the decision and shows the claim again with what was decided. */
async function submitDecision(claim, body) {
  const decided = await call('POST', paths.claimDecision(claim.claimId), body, idempotencyKey());
  const done = t('decision.done', { status: t(`agentStatus.${decided.status}`) });
  announce(done);
  await review(claim.claimId, done);
  await loadQueue(0);
}

/**
 * The outcomes of DOA-4/DOA-5 the server offers now, each with the refund it quotes; a partial
 * refund for a chosen part or a typed amount is quoted again by POST /refunds/quote. For a warranty
 * claim (WAR-3) the remedies form.
 */
function decisionForm(claim, order, line, offered) {
  if (claim.coverage === 'WARRANTY') return warrantyForm(claim, order, offered);
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
  const { radios, quotes } = outcomeRadios(offered);
  const partial = offered.remedies.find((r) => r.outcome === 'PARTIAL_REFUND');
  const requote = async () => {
    const box = quotes.get('PARTIAL_REFUND');
    if (!box) return;
    const quoteLine = { lineId: claim.lineId, outcome: 'PARTIAL_REFUND' };
    const value = minor();
    if (value) quoteLine.amount = value;
    else if (component.value) quoteLine.componentId = component.value;
    else { box.replaceChildren(...offeredRefund(partial)); return; }
    try {
      const quote = await call('POST', paths.quote(), { orderId: claim.orderId, kind: 'CLAIM', lines: [quoteLine] });
      box.replaceChildren(t('decision.quote', { amount: money(quote.breakdown.total) }),
        breakdownTable(quote.breakdown, t('refund.breakdown')));
    } catch (error) {
      box.textContent = localise(error.message);
    }
  };
  component.addEventListener('change', requote);
  amount.addEventListener('change', requote);
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
        await submitDecision(claim, body);
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

/**
 * WAR-3: the remedies the server offers now, each with the refund it quotes (a price reduction up
 * to what is left of the unit's paid price, GEN-4; a refund against the return exactly), and what
 * each needs besides: the reason another remedy is ruled out, a finding inside WAR-5's presumption.
 */
function warrantyForm(claim, order, offered) {
  const problem = h('div', { class: 'problem', role: 'alert', tabindex: '-1', hidden: true });
  const currency = order.currency;
  const digits = currencyDigits(currency);
  const amount = h('input', { type: 'text', id: 'decision-amount', inputmode: 'decimal', autocomplete: 'off', 'aria-describedby': 'decision-amount-note' });
  const amountNote = h('p', { class: 'rules', id: 'decision-amount-note', 'aria-live': 'polite' });
  const minor = () => (amount.value.trim() ? toMinorUnits(amount.value, currency) : undefined);
  const { radios, quotes } = outcomeRadios(offered);
  const reduction = offered.remedies.find((r) => r.outcome === 'PRICE_REDUCTION');
  amount.addEventListener('change', () => {
    const value = minor();
    amountNote.textContent = value === null ? t('decision.amountInvalid', { currency, digits }) : (value ? money({ amount: value, currency }) : '');
    if (!reduction) return;
    const cap = reduction.refund.amount;
    quotes.get('PRICE_REDUCTION').replaceChildren(...(value && value <= cap.amount
      ? [t('decision.quote', { amount: money({ amount: value, currency }) })]
      : value ? [t('decision.aboveCap', { amount: money(cap) })] : offeredRefund(reduction)));
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
        await submitDecision(claim, body);
      });
    },
  },
  h('h3', { text: t('decision.heading') }),
  h('fieldset', {}, h('legend', { text: t('decision.outcome') }), radios),
  reduction ? [h('label', { for: 'decision-amount', text: t('decision.amount', { currency }) }), amount, amountNote] : null,
  h('label', { for: 'decision-ruled-out-repair', text: t('decision.ruledOutRepair') }), ruledOutRepair,
  h('label', { for: 'decision-ruled-out-replacement', text: t('decision.ruledOutReplacement') }), ruledOutReplacement,
  h('label', { for: 'decision-finding', text: t('decision.finding') }), finding,
  h('label', { for: 'decision-message', text: t('decision.message') }), message,
  h('div', { class: 'buttons' }, submit),
  problem);
}
