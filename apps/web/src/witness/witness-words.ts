import type { Lang } from '../public/i18n';

const mb = (n: number) => (n >= 1024 ** 3 ? `${Math.round((n / 1024 ** 3) * 10) / 10} GB` : `${Math.round(n / (1024 * 1024))} MB`);

export const WITNESS_WORDS: Record<Lang, {
  title: string;
  intro: (centre: string) => string;
  loading: string;
  badLink: string;
  expired: string;
  unreachable: string;
  choose: string;
  chooseHint: (photo: number, video: number, files: number) => string;
  shareLocation: string;
  locationHint: string;
  locationFound: (acc: number) => string;
  locationNone: string;
  send: (n: number) => string;
  sending: string;
  progress: (name: string) => string;
  waiting: string;
  done: string;
  resuming: string;
  sentWith: (sha: string) => string;
  refused: string;
  remove: (name: string) => string;
  finish: string;
  finishHint: string;
  thanks: (n: number) => string;
  validUntil: (t: string) => string;
  already: string;
  partial: string;
  partialFile: (name: string, got: string, of: string) => string;
  files: string;
  notMedia: string;
  tooBig: string;
  tooMany: string;
}> = {
  en: {
    title: 'Send photos or videos',
    intro: (c) => `The ${c} asked you for photos or videos of what you saw. They go straight to the dispatcher working your call.`,
    loading: 'Loading…',
    badLink: 'This link is not valid. Check that you opened the whole link from the text message, or ask the dispatcher for a new one.',
    expired: 'This link no longer works. Ask the dispatcher for a new one if you still have something to send.',
    unreachable: 'We cannot reach the centre right now. Check your signal and try again.',
    choose: 'Choose photos or videos',
    chooseHint: (p, v, f) => `Up to ${f} files. Photos up to ${mb(p)}, videos up to ${mb(v)}.`,
    shareLocation: 'Also send where I am now (optional)',
    locationHint: 'Your phone will ask for permission. You can say no and still send your files.',
    locationFound: (a) => `Location found (within about ${a} m).`,
    locationNone: 'No location will be sent.',
    send: (n) => (n === 1 ? 'Send 1 file' : `Send ${n} files`),
    sending: 'Sending…',
    progress: (n) => `Progress of ${n}`,
    waiting: 'Waiting',
    done: 'Sent',
    resuming: 'Connection lost; resuming…',
    sentWith: (sha) => `Received. Fingerprint ${sha.slice(0, 12)}…`,
    refused: 'Not sent',
    remove: (n) => `Remove ${n}`,
    finish: 'I am done',
    finishHint: 'When you press this, the link stops working.',
    thanks: (n) => `Thank you. The centre received ${n === 1 ? '1 file' : `${n} files`}. You can close this page.`,
    validUntil: (t) => `This link works until ${t}.`,
    already: 'Already sent with this link:',
    partial: 'Partly sent. Choose the same file again and it continues where it stopped:',
    partialFile: (n, got, of) => `${n} (${got} of ${of})`,
    files: 'Files',
    notMedia: 'This file is not a photo or video we can accept.',
    tooBig: 'This file is larger than the centre accepts.',
    tooMany: 'This link takes no more files.',
  },
  es: {
    title: 'Enviar fotos o videos',
    intro: (c) => `El ${c} le pidió fotos o videos de lo que vio. Llegan directamente al despachador que atiende su llamada.`,
    loading: 'Cargando…',
    badLink: 'Este enlace no es válido. Verifique que abrió el enlace completo del mensaje de texto, o pida uno nuevo al despachador.',
    expired: 'Este enlace ya no funciona. Pida uno nuevo al despachador si todavía tiene algo que enviar.',
    unreachable: 'No podemos comunicarnos con el centro ahora. Revise su señal e intente de nuevo.',
    choose: 'Elegir fotos o videos',
    chooseHint: (p, v, f) => `Hasta ${f} archivos. Fotos de hasta ${mb(p)}, videos de hasta ${mb(v)}.`,
    shareLocation: 'Enviar también dónde estoy ahora (opcional)',
    locationHint: 'Su teléfono le pedirá permiso. Puede decir que no y enviar sus archivos igual.',
    locationFound: (a) => `Ubicación encontrada (a unos ${a} m).`,
    locationNone: 'No se enviará ninguna ubicación.',
    send: (n) => (n === 1 ? 'Enviar 1 archivo' : `Enviar ${n} archivos`),
    sending: 'Enviando…',
    progress: (n) => `Progreso de ${n}`,
    waiting: 'En espera',
    done: 'Enviado',
    resuming: 'Se perdió la conexión; continuando…',
    sentWith: (sha) => `Recibido. Huella ${sha.slice(0, 12)}…`,
    refused: 'No enviado',
    remove: (n) => `Quitar ${n}`,
    finish: 'Terminé',
    finishHint: 'Al presionar aquí, el enlace deja de funcionar.',
    thanks: (n) => `Gracias. El centro recibió ${n === 1 ? '1 archivo' : `${n} archivos`}. Puede cerrar esta página.`,
    validUntil: (t) => `Este enlace funciona hasta ${t.replace(/\.$/, '')}.`,
    already: 'Ya enviado con este enlace:',
    partial: 'Enviado en parte. Elija el mismo archivo otra vez y continuará donde se detuvo:',
    partialFile: (n, got, of) => `${n} (${got} de ${of})`,
    files: 'Archivos',
    notMedia: 'Este archivo no es una foto o video que podamos aceptar.',
    tooBig: 'Este archivo es más grande de lo que acepta el centro.',
    tooMany: 'Este enlace no acepta más archivos.',
  },
};

