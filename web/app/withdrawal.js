// "Withdraw from contract here" (Directive 2011/83/EU Art. 11a, LAW-3): on an order whose
// `actions.withdraw.allowed` the API gives (a consumer, delivery to the EU/EEA, inside the period,
// LAW-1) a section asks only what the law lets it ask — the name, the order (shown, fixed), the
// units and an email for the confirmation — then shows a separate "Confirm withdrawal" step with
// what will be sent. Confirming POSTs once (one Idempotency-Key per withdrawal: a double click is
// one withdrawal) and shows the acknowledgement: its content, the date and time received, the
// refund estimate and a button reading the stored record back (GET /withdrawals/{id}).
import { act, ApiProblem, call, h, idempotencyKey, paths } from '../common/api.js';
import { dateTime, deadline, money, t, tOr } from '../common/i18n.js';

/** The unit groups a withdrawal can take now: units still held, in a delivered parcel. */
function withdrawable(order) {
  const delivered = new Set(order.parcels.filter((p) => p.status === 'DELIVERED').map((p) => p.parcelId));
  return order.units.filter((g) => g.status === 'ACTIVE' && delivered.has(g.parcelId));
}

const nameOf = (order, lineId) => order.lines?.find((l) => l.lineId === lineId)?.name
  ?? order.units.find((g) => g.lineId === lineId)?.item?.name ?? lineId;

/** The request's units: per line the chosen counts of its groups added up (zeros left out). */
function unitsOf(groups, counts) {
  const byLine = new Map();
  groups.forEach((g, i) => byLine.set(g.lineId, (byLine.get(g.lineId) || 0) + counts[i]));
  return [...byLine].filter(([, quantity]) => quantity > 0).map(([lineId, quantity]) => ({ lineId, quantity }));
}

const unitsText = (order, units) => units
  .map((u) => t('withdrawal.unit', { quantity: u.quantity, name: nameOf(order, u.lineId) })).join(', ');

/** An API refusal in the messages file's words (its code's text), never the code itself. */
async function inWords(action) {
  try {
    return await action();
  } catch (error) {
    if (!(error instanceof ApiProblem) || !error.problem.code) throw error;
    const detail = tOr(`withdrawal.problem.${error.problem.code}`, 'withdrawal.problem.other');
    throw new ApiProblem(error.status, { ...error.problem, detail, code: undefined, errors: [] });
  }
}

const problemBox = () => h('div', { class: 'problem', role: 'alert', tabindex: '-1', hidden: true });

