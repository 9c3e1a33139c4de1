// "What happened": the order's timeline from GET /orders/{id}/events, oldest first as the API lists
// it, a page at a time ("Show later updates" follows nextToken): each event in one plain sentence,
// when, the refund it names, the explanation with its rules, and whether we emailed the customer
// about it. An event reaches the list once it is published (within a minute of the decision):
// "Check for updates" reads the first page again. The API leaves the store-only events (an
// unannounced parcel, RET-3) out of the owner's pages, so none reaches this list.
import { act, call, h, paths } from '../common/api.js';
import { eventItem } from '../common/events.js';
import { localise, t } from '../common/i18n.js';

const PAGE = 10;

/** The first page of the order's events, or {error} when it could not be read. */
export function loadTimeline(orderId) {
  return call('GET', paths.orderEvents(orderId, PAGE)).catch((error) => ({ error }));
}

export function timelineSection(order, ctx) {
  const timeline = ctx.timeline;
  if (!timeline) return null;
  const problem = h('div', { class: 'problem', role: 'alert', tabindex: '-1', hidden: true });
  const redraw = () => {
    const section = timelineSection(order, ctx);
    document.getElementById('timeline').replaceWith(section);
    return section;
  };
  const more = timeline.nextToken
    ? h('button', { type: 'button', class: 'secondary', id: 'timeline-more', text: t('timeline.more') })
    : null;
  more?.addEventListener('click', () => act(more, problem, async () => {
    const shown = timeline.events.length;
    const page = await call('GET', paths.orderEvents(order.orderId, PAGE, timeline.nextToken));
    ctx.timeline = { events: [...timeline.events, ...page.events], nextToken: page.nextToken };
    redraw().querySelectorAll('#timeline-list > li')[shown]?.querySelector('.event-what')?.focus();
  }));
  const check = h('button', { type: 'button', class: 'secondary', id: 'timeline-refresh', text: t('timeline.refresh') });
  check.addEventListener('click', () => act(check, problem, async () => {
    ctx.timeline = await call('GET', paths.orderEvents(order.orderId, PAGE));
    redraw().querySelector('#timeline-refresh').focus();
  }));
  let body;
  if (timeline.error) body = h('p', { class: 'muted', text: t('timeline.unavailable', { reason: localise(timeline.error.message) }) });
  else if (!timeline.events.length) body = h('p', { text: t('timeline.empty') });
  else {
    body = h('ol', { class: 'timeline', id: 'timeline-list' }, timeline.events.map((event) => {
      const item = eventItem(event, { audience: 'customer', level: 3 });
      item.querySelector('.event-what').setAttribute('tabindex', '-1');
      return item;
    }));
  }
  return h('section', { id: 'timeline', 'aria-labelledby': 'timeline-heading' },
    h('h2', { id: 'timeline-heading', text: t('timeline.heading') }),
    h('p', { class: 'muted', text: t('timeline.help') }),
    body,
    h('div', { class: 'buttons' }, more, check),
    problem);
}
