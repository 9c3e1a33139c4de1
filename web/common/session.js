// Sign-in as both pages show it: who is signed in with a sign-out button in the header, and, when
// nobody is, the local stack's demo picker (or the note that the store's link signs you in).
import { act, demoSignIn, h, localStack, signOut, signedIn, who } from './api.js';
import { t } from './i18n.js';

/** Fills the header's #account; {@code forget} runs on sign-out before the page reloads. */
export function renderAccount(forget = () => {}) {
  const account = document.getElementById('account');
  account.replaceChildren();
  if (!signedIn()) return;
  account.append(
    h('span', { class: 'who', text: t('signin.as', { who: who() }) }),
    h('button', {
      class: 'secondary', type: 'button', id: 'sign-out', text: t('signout'),
      onclick: () => { signOut(); forget(); location.reload(); },
    }),
  );
}

/**
 * The sign-in card in {@code main}: on the local stack a picker ({@code pickerId}) of {@code
 * identities}, each signed in with {@code groups}; elsewhere the store's link signs in.
 */
export async function renderSignIn(main, { pickerId, label, identities, groups }) {
  const problem = h('div', { class: 'problem', role: 'alert', tabindex: '-1', hidden: true });
  const section = h('section', { class: 'card', 'aria-labelledby': 'signin-heading' },
    h('h2', { id: 'signin-heading', text: t('signin.heading') }));
  if (await localStack()) {
    const select = h('select', { id: pickerId }, identities.map((id) => h('option', { value: id, text: id })));
    const button = h('button', { type: 'submit', id: 'sign-in', text: t('signin.button') });
    section.append(
      h('p', { text: t('signin.local') }),
      h('form', {
        onsubmit: (event) => {
          event.preventDefault();
          act(button, problem, async () => { await demoSignIn(select.value, groups); location.reload(); });
        },
      }, h('label', { for: pickerId, text: label }), select, h('div', {}, button)),
      problem,
    );
  } else {
    section.append(h('p', { text: t('signin.storefront') }));
  }
  main.replaceChildren(section);
}

/** The page's title, heading and skip link from the messages file. */
export function titlePage(key) {
  document.title = t(key);
  document.getElementById('title').textContent = t(key);
  document.getElementById('skip').textContent = t('skip');
}
