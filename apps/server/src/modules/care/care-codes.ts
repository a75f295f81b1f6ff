import { randomBytes, randomInt } from 'node:crypto';

/**
 * A check-in code a senior can type on a phone keypad: 6 random digits (not a sequence, so one
 * code says nothing about the next). Uniqueness among active enrolments is checked by the caller.
 */
export function newCheckInCode(): string {
  return String(randomInt(0, 1_000_000)).padStart(6, '0');
}

/** The secret part of a personal check-in link: 24 random bytes, 32 URL-safe characters. */
export function newLinkToken(): string {
  return randomBytes(24).toString('base64url');
}

/** The personal link printed for the senior and sent with each reminder. */
export function checkInLink(publicUrl: string, token: string): string {
  return `${publicUrl.replace(/\/+$/, '')}/care/${token}`;
}
