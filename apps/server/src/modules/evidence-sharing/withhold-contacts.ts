// A share link goes outside the centre: the file and how it arrived are evidence, but the witness's
// phone number or e-mail address is not the recipient's to have. The centre keeps them.
const PHONE = /\+?\d[\d\s().-]{6,}\d/g;
const EMAIL = /[^\s@,;]+@[^\s@,;]+\.[^\s@,;]+/g;

/** The provenance text with phone numbers and e-mail addresses replaced by "(withheld)". */
export function withholdContacts(text: string): string {
  return text.replace(EMAIL, '(withheld)').replace(PHONE, '(withheld)');
}