export const CALLER_WORDS: Record<Lang, {
  title: string;
  intro: (centre: string) => string;
  recorded: string;
  notRecorded: string;
  consentLocation: string;
  start: string;
  decline: string;
  declined: string;
  changedMind: string;
  tryAgain: string;
  starting: string;
  noCamera: string;
  waitingViewer: string;
  live: string;
  reconnecting: string;
  switchCamera: string;
  stop: string;
  ended: string;
  preview: string;
  locationOn: string;
  badLink: string;
  expired: string;
  unreachable: string;
  loading: string;
}> = {
  en: {
    title: 'Show the dispatcher live video',
    intro: (c) => `The ${c} asked to see what your phone's camera sees. Nothing starts until you press Start video, and you can stop at any time.`,
    recorded: 'The video is recorded and kept as evidence.',
    notRecorded: 'The video is not recorded.',
    consentLocation: 'Also share my location while the video is on (optional)',
    start: 'Start video',
    decline: 'No thanks',
    declined: 'No video was started. You can close this page.',
    changedMind: 'Show video after all',
    tryAgain: 'Try again',
    starting: 'Starting the camera…',
    noCamera: 'The camera could not start. Check that this page may use the camera in your browser settings, or keep talking with the dispatcher.',
    waitingViewer: 'Camera on. Waiting for the dispatcher to connect…',
    live: 'The dispatcher can see your video.',
    reconnecting: 'Connection lost; reconnecting…',
    switchCamera: 'Switch camera',
    stop: 'Stop video',
    ended: 'The video has ended. Thank you. You can close this page.',
    preview: 'What your camera is sending',
    locationOn: 'Your location is being shared.',
    badLink: 'This link is not valid. Ask the dispatcher for a new one.',
    expired: 'This link no longer works.',
    unreachable: 'We cannot reach the centre right now. Check your signal and try again.',
    loading: 'Loading…',
  },
  es: {
    title: 'Mostrar video en vivo al despachador',
    intro: (c) => `El ${c} pidió ver lo que ve la cámara de su teléfono. Nada empieza hasta que presione Iniciar video, y puede detenerlo en cualquier momento.`,
    recorded: 'El video se graba y se guarda como evidencia.',
    notRecorded: 'El video no se graba.',
    consentLocation: 'Compartir también mi ubicación mientras el video está encendido (opcional)',
    start: 'Iniciar video',
    decline: 'No, gracias',
    declined: 'No se inició ningún video. Puede cerrar esta página.',
    changedMind: 'Mostrar video de todos modos',
    tryAgain: 'Intentar de nuevo',
    starting: 'Encendiendo la cámara…',
    noCamera: 'La cámara no pudo encenderse. Revise que esta página pueda usar la cámara en la configuración del navegador, o siga hablando con el despachador.',
    waitingViewer: 'Cámara encendida. Esperando que el despachador se conecte…',
    live: 'El despachador puede ver su video.',
    reconnecting: 'Se perdió la conexión; reconectando…',
    switchCamera: 'Cambiar cámara',
    stop: 'Detener video',
    ended: 'El video terminó. Gracias. Puede cerrar esta página.',
    preview: 'Lo que envía su cámara',
    locationOn: 'Se está compartiendo su ubicación.',
    badLink: 'Este enlace no es válido. Pida uno nuevo al despachador.',
    expired: 'Este enlace ya no funciona.',
    unreachable: 'No podemos comunicarnos con el centro ahora. Revise su señal e intente de nuevo.',
    loading: 'Cargando…',
  },
};

export const SHARE_WORDS: Record<Lang, {
  title: string;
  loading: string;
  bad: string;
  gone: string;
  unreachable: string;
  sharedWith: (who: string) => string;
  purpose: string;
  sharedBy: string;
  until: string;
  incident: string;
  received: string;
  how: string;
  size: string;
  fingerprint: string;
  download: string;
  logged: string;
  media: (name: string) => string;
}> = {
  en: {
    title: 'Shared evidence',
    loading: 'Loading…',
    bad: 'This share link is not valid.',
    gone: 'This share link no longer works. Ask the centre that shared it for a new one.',
    unreachable: 'The centre cannot be reached right now. Try again shortly.',
    sharedWith: (who) => `Shared with ${who}`,
    purpose: 'Purpose',
    sharedBy: 'Shared by',
    until: 'Link works until',
    incident: 'Incident',
    received: 'Received by the centre',
    how: 'How it reached the centre',
    size: 'Size',
    fingerprint: 'SHA-256',
    download: 'Download the original file',
    logged: 'Every opening and download of this link is recorded in the item\'s chain of custody.',
    media: (n) => `Shared file ${n}`,
  },
  es: {
    title: 'Evidencia compartida',
    loading: 'Cargando…',
    bad: 'Este enlace no es válido.',
    gone: 'Este enlace ya no funciona. Pida uno nuevo al centro que lo compartió.',
    unreachable: 'No se puede comunicar con el centro ahora. Intente de nuevo en un momento.',
    sharedWith: (who) => `Compartido con ${who}`,
    purpose: 'Propósito',
    sharedBy: 'Compartido por',
    until: 'El enlace funciona hasta',
    incident: 'Incidente',
    received: 'Recibido por el centro',
    how: 'Cómo llegó al centro',
    size: 'Tamaño',
    fingerprint: 'SHA-256',
    download: 'Descargar el archivo original',
    logged: 'Cada apertura y descarga de este enlace queda registrada en la cadena de custodia.',
    media: (n) => `Archivo compartido ${n}`,
  },
};
