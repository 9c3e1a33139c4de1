// An order's events (GET /orders/{id}/events: oldest first, a page at a time, each with the state
// of the customer email sent for it) as both pages show them: what happened in one plain sentence
// per type, when, the explanation lines with their rules, and the email's state — for a customer
// in words, for an agent with its attempts and, when it failed, why.
import { call, h, paths } from './api.js';
import { dateTime, localise, money, t, tOr } from './i18n.js';

/** One page of the order's events: {events, nextToken}. */
export async function eventsPage(orderId, nextToken, limit = 10) {
  return call('GET', paths.orderEvents(orderId, limit, nextToken));
}

/** Every event of the order, page after page (the console's view of one claim). */
export async function allEvents(orderId) {
  const events = [];
  let token = null;
  do {
    const page = await eventsPage(orderId, token, 100); // each page needs the previous one's token
    events.push(...page.events);
    token = page.nextToken;
  } while (token);
  return events;
}

/** The refund an event carries (a cancellation's, a claim decision's, a refund's own), or null. */
const refundOf = (event) => event.data?.refund ?? (event.subject.kind === 'REFUND' ? event.data : null);

/** The email's state for {@code audience} ('customer' | 'agent'), or null when none was recorded. */
export function emailLine(email, audience) {
  if (!email) return null;
  const status = ['SENT', 'FAILED', 'PENDING'].includes(email.status) ? email.status : 'PENDING';
  if (audience === 'customer') {
    return h('p', { class: `email email-${status.toLowerCase()}`, text: t(`email.customer.${status}`) });
  }
  return h('p', { class: `email email-${status.toLowerCase()}`, 'data-email-status': status },
    t(`email.agent.${status}`, { attempts: email.attempts, when: dateTime(email.updatedAt) }),
    email.lastError ? h('span', { class: 'email-error', text: ` ${t('email.agent.error', { error: email.lastError })}` }) : null);
}

/** The explanation lines with their rules: folded under "Why" for a customer (phones: the news first). */
function why(explanation, audience) {
  const lines = h('ul', { class: 'event-why' },
    explanation.map((line) => h('li', { text: `${localise(line.text)} (${line.ruleId})` })));
  return audience === 'customer' ? h('details', { class: 'event-details' }, h('summary', { text: t('event.why') }), lines) : lines;
}

/**
 * One event as a list item: the sentence (a heading of {@code level}), when, the refund it names,
 * the explanation lines with their rules (a customer unfolds them), the email's state.
 */
export function eventItem(event, { audience = 'customer', level = 3 } = {}) {
  const refund = refundOf(event);
  const amount = refund?.amount?.amount !== undefined ? money(refund.amount) : '';
  return h('li', { class: 'event', 'data-event-type': event.type, 'data-subject-id': event.subject.id },
    h(`h${level}`, { class: 'event-what', text: tOr(`event.${event.type}`, 'event.other') }),
    h('p', { class: 'muted' }, h('time', { datetime: event.occurredAt, text: dateTime(event.occurredAt) })),
    amount ? h('p', { class: 'event-refund', text: t('event.refund', { amount }) }) : null,
    event.explanation?.length ? why(event.explanation, audience) : null,
    emailLine(event.email, audience));
}
