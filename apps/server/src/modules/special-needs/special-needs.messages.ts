import type { AppContext } from '../../http/app-context';

type Lang = 'en' | 'es';
export type NoticeMessageKind = 'received' | 'approved' | 'needs-info' | 'rejected' | 'reminder' | 'withdrawn';

const TEXT: Record<Lang, Record<NoticeMessageKind, { subject: string; body: (name: string, link: string, note: string | null) => string }>> = {
  en: {
    received: { subject: 'We received your Special Needs Notification', body: (n, l) => `We received the Special Needs Notification for ${n}. We will review it and let you know. Your private link to see, update or withdraw it: ${l}` },
    approved: { subject: 'Your Special Needs Notification is active', body: (n, l, note) => `The notification for ${n} is now shown to call-takers, dispatchers and responders at that address.${note ? ` Note from the reviewer: ${note}` : ''} Please confirm it once a year. Your private link: ${l}` },
    'needs-info': { subject: 'We need a little more information', body: (n, l, note) => `To complete the notification for ${n} we need more information: ${note ?? ''} Please update it here: ${l}` },
    rejected: { subject: 'About your Special Needs Notification', body: (n, l, note) => `We could not accept the notification for ${n}: ${note ?? ''} You can see it here: ${l}` },
    reminder: { subject: 'Please confirm your Special Needs Notification', body: (n, l) => `Once a year we ask you to confirm that the notification for ${n} is still correct. Confirm or update it here: ${l}` },
    withdrawn: { subject: 'Your Special Needs Notification was withdrawn', body: (n) => `The notification for ${n} was withdrawn and is no longer shown to responders.` },
  },
  es: {
    received: { subject: 'Recibimos su Notificación de Necesidades Especiales', body: (n, l) => `Recibimos la notificación de necesidades especiales de ${n}. La revisaremos y le avisaremos. Su enlace privado para verla, actualizarla o retirarla: ${l}` },
    approved: { subject: 'Su Notificación de Necesidades Especiales está activa', body: (n, l, note) => `La notificación de ${n} ya se muestra a operadores, despachadores y personal de emergencia en esa dirección.${note ? ` Nota del revisor: ${note}` : ''} Por favor confírmela una vez al año. Su enlace privado: ${l}` },
    'needs-info': { subject: 'Necesitamos un poco más de información', body: (n, l, note) => `Para completar la notificación de ${n} necesitamos más información: ${note ?? ''} Por favor actualícela aquí: ${l}` },
    rejected: { subject: 'Sobre su Notificación de Necesidades Especiales', body: (n, l, note) => `No pudimos aceptar la notificación de ${n}: ${note ?? ''} Puede verla aquí: ${l}` },
    reminder: { subject: 'Por favor confirme su Notificación de Necesidades Especiales', body: (n, l) => `Una vez al año le pedimos confirmar que la notificación de ${n} sigue siendo correcta. Confírmela o actualícela aquí: ${l}` },
    withdrawn: { subject: 'Su Notificación de Necesidades Especiales fue retirada', body: (n) => `La notificación de ${n} fue retirada y ya no se muestra al personal de emergencia.` },
  },
};

export function manageUrl(ctx: AppContext, token: string, lang: Lang): string {
  return `${ctx.publicUrl}/special-needs/manage/${token}?lang=${lang}`;
}

/**
 * Tells the submitter what happened, by e-mail if they gave one, else by text message. Sent after
 * the change is committed; a failed send is recorded by the gateway, never silently dropped.
 */
export async function notifySubmitter(
  ctx: AppContext,
  n: { id: number; lang: Lang; personFirstName: string; email?: string | undefined; phone?: string | undefined },
  kind: NoticeMessageKind,
  token: string | null,
  note: string | null = null,
): Promise<void> {
  const t = TEXT[n.lang][kind];
  const link = token ? manageUrl(ctx, token, n.lang) : '';
  const body = t.body(n.personFirstName, link, note);
  const common = { purpose: `special-needs.${kind}`, related: `special-needs:${n.id}`, body };
  if (n.email) await ctx.messages.send({ ...common, channel: 'email', to: n.email, subject: t.subject });
  else if (n.phone) await ctx.messages.send({ ...common, channel: 'sms', to: n.phone });
}
