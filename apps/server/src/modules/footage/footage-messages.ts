import type { AppContext } from '../../http/app-context';
import { portalUrl } from '../camera-owners/owner-messages';
import { localDateOf, localTimeOf } from '../care/care-time';

type Kind = 'requested' | 'cancelled';

/**
 * Tells a camera's owner by e-mail that a footage request arrived or was withdrawn. Sent after the
 * change committed; a failure to send is logged, not undone: the request is on their portal page.
 */
export async function notifyOwner(ctx: AppContext, requestId: number, kind: Kind): Promise<void> {
  const { rows } = await ctx.db.pool.query<{ email: string; language: 'en' | 'es'; camera: string; window_start: Date; window_end: Date; expires_at: Date }>(
    `SELECT o.email, o.language, c.name AS camera, f.window_start, f.window_end, f.expires_at
       FROM footage_requests f JOIN camera_owners o ON o.id = f.owner_id JOIN cameras c ON c.id = f.camera_id WHERE f.id = $1`,
    [requestId],
  );
  const r = rows[0];
  if (!r) return;
  const tz = ctx.config.timeZone;
  const when = (d: Date) => `${localDateOf(d, tz)} ${localTimeOf(d, tz)}`;
  const window = `${when(r.window_start)}–${localTimeOf(r.window_end, tz)}`;
  const url = portalUrl(ctx, r.language);
  const es = r.language === 'es';
  const subject = kind === 'requested'
    ? es ? `Petición de grabación: ${r.camera}` : `Footage request: ${r.camera}`
    : es ? `Petición de grabación retirada: ${r.camera}` : `Footage request withdrawn: ${r.camera}`;
  const body = kind === 'requested'
    ? es
      ? `El Centro de Respuesta en Tiempo Real del centro 9-1-1 le pide la grabación de su cámara "${r.camera}" del ${window} (hora local), para un incidente.\n\nVea el motivo y decida en su página (puede aprobar y subir el archivo, o rechazarla): ${url}\n\nSi no responde antes del ${localDateOf(r.expires_at, tz)}, la petición vence sola.`
      : `The 9-1-1 centre's Real-Time Crime Center asks for the recording of your camera "${r.camera}" from ${window} (local time), for an incident.\n\nSee the reason and decide on your page (you may approve and upload the file, or decline): ${url}\n\nIf you do not answer by ${localDateOf(r.expires_at, tz)}, the request lapses by itself.`
    : es
      ? `La petición de grabación de su cámara "${r.camera}" del ${window} fue retirada. No tiene que hacer nada.\n\n${url}`
      : `The footage request for your camera "${r.camera}" from ${window} was withdrawn. You need not do anything.\n\n${url}`;
  try {
    await ctx.messages.send({ channel: 'email', to: r.email, subject, body, purpose: `footage.${kind}`, related: `footage-request:${requestId}` });
  } catch (e) {
    ctx.log(`footage request ${requestId}: the ${kind} e-mail could not be recorded: ${(e as Error).message}`);
  }
}
