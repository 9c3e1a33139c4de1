// The public HTTP API (openapi.yaml) as the pages call it, the caller's token, and small DOM helpers.
// Sign-in: the storefront opens the page with its JWT in the URL fragment
// (…/app/#token=<JWT>&order=<orderId>[&api=<API base URL>]); the fragment never reaches a server,
// is read once, kept in sessionStorage and removed from the address bar. On the local stack a demo
// picker gets a token from POST /_local/tokens.
import { localise, t } from './i18n.js';

const TOKEN = 'aftersales.token';
const API = 'aftersales.api';
const WHO = 'aftersales.who';

const fragment = new URLSearchParams(location.hash.slice(1));
if (fragment.has('token')) {
  sessionStorage.setItem(TOKEN, fragment.get('token'));
  sessionStorage.setItem(WHO, fragment.get('who') || '');
  if (fragment.has('api')) sessionStorage.setItem(API, fragment.get('api'));
  fragment.delete('token');
  fragment.delete('api');
  const rest = fragment.toString();
  history.replaceState(null, '', location.pathname + location.search + (rest ? `#${rest}` : ''));
}

/** Parameters the storefront passed in the fragment, other than the token (e.g. order). */
export const startParameters = fragment;

/** The API's base URL: the fragment's `api`, else the page's own origin (the local stack). */
export const apiBase = () => sessionStorage.getItem(API) || location.origin;

export const signedIn = () => sessionStorage.getItem(TOKEN) !== null;
export const who = () => sessionStorage.getItem(WHO) || '';

export function signOut() {
  sessionStorage.removeItem(TOKEN);
  sessionStorage.removeItem(WHO);
}

/** An API refusal: the problem+json body (detail, code, ruleIds, errors) and the HTTP status. */
export class ApiProblem extends Error {
  constructor(status, problem) {
    super(problem.detail || problem.title || problem.message || `HTTP ${status}`);
    this.status = status;
    this.problem = problem;
  }
}

/** A GET answered "busy" (503, 504: a function starting, a store throttling) is asked again. */
const RETRIES = 2;

/** Calls the API; the JSON answer, or throws ApiProblem. A busy GET is retried (it is safe). */
export async function call(method, path, body, extraHeaders = {}) {
  const headers = { ...extraHeaders };
  const token = sessionStorage.getItem(TOKEN);
  if (token) headers.authorization = `Bearer ${token}`;
  if (body !== undefined) headers['content-type'] = 'application/json';
  let response;
  for (let attempt = 0; ; attempt++) {
    try {
      response = await fetch(new URL(path, apiBase()), {
        method,
        headers,
        body: body === undefined ? undefined : JSON.stringify(body),
      });
    } catch {
      throw new ApiProblem(0, { detail: t('problem.network') });
    }
    if (method !== 'GET' || attempt >= RETRIES || ![503, 504].includes(response.status)) break;
    const wait = Math.min(Number(response.headers.get('retry-after')) || 1, 5);
    await new Promise((resolve) => { setTimeout(resolve, wait * 1000); });
  }
  const text = await response.text();
  let json = {};
  try {
    json = text ? JSON.parse(text) : {};
  } catch {
    json = { detail: text };
  }
  if (!response.ok) throw new ApiProblem(response.status, json);
  return json;
}

const id = encodeURIComponent;

/** Every API path the pages call, built in one place (each id percent-encoded). */
export const paths = {
  policy: () => '/policy',
  order: (orderId) => `/orders/${id(orderId)}`,
  cancellation: (orderId) => `/orders/${id(orderId)}/cancellation`,
  changes: (orderId) => `/orders/${id(orderId)}/changes`,
  orderReturns: (orderId) => `/orders/${id(orderId)}/returns`,
  orderClaims: (orderId) => `/orders/${id(orderId)}/claims`,
  orderWithdrawals: (orderId) => `/orders/${id(orderId)}/withdrawals`,
  withdrawal: (withdrawalId) => `/withdrawals/${id(withdrawalId)}`,
  returnWithdrawal: (returnId) => `/returns/${id(returnId)}/withdrawal`,
  claim: (claimId) => `/claims/${id(claimId)}`,
  claimUploads: (claimId) => `/claims/${id(claimId)}/uploads`,
  claimDecision: (claimId) => `/claims/${id(claimId)}/decision`,
  claimRemedies: (claimId) => `/claims/${id(claimId)}/remedies`,
  orderEvents: (orderId, limit, nextToken) =>
    `/orders/${id(orderId)}/events?limit=${limit}${nextToken ? `&nextToken=${id(nextToken)}` : ''}`,
  claimQueue: (status, limit, nextToken) =>
    `/claims?status=${id(status)}&limit=${limit}${nextToken ? `&nextToken=${id(nextToken)}` : ''}`,
  quote: () => '/refunds/quote',
  localTokens: () => '/_local/tokens',
};

/** A new Idempotency-Key for one user action (openapi.yaml: every creating POST accepts one). */
export const idempotencyKey = () => ({ 'idempotency-key': crypto.randomUUID() });

/** On the local stack: offer demo identities; a token from POST /_local/tokens. */
export async function localStack() {
  try {
    const response = await fetch(new URL('/_local/health', location.origin));
    return response.ok;
  } catch {
    return false;
  }
}

export async function demoSignIn(sub, groups) {
  const answer = await call('POST', paths.localTokens(), { sub, groups, scopes: [] });
  sessionStorage.setItem(TOKEN, answer.token);
  sessionStorage.setItem(WHO, sub);
}

/** document.createElement with attributes, properties (on*, text) and children. */
export function h(tag, attributes = {}, ...children) {
  const node = document.createElement(tag);
  for (const [name, value] of Object.entries(attributes)) {
    if (value === undefined || value === null || value === false) continue;
    if (name.startsWith('on')) node.addEventListener(name.slice(2), value);
    else if (name === 'text') node.textContent = value;
    else node.setAttribute(name, value === true ? '' : value);
  }
  for (const child of children.flat(Infinity)) {
    if (child === null || child === undefined || child === false) continue;
    node.append(child instanceof Node ? child : document.createTextNode(String(child)));
  }
  return node;
}

/** Renders a refusal into `box` (role=alert): the API's detail, the rules it names, every field. */
export function showProblem(box, error) {
  box.replaceChildren();
  if (!error) {
    box.hidden = true;
    return;
  }
  const problem = error instanceof ApiProblem ? error.problem : { detail: String(error) };
  box.append(
    h('p', { class: 'problem-title', text: t('problem.heading') }),
    h('p', { class: 'detail', text: localise(problem.detail || problem.title || problem.message) }),
  );
  if (problem.ruleIds?.length) {
    box.append(h('p', { class: 'rules', text: t('problem.rules', { rules: problem.ruleIds.join(', ') }) }));
  }
  if (problem.errors?.length) {
    box.append(h('ul', {}, problem.errors.map((e) => h('li', { text: t('problem.field', { field: e.field, message: localise(e.message) }) }))));
  }
  box.hidden = false;
  box.focus();
}

/** Runs an action with the button disabled and its refusal shown in `box`. */
export async function act(button, box, action) {
  showProblem(box, null);
  button.disabled = true;
  button.setAttribute('aria-busy', 'true');
  try {
    return await action();
  } catch (error) {
    showProblem(box, error);
    return undefined;
  } finally {
    button.disabled = false;
    button.removeAttribute('aria-busy');
  }
}

/** A polite live region's message (screen readers announce it). */
export function announce(text) {
  const region = document.getElementById('status');
  region.textContent = '';
  setTimeout(() => {
    region.textContent = text;
  }, 50);
}
