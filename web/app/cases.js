// The order's returns and claims as the API lists them (GET /orders/{id}/returns, …/claims), each a
// card that follows its state: a return waiting for its parcel says where and by when to send it
// and offers "Withdraw" while the API allows it; a claim waiting for evidence offers one upload per
// kind still missing (a slot asked for the file's real type, the file PUT straight to storage, a
// progress bar and a thumbnail, the check's verdict); a claim under review or decided offers no
// upload, only where it stands, customer care's message and its refund. While a file is being
// checked the page looks at the claims every 1.5 s, while a claim is under review every 30 s, and
// reads the order again when one changes state.
import { act, announce, call, h, idempotencyKey, paths } from '../common/api.js';
import { date, deadline, localise, money, t } from '../common/i18n.js';
import { breakdownDetails } from '../common/refunds.js';

const lineName = (order, lineId) => order.lines.find((l) => l.lineId === lineId)?.name ?? lineId;

// ---------------------------------------------------------------- returns

export function returnsSection(order, ctx) {
  if (!ctx.returns.length) return null;
  return h('section', { id: 'returns', 'aria-labelledby': 'returns-heading' },
    h('h2', { id: 'returns-heading', text: t('returns.heading') }),
    ctx.returns.map((r) => returnCard(order, r, ctx)));
}

function returnCard(order, ret, ctx) {
  const items = [...new Set(ret.units.map((u) => lineName(order, u.lineId)))].join(', ');
  const headingId = `return-${ret.returnId.replace(/[^A-Za-z0-9_-]/g, '')}`;
  const send = ret.actions.send;
  const address = ret.returnAddress;
  const include = (ret.mustInclude || []).flatMap((m) => m.components);
  const problem = h('div', { class: 'problem', role: 'alert', tabindex: '-1', hidden: true });
  const withdraw = ret.actions.withdraw.allowed
    ? h('button', { type: 'button', class: 'secondary withdraw-return', text: t('returnCase.withdraw') })
    : null;
  withdraw?.addEventListener('click', () => act(withdraw, problem, async () => {
    await call('POST', paths.returnWithdrawal(ret.returnId), {}, idempotencyKey());
    await ctx.refresh();
    ctx.confirm({ lines: [t('returnCase.withdrawn', { rma: ret.rmaNumber })] });
  }));
  return h('article', { class: 'card return', 'data-return-id': ret.returnId, 'data-status': ret.status, 'aria-labelledby': headingId },
    h('h3', { id: headingId, text: t('returnCase.heading', { rma: ret.rmaNumber, items }) }),
    h('p', { class: `case-status status-${ret.status.toLowerCase()}`, text: t(`returnStatus.${ret.status}`) }),
    ret.authorizedAt ? h('p', { class: 'muted', text: t('returnCase.requested', { date: date(ret.authorizedAt) }) }) : null,
    send.allowed ? [
      h('p', { class: 'deadline', text: t('returnCase.sendBy', { date: deadline(send.until) }) }),
      address ? h('address', {}, [address.recipient, ...address.lines, address.countryCode].flatMap((line, i) => (i ? [h('br'), line] : [line]))) : null,
      include.length ? h('p', { text: t('returnCase.include', { items: include.join(', ') }) }) : null,
      h('ul', { class: 'instructions' }, (ret.instructions || []).map((i) => h('li', { text: localise(i) }))),
    ] : null,
    ret.refund ? h('p', { class: 'ok', text: t('returnCase.refund', { amount: money(ret.refund.amount), date: date(ret.refund.dueBy) }) })
      : ret.refundEstimate && send.allowed ? breakdownDetails(ret.refundEstimate, t('returnCase.estimate', { amount: money(ret.refundEstimate.total) })) : null,
    ret.note ? h('p', { class: 'muted', text: localise(ret.note) }) : null,
    withdraw ? h('div', { class: 'buttons' }, withdraw) : null,
    problem);
}

// ---------------------------------------------------------------- claims

/** Files this page sent, per claim and kind: name, preview URL, upload id, how far it got. */
const sent = new Map();
const sentFor = (claimId) => { if (!sent.has(claimId)) sent.set(claimId, new Map()); return sent.get(claimId); };

export function claimsSection(order, ctx) {
  if (!ctx.claims.length) return null;
  return h('section', { id: 'claims', 'aria-labelledby': 'claims-heading' },
    h('h2', { id: 'claims-heading', text: t('claims.heading') }),
    ctx.claims.map((claim) => claimCard(order, claim, ctx)));
}

