import { z } from 'zod';
import {
  BlockTourDateBodySchema,
  ConfirmTourBodySchema,
  TourActionResultSchema,
  TourBlockedDateSchema,
  TourDetailSchema,
  TourListQuerySchema,
  TourMessageBodySchema,
  TourMonthQuerySchema,
  TourMonthSchema,
  TourReadQuerySchema,
  TourSummarySchema,
  isIsoDate,
} from '@openpsap/contract';
import { conflict, notFound } from '../../errors/app-error';
import type { AppContext } from '../../http/app-context';
import type { Access } from '../../http/auth-hook';
import { actorFor, IdParams, type Api } from '../../http/route-types';
import { statedPurpose } from '../../privacy/purpose';
import { tourMonth } from './tour-calendar';
import { tourCalendarFile, tourCalendarFileName } from './tour-ics';
import { blockTourDate, cancelTour, confirmTour, declineTour, readTourDetail, rulesOf, todayOf, unblockTourDate } from './tours.commands';
import { blockedBetween, getTourRow, listTourRows, toTourSummary } from './tours.queries';

const tags = ['tours'];
const access: Access = { permission: 'tour.manage' };
const DateParams = z.object({ date: z.string().refine(isIsoDate, 'must be a date such as 2026-05-12') }).strict();
const DateRangeQuery = z
  .object({
    from: z.string().refine(isIsoDate, 'must be a date such as 2026-05-12').optional(),
    to: z.string().refine(isIsoDate, 'must be a date such as 2026-05-12').optional(),
  })
  .strict();

/** The community services officers' side of education tours: requests, calendar, bookings, blocked days. */
export function registerTourRoutes(api: Api, ctx: AppContext): void {
  const pool = ctx.db.pool;

  api.get('/api/v1/tours', {
    schema: { tags, summary: 'Tour requests without contact details; waiting ones first, oldest first', querystring: TourListQuerySchema, response: { 200: z.array(TourSummarySchema) } },
    config: { access },
  }, async (req) => {
    const rules = rulesOf(ctx);
    return (await listTourRows(pool, { state: req.query.state, limit: req.query.limit })).map((r) => toTourSummary(r, rules));
  });

  api.get('/api/v1/tours/calendar', {
    schema: { tags, summary: 'One month (?month=2026-05): each day\'s slots, confirmed tours, free slots and blocked days', querystring: TourMonthQuerySchema, response: { 200: TourMonthSchema } },
    config: { access },
  }, async (req) => tourMonth(pool, rulesOf(ctx), req.query.month, todayOf(ctx)));

  api.get('/api/v1/tours/blocked-dates', {
    schema: { tags, summary: 'Days without tours (default: from today on)', querystring: DateRangeQuery, response: { 200: z.array(TourBlockedDateSchema) } },
    config: { access },
  }, async (req) => blockedBetween(pool, req.query.from ?? todayOf(ctx), req.query.to ?? '9999-12-31'));

  api.post('/api/v1/tours/blocked-dates', {
    schema: { tags, summary: 'Close a day to tours (a drill, a holiday); refused while tours are booked that day', body: BlockTourDateBodySchema, response: { 201: TourBlockedDateSchema } },
    config: { access },
  }, async (req, reply) => {
    const blocked = await blockTourDate(ctx, actorFor(req), req.body);
    reply.code(201);
    return blocked;
  });

  api.delete('/api/v1/tours/blocked-dates/:date', {
    schema: { tags, summary: 'Open a blocked day to tours again', params: DateParams, response: { 200: TourBlockedDateSchema } },
    config: { access },
  }, async (req) => unblockTourDate(ctx, actorFor(req), req.params.date));

  api.get('/api/v1/tours/:id', {
    schema: {
      tags,
      summary: 'One request with its contact details; the read is audited with the purpose given (x-psap-purpose header or ?purpose=)',
      params: IdParams,
      querystring: TourReadQuerySchema,
      response: { 200: TourDetailSchema },
    },
    config: { access },
  }, async (req) => readTourDetail(ctx, actorFor(req), req.params.id, statedPurpose(req)));

  api.post('/api/v1/tours/:id/confirm', {
    schema: { tags, summary: 'Book a waiting request into a slot (409 if the slot or day is taken, 422 if the rules say no); tells the requester', params: IdParams, body: ConfirmTourBodySchema, response: { 200: TourActionResultSchema } },
    config: { access },
  }, async (req) => confirmTour(ctx, actorFor(req), req.params.id, req.body));

  api.post('/api/v1/tours/:id/decline', {
    schema: { tags, summary: 'Turn a waiting request down with a message to the requester', params: IdParams, body: TourMessageBodySchema, response: { 200: TourActionResultSchema } },
    config: { access },
  }, async (req) => declineTour(ctx, actorFor(req), req.params.id, req.body.message));

  api.post('/api/v1/tours/:id/cancel', {
    schema: { tags, summary: 'Cancel a confirmed tour with a message to the requester; frees the slot', params: IdParams, body: TourMessageBodySchema, response: { 200: TourActionResultSchema } },
    config: { access },
  }, async (req) => cancelTour(ctx, actorFor(req), req.params.id, req.body.message));

  api.get('/api/v1/tours/:id/ics', {
    schema: { tags, summary: 'The calendar file (RFC 5545) of a confirmed tour', params: IdParams },
    config: { access },
  }, async (req, reply) => {
    const row = await getTourRow(pool, req.params.id);
    if (!row) throw notFound(`tour request ${req.params.id}`);
    if (row.state !== 'confirmed') throw conflict(`tour request ${row.reference} is ${row.state}; only a confirmed tour has a calendar entry`);
    reply.type('text/calendar; charset=utf-8').header('content-disposition', `attachment; filename="${tourCalendarFileName(row)}"`);
    return tourCalendarFile(rulesOf(ctx), row, ctx.publicUrl, ctx.clock.now());
  });
}
