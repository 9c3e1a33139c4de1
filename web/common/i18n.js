// Texts, money and dates as the customer's locale writes them (Intl): no code, no ISO instant and
// no "5.00 EUR" reaches the page. The locale is the page's <html lang>; the texts are those of
// messages.<lang>.js (one file per language, the same keys).
import { messages } from './messages.en.js';

const LOCALE = document.documentElement.lang || 'en';

/** The text of {@code key} with {name} placeholders filled from {@code values}. */
export function t(key, values = {}) {
  const text = messages[key] ?? key;
  return text.replace(/\{(\w+)\}/g, (all, name) => (name in values ? String(values[name] ?? '') : all));
}

/** The text of {@code key} if the messages file has it, else of {@code fallback}. */
export const tOr = (key, fallback, values) => t(key in messages ? key : fallback, values);

const digitsCache = new Map();

/** How many minor units a unit of {@code currency} has (GEN-1: EUR 2, JPY 0). */
export function currencyDigits(currency) {
  if (!digitsCache.has(currency)) {
    digitsCache.set(currency, new Intl.NumberFormat(LOCALE, { style: 'currency', currency })
      .resolvedOptions().maximumFractionDigits);
  }
  return digitsCache.get(currency);
}

/** Minor units → a localised amount (GEN-1: the currency's own number of digits). */
export function money(value) {
  if (!value) return '';
  const { amount, currency } = value;
  const digits = currencyDigits(currency);
  return new Intl.NumberFormat(LOCALE, {
    style: 'currency', currency, minimumFractionDigits: digits, maximumFractionDigits: digits,
  }).format(amount / 10 ** digits);
}

/**
 * An amount typed in the currency's units ("12.50", "12,50", "12") → minor units (1250), or null
 * when it is not an amount with at most the currency's digits.
 */
export function toMinorUnits(text, currency) {
  const digits = currencyDigits(currency);
  const clean = String(text).trim().replace(/\s/g, '').replace(',', '.');
  const match = /^(\d+)(?:\.(\d*))?$/.exec(clean);
  if (!match || (match[2] || '').length > digits) return null;
  return Number(match[1]) * 10 ** digits + Number((match[2] || '').padEnd(digits, '0') || 0);
}

const asDate = (text) => new Date(text.length === 10 ? `${text}T12:00:00Z` : text);

/** A day ("2026-11-24" or an instant) → "24 Nov 2026". */
export function date(text) {
  if (!text) return '';
  return new Intl.DateTimeFormat(LOCALE, { dateStyle: 'medium' }).format(asDate(text));
}

/** An instant → "24 Nov 2026, 10:02" (local time, no seconds). */
export function dateTime(text) {
  if (!text) return '';
  return new Intl.DateTimeFormat(LOCALE, { dateStyle: 'medium', timeStyle: 'short' }).format(asDate(text));
}

/** A last day in words: "24 Nov 2026 (in 18 days)", "today", "tomorrow". */
export function deadline(day) {
  if (!day) return '';
  const today = new Date();
  const start = Date.UTC(today.getFullYear(), today.getMonth(), today.getDate());
  const days = Math.round((asDate(day.slice(0, 10)).getTime() - 12 * 3600e3 - start) / 86400e3);
  const relative = new Intl.RelativeTimeFormat(LOCALE, { numeric: 'auto' }).format(days, 'day');
  return days >= 0 && days <= 1 ? relative : `${date(day)} (${relative})`;
}

/** How long ago an instant was: "3 hours ago". */
export function ago(instant) {
  const seconds = (Date.parse(instant) - Date.now()) / 1000;
  const format = new Intl.RelativeTimeFormat(LOCALE, { numeric: 'auto' });
  for (const [unit, size] of [['day', 86400], ['hour', 3600], ['minute', 60]]) {
    if (Math.abs(seconds) >= size) return format.format(Math.round(seconds / size), unit);
  }
  return format.format(0, 'minute');
}

/**
 * A server explanation as the page shows it: ISO days and instants and "5.00 EUR" amounts written
 * the locale's way, evidence kinds (PROBLEM, SHIPPING_LABEL, PACKAGING) in words.
 */
export function localise(text) {
  if (!text) return '';
  return String(text)
    .replace(/\b(PROBLEM|SHIPPING_LABEL|PACKAGING)\b/g, (kind) => t(`kindWord.${kind}`))
    .replace(/\b\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?Z\b/g, (instant) => dateTime(instant))
    .replace(/\b\d{4}-\d{2}-\d{2}\b/g, (day) => date(day))
    .replace(/(-?\d+(?:\.\d+)?) ([A-Z]{3})\b/g, (all, amount, currency) => {
      try {
        const digits = currencyDigits(currency);
        return money({ amount: Math.round(Number(amount) * 10 ** digits), currency });
      } catch {
        return all;
      }
    });
}