/** The section of the order page; null when the law gives this order no withdrawal now. */
export function withdrawalSection(order, ctx) {
  const withdraw = order.actions?.withdraw;
  const groups = withdrawable(order);
  if (!withdraw?.allowed || !groups.length) return null;
  const section = h('section', { id: 'withdrawal', class: 'card withdrawal', 'aria-labelledby': 'withdrawal-heading' });
  const state = { name: '', email: order.contact?.email || '', counts: groups.map((g) => g.quantity) };
  const show = (...children) => {
    section.replaceChildren(h('h2', { id: 'withdrawal-heading', tabindex: '-1', text: t('withdrawal.heading') }), ...children);
  };
  const intro = () => show(
    h('p', { class: 'withdrawal-until', text: withdraw.until ? t('withdrawal.until', { date: deadline(withdraw.until) }) : t('withdrawal.open') }),
    h('button', { type: 'button', class: 'primary', id: 'withdrawal-start', text: t('withdrawal.start'), onclick: () => form() }));
  const form = () => {
    const problem = problemBox();
    const name = h('input', { type: 'text', id: 'withdrawal-name', required: true, maxlength: '200', autocomplete: 'name', value: state.name });
    const email = h('input', { type: 'email', id: 'withdrawal-email', maxlength: '254', autocomplete: 'email', value: state.email });
    const counts = groups.map((g, i) => h('input', {
      type: 'number', class: 'count withdrawal-count', id: `withdrawal-count-${i}`, min: '0', max: String(g.quantity),
      value: String(state.counts[i]), inputmode: 'numeric', 'data-line-id': g.lineId,
    }));
    show(
      h('form', {
        class: 'action-form withdrawal-form',
        onsubmit: (e) => {
          e.preventDefault();
          const chosen = counts.map((c, i) => Math.max(0, Math.min(groups[i].quantity, Math.floor(Number(c.value) || 0))));
          Object.assign(state, { name: name.value.trim(), email: email.value.trim(), counts: chosen });
          if (!unitsOf(groups, chosen).length) {
            problem.replaceChildren(h('p', { text: t('withdrawal.noUnits') }));
            problem.hidden = false;
            problem.focus();
            return;
          }
          review();
        },
      },
      h('p', { class: 'muted', text: t('withdrawal.help') }),
      h('p', { class: 'withdrawal-order', text: t('withdrawal.order', { orderId: order.orderId }) }),
      h('label', { for: name.id, text: t('withdrawal.name') }), name,
      h('fieldset', {}, h('legend', { text: t('withdrawal.units') }),
        groups.map((g, i) => [h('label', { for: counts[i].id, text: t('withdrawal.count', { name: nameOf(order, g.lineId), quantity: g.quantity }) }), counts[i]])),
      h('label', { for: email.id, text: t('withdrawal.email') }), email,
      h('div', { class: 'buttons' },
        h('button', { type: 'submit', class: 'primary', id: 'withdrawal-next', text: t('withdrawal.next') }),
        h('button', { type: 'button', class: 'secondary', text: t('form.close'), onclick: () => { intro(); section.querySelector('#withdrawal-start').focus(); } })),
      problem));
    name.focus();
  };
  const review = () => {
    const units = unitsOf(groups, state.counts);
    const problem = problemBox();
    const key = idempotencyKey();
    const confirmButton = h('button', { type: 'button', class: 'primary', id: 'withdrawal-confirm', text: t('withdrawal.confirm') });
    confirmButton.addEventListener('click', () => act(confirmButton, problem, () => inWords(async () => {
      const body = { name: state.name, email: state.email || undefined, units };
      const withdrawal = await call('POST', paths.orderWithdrawals(order.orderId), body, key);
      await ctx.refresh();
      acknowledge(order, withdrawal, ctx);
    })));
    show(
      h('div', { class: 'withdrawal-review' },
        h('p', { text: t('withdrawal.reviewIntro') }),
        h('dl', { class: 'withdrawal-summary' },
          h('div', {}, h('dt', { text: t('withdrawal.name') }), h('dd', { text: state.name })),
          h('div', {}, h('dt', { text: t('withdrawal.orderLabel') }), h('dd', { text: order.orderId })),
          h('div', {}, h('dt', { text: t('withdrawal.units') }), h('dd', { text: unitsText(order, units) })),
          h('div', {}, h('dt', { text: t('withdrawal.email') }), h('dd', { text: state.email || t('withdrawal.noEmail') }))),
        h('div', { class: 'buttons' }, confirmButton,
          h('button', { type: 'button', class: 'secondary', id: 'withdrawal-back', text: t('withdrawal.back'), onclick: () => form() })),
        problem));
    section.querySelector('#withdrawal-heading').focus();
  };
  intro();
  return section;
}

/** Where the acknowledgement email stands (LAW-3): sent when, on its way, failed, or no address. */
function emailState(ack) {
  switch (ack.status) {
    case 'SENT': return t('withdrawal.emailSent', { email: ack.sentTo, when: dateTime(ack.sentAt) });
    case 'FAILED': return t('withdrawal.emailFailed');
    case 'NO_ADDRESS': return t('withdrawal.emailNone');
    default: return t('withdrawal.emailPending', { email: ack.sentTo });
  }
}

/** The acknowledgement (Art. 11a(3)): content, date and time received, refund, the stored record. */
function acknowledge(order, withdrawal, ctx) {
  const record = h('div', { class: 'withdrawal-record', id: 'withdrawal-record', hidden: true });
  const problem = problemBox();
  const read = h('button', { type: 'button', class: 'secondary', id: 'withdrawal-read', text: t('withdrawal.read') });
  read.addEventListener('click', () => act(read, problem, () => inWords(async () => {
    const stored = await call('GET', paths.withdrawal(withdrawal.withdrawalId));
    const r = stored.acknowledgement.record;
    record.replaceChildren(
      h('h3', { text: t('withdrawal.recordHeading') }),
      h('p', { class: 'withdrawal-statement', text: r.statement }),
      h('p', { text: t('withdrawal.recordName', { name: r.name }) }),
      h('p', { text: t('withdrawal.recordUnits', { units: unitsText(order, r.units) }) }),
      h('p', { class: 'withdrawal-record-received', text: t('withdrawal.received', { when: dateTime(r.receivedAt) }) }),
      h('p', { class: 'withdrawal-email-state', text: emailState(stored.acknowledgement) }));
    record.hidden = false;
  })));
  ctx.confirm({
    heading: t('withdrawal.doneHeading'),
    lines: [
      t('withdrawal.done', { units: unitsText(order, withdrawal.units), orderId: withdrawal.orderId }),
      t('withdrawal.received', { when: dateTime(withdrawal.receivedAt) }),
      t('withdrawal.estimate', { amount: money(withdrawal.refundEstimate) }),
      withdrawal.acknowledgement.sentTo ? t('withdrawal.emailTo', { email: withdrawal.acknowledgement.sentTo }) : null,
      h('div', { class: 'buttons' }, read), problem, record,
    ],
  });
  document.getElementById('confirmation').dataset.withdrawalId = withdrawal.withdrawalId;
}
