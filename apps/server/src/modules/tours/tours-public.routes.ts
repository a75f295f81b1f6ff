import {
  PublicTourSchema,
  PublicTourTokenQuerySchema,
  TourAvailabilitySchema,
  TourReferenceSchema,
  TourRequestBodySchema,
  TourRequestCreatedSchema,
  WithdrawTourBodySchema,
} from '@openpsap/contract';
import { z } from 'zod';
import { conflict } from '../../errors/app-error';
import type { AppContext } from '../../http/app-context';
import type { Access } from '../../http/auth-hook';
import { rateLimit } from '../../http/rate-limit';
import type { Api } from '../../http/route-types';
import { tourAvailability } from './tour-calendar';
import { tourCalendarFile, tourCalendarFileName } from './tour-ics';
import { publicActor, publicTourView, requestTour, rulesOf, todayOf, withdrawTour } from './tours.commands';

const tags = ['tours (public)'];
const access: Access = { public: true };
const ReferenceParams = z.object({ reference: TourReferenceSchema }).strict();

/**
 * What anyone may do without signing in: see the rules and unavailable days, ask for a tour, and
 * with the private link from our message see, download or withdraw their own request.
 */
export function registerPublicTourRoutes(api: Api, ctx: AppContext): void {
  api.get('/api/v1/public/tours/availability', {
    schema: { tags, summary: 'Booking rules, today, the dates a request may ask for, and days or slots already unavailable', response: { 200: TourAvailabilitySchema } },
    config: { access },
  }, async () => tourAvailability(ctx.db.pool, rulesOf(ctx), todayOf(ctx)));

  api.post('/api/v1/public/tours', {
    schema: { tags, summary: 'Ask for a tour; answers the reference to quote and sends an acknowledgement', body: TourRequestBodySchema, response: { 201: TourRequestCreatedSchema } },
    config: { access },
    preHandler: rateLimit('tour request', 5, 60 * 60_000),
  }, async (req, reply) => {
    const created = await requestTour(ctx, publicActor('tour-form', req.ip ?? null), req.body);
    reply.code(201);
    return created;
  });

  api.get('/api/v1/public/tours/:reference', {
    schema: { tags, summary: 'The requester\'s own request, with the private link\'s token', params: ReferenceParams, querystring: PublicTourTokenQuerySchema, response: { 200: PublicTourSchema } },
    config: { access },
  }, async (req, reply) => {
    reply.header('cache-control', 'no-store');
    return (await publicTourView(ctx, req.params.reference, req.query.token)).view;
  });

  api.get('/api/v1/public/tours/:reference/ics', {
    schema: { tags, summary: 'The calendar file of the requester\'s confirmed tour', params: ReferenceParams, querystring: PublicTourTokenQuerySchema },
    config: { access },
  }, async (req, reply) => {
    const { row } = await publicTourView(ctx, req.params.reference, req.query.token);
    if (row.state !== 'confirmed') throw conflict(`request ${row.reference} is ${row.state}; a calendar entry exists once the tour is confirmed`);
    reply.type('text/calendar; charset=utf-8').header('cache-control', 'no-store').header('content-disposition', `attachment; filename="${tourCalendarFileName(row)}"`);
    return tourCalendarFile(rulesOf(ctx), row, ctx.publicUrl, ctx.clock.now());
  });

  api.post('/api/v1/public/tours/:reference/withdraw', {
    schema: { tags, summary: 'Withdraw a request (waiting or confirmed) with the private link\'s token', params: ReferenceParams, body: WithdrawTourBodySchema, response: { 200: PublicTourSchema } },
    config: { access },
  }, async (req) => withdrawTour(ctx, publicActor('tour-link', req.ip ?? null), req.params.reference, req.body.token));
}
