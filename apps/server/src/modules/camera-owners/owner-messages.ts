import type { PortalLang } from '@openpsap/contract';
import type { AppContext } from '../../http/app-context';
import { OWNER_LINK_MINUTES } from './owner-session';

/** The portal's pages, as links in messages. */
export const portalUrl = (ctx: AppContext, lang: PortalLang) => `${ctx.publicUrl}/public/cameras?lang=${lang}`;
export const linkUrl = (ctx: AppContext, token: string, lang: PortalLang) => `${ctx.publicUrl}/public/cameras/link/${token}?lang=${lang}`;

type LinkKind = 'sign-in' | 'sign-up' | 'no-account';

/** The e-mail that carries a sign-in link (or says there is no account for the address). */
export function linkMessage(ctx: AppContext, kind: LinkKind, lang: PortalLang, token: string | null): { subject: string; body: string } {
  const link = token ? linkUrl(ctx, token, lang) : '';
  if (lang === 'es') {
    if (kind === 'no-account')
      return {
        subject: 'Registro de cámaras: no hay cuenta con esta dirección',
        body: `Alguien pidió entrar al registro de cámaras del centro 9-1-1 con esta dirección de correo, pero no hay ninguna cuenta con ella.\n\nSi quiere registrar sus cámaras, inscríbase aquí: ${portalUrl(ctx, lang)}\n\nSi no fue usted, puede ignorar este mensaje.`,
      };
    return {
      subject: kind === 'sign-up' ? 'Confirme su inscripción en el registro de cámaras' : 'Su enlace para entrar al registro de cámaras',
      body: `${kind === 'sign-up' ? 'Para terminar su inscripción en el registro de cámaras del centro 9-1-1, abra este enlace' : 'Para entrar al registro de cámaras del centro 9-1-1, abra este enlace'}:\n\n${link}\n\nEl enlace funciona una sola vez durante ${OWNER_LINK_MINUTES} minutos. Si no lo pidió usted, ignore este mensaje: no se hará nada.`,
    };
  }
  if (kind === 'no-account')
    return {
      subject: 'Camera registry: no account for this address',
      body: `Someone asked to sign in to the 9-1-1 centre's camera registry with this e-mail address, but there is no account for it.\n\nTo register your cameras, sign up here: ${portalUrl(ctx, lang)}\n\nIf this was not you, you can ignore this message.`,
    };
  return {
    subject: kind === 'sign-up' ? 'Confirm your camera registry sign-up' : 'Your camera registry sign-in link',
    body: `${kind === 'sign-up' ? "To finish signing up to the 9-1-1 centre's camera registry, open this link" : "To sign in to the 9-1-1 centre's camera registry, open this link"}:\n\n${link}\n\nThe link works once, for ${OWNER_LINK_MINUTES} minutes. If you did not ask for it, ignore this message: nothing will happen.`,
  };
}
