import type { Lang } from '../public/i18n';

export interface SharedCameraWords {
  title: string;
  loading: string;
  bad: string;
  revoked: string;
  expired: string;
  unreachable: string;
  sharedWith: (who: string) => string;
  camera: string;
  incident: string;
  reason: string;
  sharedBy: string;
  until: string;
  starting: string;
  live: string;
  stopped: string;
  refused: string;
  watchAgain: string;
  video: (camera: string) => string;
  logged: string;
}

export const SHARED_CAMERA_WORDS: Record<Lang, SharedCameraWords> = {
  en: {
    title: 'Live camera',
    loading: 'Opening the link…',
    bad: 'This link is not valid. Check that it was copied whole, or ask the centre for a new one.',
    revoked: 'This link was revoked by the centre.',
    expired: 'This link has expired. Ask the centre for a new one if you still need the camera.',
    unreachable: 'The centre cannot be reached. Check your connection and try again.',
    sharedWith: (who) => `Shared with ${who}`,
    camera: 'Camera',
    incident: 'Incident',
    reason: 'Reason',
    sharedBy: 'Shared by',
    until: 'Works until',
    starting: 'Starting the video…',
    live: 'Live',
    stopped: 'Video stopped',
    refused: 'The video cannot be shown now',
    watchAgain: 'Watch again',
    video: (camera) => `Live video from ${camera}`,
    logged: "Every opening of this link is recorded, and the camera's owner can see it. Do not pass the link on.",
  },
  es: {
    title: 'Cámara en vivo',
    loading: 'Abriendo el enlace…',
    bad: 'Este enlace no es válido. Compruebe que se copió completo o pida uno nuevo al centro.',
    revoked: 'El centro revocó este enlace.',
    expired: 'Este enlace ha caducado. Pida uno nuevo al centro si aún necesita la cámara.',
    unreachable: 'No se puede contactar con el centro. Compruebe su conexión e inténtelo de nuevo.',
    sharedWith: (who) => `Compartido con ${who}`,
    camera: 'Cámara',
    incident: 'Incidente',
    reason: 'Motivo',
    sharedBy: 'Compartido por',
    until: 'Válido hasta',
    starting: 'Iniciando el video…',
    live: 'En vivo',
    stopped: 'El video se detuvo',
    refused: 'El video no se puede mostrar ahora',
    watchAgain: 'Ver de nuevo',
    video: (camera) => `Video en vivo de ${camera}`,
    logged: 'Cada apertura de este enlace queda registrada y el dueño de la cámara puede verla. No reenvíe el enlace.',
  },
};
