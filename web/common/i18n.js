import { messages } from './messages.en.js';

/** The text of {@code key} with {name} placeholders filled from {@code values}. */
export function t(key, values = {}) {
  const text = messages[key] ?? key;
  return text.replace(/\{(\w+)\}/g, (all, name) => (name in values ? String(values[name]) : all));
}

const digitsCache = new Map();

/** Minor units → a localised amount (GEN-1: the currency's own number of digits). */
export function money(value) {
  if (!value) return '';
  const { amount, currency } = value;
  if (!digitsCache.has(currency)) {
    digitsCache.set(
      currency,
      new Intl.NumberFormat('en', { style: 'currency', currency }).resolvedOptions()
        .maximumFractionDigits,
    );
  }
  const digits = digitsCache.get(currency);
  return new Intl.NumberFormat('en', {
    style: 'currency',
    currency,
    minimumFractionDigits: digits,
    maximumFractionDigits: digits,
  }).format(amount / 10 ** digits);
}

export function date(text) {
  if (!text) return '';
  const d = new Date(text.length === 10 ? `${text}T12:00:00Z` : text);
  return new Intl.DateTimeFormat('en', { dateStyle: 'medium' }).format(d);
}
