import { IllegalTransitionError } from '@yichuang/core';
import type { Locale } from '@yichuang/ui';

/**
 * What to tell the clerk of an error, in their language where the error has one: the state machine's refusals
 * (`localized(locale)`) and the store's errors (`localized`, in the store's locale); the message otherwise.
 */
export function explain(error: Error, locale: Locale): string {
  if (error instanceof IllegalTransitionError) return error.localized(locale);
  const localized = (error as { localized?: unknown }).localized;
  return typeof localized === 'string' ? localized : error.message;
}