function claimCard(order, claim, ctx) {
  const headingId = `claim-${claim.claimId.replace(/[^A-Za-z0-9_-]/g, '')}`;
  const upload = claim.actions.upload;
  const message = claim.decision?.message || claim.message;
  const missing = claim.evidence.missing?.length ? claim.evidence.missing : claim.evidence.required;
  const received = claim.evidence.received.map((k) => t(`kind.${k}`)).join(', ');
  return h('article', {
    class: 'card claim', 'data-claim-id': claim.claimId, 'data-status': claim.status, 'aria-labelledby': headingId,
  },
  h('h3', { id: headingId, tabindex: '-1', text: t('claimCase.heading', { item: lineName(order, claim.lineId) }) }),
  h('p', { class: `case-status claim-status status-${claim.status.toLowerCase()}`, text: t(`claimStatus.${claim.status}`) }),
  h('p', { class: 'muted', text: t('claimCase.opened', { date: date(claim.openedAt) }) }),
  claim.coverage && claim.coverageUntil ? h('p', { class: 'muted coverage', text: t(`claimCase.coverage.${claim.coverage}`, { date: date(claim.coverageUntil) }) }) : null,
  claim.finding ? h('p', { class: 'finding', text: t('claimCase.finding', { finding: claim.finding }) }) : null,
  claim.repair ? repairProgress(claim.repair) : null,
  message ? h('blockquote', { class: 'agent-message', text: t('claimCase.agentMessage', { message }) }) : null,
  claim.refund ? h('p', { class: 'ok', text: t('claimCase.refund', { amount: money(claim.refund.amount), date: date(claim.refund.dueBy) }) }) : null,
  upload.allowed ? [
    h('p', { class: 'deadline', text: t('claimCase.uploadHelp', { date: deadline(upload.until) }) }),
    h('div', { class: 'uploads' }, missing.map((kind) => uploadBox(claim, kind, ctx))),
  ] : null,
  received ? h('p', { class: 'muted received', text: t('claimCase.received', { kinds: received }) }) : null);
}

/** WAR-4: where to send the unit, who pays the shipping, and each step the store recorded. */
function repairProgress(repair) {
  return h('div', { class: 'repair' },
    h('p', { text: t(repair.shippingPaidBy === 'STORE' ? 'claimCase.repairSendTo' : 'claimCase.repairSendToCustomer') }),
    h('address', {}, [repair.sendTo.recipient, ...repair.sendTo.lines, repair.sendTo.countryCode].map((l) => h('div', { text: l }))),
    repair.steps.length ? [
      h('p', { text: t('claimCase.repairSteps') }),
      h('ol', { class: 'repair-steps' }, repair.steps.map((s) => h('li', { 'data-step': s.step, text: `${date(s.at)}: ${t(`repairStep.${s.step}`)}` }))),
    ] : null);
}

/** One kind's upload: the file box, and what became of the file this page sent for it. */
function uploadBox(claim, kind, ctx) {
  const id = `file-${claim.claimId.replace(/[^A-Za-z0-9_-]/g, '')}-${kind}`;
  const types = ctx.policy?.evidence?.rules?.[kind]?.allowedContentTypes ?? ['image/jpeg', 'image/png'];
  const box = h('div', { class: 'upload', 'data-kind': kind });
  const input = h('input', { type: 'file', id, accept: types.join(','), capture: 'environment' });
  const problem = h('div', { class: 'problem', role: 'alert', tabindex: '-1', hidden: true });
  input.addEventListener('change', () => {
    const file = input.files[0];
    if (file) act(input, problem, () => send(claim.claimId, kind, file, box, ctx));
  });
  box.append(h('label', { for: id, text: t(`kind.${kind}`) }), input, problem);
  const mine = sentFor(claim.claimId).get(kind);
  if (mine) showSent(box, mine, verdict(claim, mine));
  return box;
}

/** What the check said about a file this page sent: accepted, refused (why) or not yet. */
function verdict(claim, mine) {
  if ((claim.evidence.files || []).some((f) => f.uploadId === mine.uploadId) || claim.evidence.received.includes(mine.kind)) {
    return { kind: 'ok', text: t('upload.accepted', { file: mine.name }) };
  }
  const refusal = (claim.evidence.rejected || []).find((r) => r.uploadId === mine.uploadId);
  if (refusal) return { kind: 'problem', text: t('upload.refused', { file: mine.name, reason: localise(refusal.reason) }) };
  if (mine.failed) return { kind: 'problem', text: t('upload.failed', { file: mine.name }) };
  return { kind: '', text: mine.progress === 100 ? t('upload.sent', { file: mine.name }) : '' };
}

