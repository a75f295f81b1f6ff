import type { Lang } from '../public/i18n';

/** Everything the public check-in pages say, in English and Spanish. */
export interface CareWords {
  title: string;
  hello: (name: string) => string;
  tapToday: string;
  window: (start: string, end: string) => string;
  ok: string;
  sending: string;
  thanks: (name: string | null, time: string) => string;
  already: (time: string) => string;
  paused: string;
  badLink: string;
  codeTitle: string;
  codeIntro: string;
  codeLabel: string;
  codeHint: string;
  codeWrong: string;
  codeFormat: string;
  tooMany: string;
  unreachable: string;
  callCentre: string;
  loading: string;
}

export const CARE_WORDS: Record<Lang, CareWords> = {
  en: {
    title: 'Daily check-in',
    hello: (name) => `Hello, ${name}`,
    tapToday: 'Tap the button to tell us you are OK today.',
    window: (start, end) => `Your check-in time: ${start} to ${end}`,
    ok: "I'm OK",
    sending: 'Sending…',
    thanks: (name, time) => `Thank you${name ? `, ${name}` : ''}. You checked in at ${time}. Have a good day!`,
    already: (time) => `You already checked in today at ${time}. Thank you!`,
    paused: 'Your daily check-in is paused. Call the centre to start it again.',
    badLink: 'This check-in link does not work any more. Use your 6-digit code below, or call the centre.',
    codeTitle: 'Daily check-in',
    codeIntro: 'Type your 6-digit check-in code, then tap the button.',
    codeLabel: 'Your check-in code',
    codeHint: '6 digits, on the card the centre gave you',
    codeWrong: 'We could not find that code. Check the 6 digits, or call the centre.',
    codeFormat: 'Type the 6 digits of your code.',
    tooMany: 'Too many tries. Please wait a few minutes, or call the centre.',
    unreachable: 'We could not reach the centre. Check your connection and try again, or call the centre.',
    callCentre: 'If something is wrong, call 9-1-1.',
    loading: 'Loading…',
  },
  es: {
    title: 'Reporte diario',
    hello: (name) => `Hola, ${name}`,
    tapToday: 'Toque el botón para decirnos que está bien hoy.',
    window: (start, end) => `Su horario para reportarse: de ${start} a ${end}`,
    ok: 'Estoy bien',
    sending: 'Enviando…',
    thanks: (name, time) => `Gracias${name ? `, ${name}` : ''}. Se reportó a las ${time}. ¡Que tenga un buen día!`,
    already: (time) => `Ya se reportó hoy a las ${time}. ¡Gracias!`,
    paused: 'Su reporte diario está en pausa. Llame al centro para reanudarlo.',
    badLink: 'Este enlace ya no funciona. Use su código de 6 dígitos abajo, o llame al centro.',
    codeTitle: 'Reporte diario',
    codeIntro: 'Escriba su código de 6 dígitos y toque el botón.',
    codeLabel: 'Su código',
    codeHint: '6 dígitos, en la tarjeta que le dio el centro',
    codeWrong: 'No encontramos ese código. Revise los 6 dígitos o llame al centro.',
    codeFormat: 'Escriba los 6 dígitos de su código.',
    tooMany: 'Demasiados intentos. Espere unos minutos o llame al centro.',
    unreachable: 'No pudimos comunicarnos con el centro. Revise su conexión e intente de nuevo, o llame al centro.',
    callCentre: 'Si algo anda mal, llame al 9-1-1.',
    loading: 'Cargando…',
  },
};
