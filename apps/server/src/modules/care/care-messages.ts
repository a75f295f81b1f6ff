// The texts seniors and their contacts receive, in the senior's language. Short: one SMS each.

/** The first name only, for the public page and the texts: a link must not reveal more. */
export function firstName(name: string): string {
  return name.trim().split(/\s+/)[0] ?? name;
}

/** The reminder at the window's start, with the personal link. */
export function reminderText(language: 'en' | 'es', name: string, windowEnd: string, link: string): string {
  return language === 'es'
    ? `Hola, ${firstName(name)}. Es la hora de su llamada diaria CARE: toque este enlace para decirnos que está bien (antes de las ${windowEnd}): ${link}`
    : `Hello ${firstName(name)}, it is time for your daily CARE check-in. Tap this link to tell us you are OK (before ${windowEnd}): ${link}`;
}

/** What a contact is told when the senior missed the window, and when a welfare check will go out. */
export function contactText(language: 'en' | 'es', name: string, window: string, escalatesAt: string): string {
  return language === 'es'
    ? `CARE: ${name} no se ha reportado hoy (horario ${window}). Por favor intente comunicarse y avise al centro 9-1-1 si está bien. Si nadie lo confirma antes de las ${escalatesAt}, enviaremos a alguien a verificar.`
    : `CARE: ${name} has not checked in today (window ${window}). Please try to reach them and tell the 9-1-1 centre if they are OK. If nobody confirms by ${escalatesAt}, we will send someone to check on them.`;
}
