import type { ConsentLevel, ConsentTerms, PortalLang } from '@openpsap/contract';

/**
 * The written consent an owner signs. The version names this wording; a change of wording is a
 * new version, and the text signed is stored with each consent, so what someone agreed to can
 * always be shown word for word, whatever the current version says.
 */
export const CONSENT_TERMS_VERSION = '2026-11-a';

const TITLES: Record<PortalLang, Record<ConsentLevel, string>> = {
  en: {
    registry: 'Camera registry: contact me',
    footage: 'Camera registry: recorded footage on request',
    live: 'Camera registry: live view during incidents',
  },
  es: {
    registry: 'Registro de cámaras: contáctenme',
    footage: 'Registro de cámaras: grabaciones a petición',
    live: 'Registro de cámaras: vista en vivo durante incidentes',
  },
};

const SCOPE: Record<PortalLang, Record<ConsentLevel, string>> = {
  en: {
    registry:
      '1. What I allow. The 9-1-1 centre\'s Real-Time Crime Center (RTCC) may keep my camera\'s location, direction and my contact details in its registry, and may contact me when an incident happens near it. The centre may not watch my camera or receive recordings from it under this consent.',
    footage:
      '1. What I allow. The 9-1-1 centre\'s Real-Time Crime Center (RTCC) may keep my camera\'s location, direction and my contact details in its registry, and may ask me for recorded footage of a time window of at most two hours, linked to a specific incident and with a stated reason. I decide each request: I may approve it and upload the footage, or decline it, without giving a reason. The centre may not watch my camera live under this consent.',
    live:
      '1. What I allow. The 9-1-1 centre\'s Real-Time Crime Center (RTCC) may keep my camera\'s location, direction and my contact details in its registry; may ask me for recorded footage (at most two hours per request, linked to an incident, with a reason), which I may approve or decline; and may watch my camera\'s live video, only while working a specific incident, by an RTCC analyst who records the incident and the reason each time. The stream address I give is kept by the centre\'s server and is never sent to anyone\'s browser.',
  },
  es: {
    registry:
      '1. Lo que autorizo. El Centro de Respuesta en Tiempo Real (RTCC) del centro 9-1-1 puede guardar en su registro la ubicación y la dirección de mi cámara y mis datos de contacto, y puede contactarme cuando ocurra un incidente cerca. Con este consentimiento el centro no puede ver mi cámara ni recibir grabaciones de ella.',
    footage:
      '1. Lo que autorizo. El Centro de Respuesta en Tiempo Real (RTCC) del centro 9-1-1 puede guardar en su registro la ubicación y la dirección de mi cámara y mis datos de contacto, y puede pedirme grabaciones de un periodo de hasta dos horas, vinculadas a un incidente concreto y con un motivo. Yo decido cada petición: puedo aprobarla y subir la grabación, o rechazarla sin dar explicaciones. Con este consentimiento el centro no puede ver mi cámara en vivo.',
    live:
      '1. Lo que autorizo. El Centro de Respuesta en Tiempo Real (RTCC) del centro 9-1-1 puede guardar en su registro la ubicación y la dirección de mi cámara y mis datos de contacto; puede pedirme grabaciones (hasta dos horas por petición, vinculadas a un incidente, con un motivo), que puedo aprobar o rechazar; y puede ver el video en vivo de mi cámara solo mientras atiende un incidente concreto, por medio de un analista del RTCC que registra cada vez el incidente y el motivo. La dirección del video que doy la guarda el servidor del centro y nunca se envía al navegador de nadie.',
  },
};

const COMMON: Record<PortalLang, string[]> = {
  en: [
    '2. Every use is recorded. Each view, refusal and footage request about my camera is recorded with who, when, the incident and the reason, and I can see all of them on my camera page.',
    '3. No facial recognition. The centre does not use facial recognition or any face matching on video from my camera or any other camera.',
    '4. I can stop at any time. I may revoke this consent at any moment on my camera page; access stops at once. I may also set a last day after which it ends by itself.',
    '5. Not a duty. Taking part is voluntary. Nothing here obliges me to record, keep or hand over video, and the centre does not control my camera.',
    '6. My details. The centre uses my contact details only to reach me about my cameras and requests, and does not publish them. Public reports about the registry show counts only.',
    '7. I confirm that I own or lawfully control this camera and may give this consent.',
  ],
  es: [
    '2. Cada uso queda registrado. Cada visualización, rechazo y petición de grabación sobre mi cámara se registra con quién, cuándo, el incidente y el motivo, y puedo verlos todos en la página de mi cámara.',
    '3. Sin reconocimiento facial. El centro no usa reconocimiento facial ni comparación de rostros en el video de mi cámara ni de ninguna otra.',
    '4. Puedo retirarme cuando quiera. Puedo revocar este consentimiento en cualquier momento en la página de mi cámara; el acceso termina de inmediato. También puedo fijar un último día, después del cual termina solo.',
    '5. No es una obligación. Participar es voluntario. Nada de esto me obliga a grabar, guardar o entregar video, y el centro no controla mi cámara.',
    '6. Mis datos. El centro usa mis datos de contacto solo para comunicarse conmigo sobre mis cámaras y peticiones, y no los publica. Los informes públicos sobre el registro muestran solo cifras.',
    '7. Confirmo que soy dueño de esta cámara o la controlo legalmente y que puedo dar este consentimiento.',
  ],
};

/** The terms for one level in one language, exactly as shown to the owner and stored when signed. */
export function consentTerms(level: ConsentLevel, language: PortalLang): ConsentTerms {
  const title = TITLES[language][level];
  const text = [title, `${language === 'es' ? 'Versión' : 'Version'} ${CONSENT_TERMS_VERSION}`, SCOPE[language][level], ...COMMON[language]].join('\n\n');
  return { version: CONSENT_TERMS_VERSION, level, language, title, text };
}