function showSent(box, mine, { kind, text }) {
  box.querySelectorAll('progress, img, video, .upload-note').forEach((n) => n.remove());
  const preview = mine.type.startsWith('video/')
    ? h('video', { src: mine.url, muted: true, 'aria-label': t('upload.thumbnail', { file: mine.name }) })
    : h('img', { src: mine.url, alt: t('upload.thumbnail', { file: mine.name }) });
  box.append(
    h('progress', { max: '100', value: String(mine.progress), 'aria-label': t('upload.progress', { file: mine.name }) }),
    preview,
    h('p', { class: `upload-note ${kind}`.trim(), text }));
}

/** Asks a slot for the file's real type, PUTs the file straight to storage with progress. */
async function send(claimId, kind, file, box, ctx) {
  const slot = await call('POST', paths.claimUploads(claimId), { kind, contentType: file.type || 'application/octet-stream' });
  const mine = { kind, name: file.name, type: file.type || '', url: URL.createObjectURL(file), uploadId: slot.uploadId, progress: 0 };
  sentFor(claimId).set(kind, mine);
  showSent(box, mine, { kind: '', text: '' });
  const progress = box.querySelector('progress');
  const status = await new Promise((resolve) => {
    const xhr = new XMLHttpRequest();
    xhr.open(slot.method, slot.url);
    Object.entries(slot.headers).forEach(([name, value]) => xhr.setRequestHeader(name, value));
    xhr.upload.onprogress = (e) => { if (e.lengthComputable) progress.value = Math.round((100 * e.loaded) / e.total); };
    xhr.onload = () => resolve(xhr.status);
    xhr.onerror = () => resolve(0);
    xhr.send(file);
  });
  mine.progress = 100;
  mine.failed = status < 200 || status >= 300;
  const shown = verdict({ evidence: { files: [], received: [], rejected: [] } }, mine);
  showSent(box, mine, shown);
  announce(shown.text);
  watchClaims(ctx);
}

// ---------------------------------------------------------------- polling

/** Every 1.5 s while a file this page sent is being checked; every 30 s while a claim is reviewed. */
const CHECKING_MS = 1500;
const REVIEWING_MS = 30000;
let poller;

/** Whether a file this page sent for the claim is uploaded and not yet judged by the check. */
function checking(claim) {
  const mine = sent.get(claim.claimId);
  return Boolean(mine && [...mine.values()].some((m) => verdict(claim, m).kind === '' && m.progress === 100 && !m.failed));
}

/** How soon to look again at the order's claims, or null when none is moving. */
function nextLook(claims) {
  if (claims.some(checking)) return CHECKING_MS;
  return claims.some((c) => c.status === 'UNDER_REVIEW') ? REVIEWING_MS : null;
}

/**
 * Polls the order's claims while one is moving (a file being checked, a review); reads the order
 * again when one changes state, redraws the claims when only their evidence changed.
 */
export function watchClaims(ctx) {
  const delay = nextLook(ctx.claims);
  if (delay === null || (poller && poller.delay <= delay)) return;
  clearTimeout(poller?.timer);
  poller = { delay, timer: setTimeout(() => look(ctx), delay) };
}

async function look(ctx) {
  poller = undefined;
  let latest;
  try {
    latest = (await call('GET', paths.orderClaims(ctx.order.orderId))).claims;
  } catch {
    watchClaims(ctx); // try again later
    return;
  }
  const before = new Map(ctx.claims.map((c) => [c.claimId, c]));
  const moved = latest.filter((c) => before.get(c.claimId)?.status !== c.status);
  if (moved.length) {
    moved.forEach((c) => announce(t(`claimStatus.${c.status}`)));
    await ctx.refresh(); // draws the order again and watches on
    return;
  }
  if (JSON.stringify(latest.map((c) => c.evidence)) !== JSON.stringify(ctx.claims.map((c) => c.evidence))) {
    ctx.claims = latest;
    const section = claimsSection(ctx.order, ctx);
    if (section) document.getElementById('claims')?.replaceWith(section);
  }
  ctx.claims = latest;
  watchClaims(ctx);
}
