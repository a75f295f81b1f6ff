import { notFound } from '../../errors/app-error';
import type { AppContext } from '../../http/app-context';
import { actorFor, IdParams, type Api } from '../../http/route-types';
import { auditView, statedPurpose } from '../../privacy/purpose';
import { acknowledgeDor, centreToday, createProgram, enrolTrainee, recordDor, signChecklistItem, signPhase, updateTrainee } from './training.commands';
import { listPrograms } from './training.queries';
import { AcknowledgeBodySchema, ChecklistSignoffBodySchema, DorBodySchema, EnrolBodySchema, PhaseSignoffBodySchema, ProgramBodySchema, PurposeQuerySchema, TraineeUpdateBodySchema, TrainingListQuerySchema } from './training.schemas';
import { trainingProgressCsv } from './training.report';
import { traineeDetail, traineeSummaries } from './training.view';

const tags = ['training'];

/** The in-house training program: trainees, their CTOs, DORs, checklists and phase sign-offs. */
export function registerTrainingRoutes(api: Api, ctx: AppContext): void {
  const pool = ctx.db.pool;

  api.get('/api/v1/training/programs', {
    schema: { tags, summary: 'Training programs (phases, checklists, rating categories); the default is used for new trainees' },
    config: { access: { permission: 'training.read' } },
  }, async () => listPrograms(pool));

  api.post('/api/v1/training/programs', {
    schema: { tags, summary: 'Define a new training program (programs are never edited: trainees keep the one they were enrolled under)', body: ProgramBodySchema },
    config: { access: { permission: 'training.manage' } },
  }, async (req, reply) => reply.code(201).send(await createProgram(ctx, actorFor(req), req.body)));

  api.get('/api/v1/training/trainees', {
    schema: { tags, summary: 'Trainees with phase, days in phase, expected completion, flags and DOR averages (needs a purpose; audited)', querystring: TrainingListQuerySchema },
    config: { access: { permission: 'training.read' } },
  }, async (req) => {
    const purpose = statedPurpose(req);
    const status = req.query.status === 'all' ? undefined : req.query.status;
    const list = await traineeSummaries(pool, centreToday(ctx), status);
    await auditView(ctx, req, 'trainee', list.map((t) => t.id), purpose, { list: true });
    return list;
  });

  api.post('/api/v1/training/trainees', {
    schema: { tags, summary: 'Enrol a trainee (someone in the staff register, or a new hire added to it) with a hire date and optionally a CTO', body: EnrolBodySchema },
    config: { access: { permission: 'training.manage' } },
  }, async (req, reply) => reply.code(201).send(await enrolTrainee(ctx, actorFor(req), req.body)));

  api.get('/api/v1/training/trainees/:id', {
    schema: { tags, summary: "A trainee's record: progress, phases and checklists, DORs, the sign-off trail (needs a purpose; audited)", params: IdParams, querystring: PurposeQuerySchema },
    config: { access: { permission: 'training.read' } },
  }, async (req) => {
    const purpose = statedPurpose(req);
    const d = await traineeDetail(pool, req.params.id, centreToday(ctx));
    if (!d) throw notFound(`trainee ${req.params.id}`);
    await auditView(ctx, req, 'trainee', [d.id], purpose);
    return d;
  });

  api.patch('/api/v1/training/trainees/:id', {
    schema: { tags, summary: "Assign or change the trainee's CTO, or withdraw them", params: IdParams, body: TraineeUpdateBodySchema },
    config: { access: { permission: 'training.manage' } },
  }, async (req) => updateTrainee(ctx, actorFor(req), req.params.id, req.body));

  api.post('/api/v1/training/trainees/:id/dors', {
    schema: { tags, summary: 'A daily observation report: every category rated 1-7 (7 best) and a narrative; by the CTO, or a supervisor for them', params: IdParams, body: DorBodySchema },
    config: { access: { permission: 'training.observe' } },
  }, async (req, reply) => reply.code(201).send(await recordDor(ctx, actorFor(req), req.params.id, req.body)));

  api.post('/api/v1/training/dors/:id/acknowledge', {
    schema: { tags, summary: 'The trainee acknowledges having read a DOR, with an optional comment', params: IdParams, body: AcknowledgeBodySchema },
    config: { access: { permission: 'training.acknowledge' } },
  }, async (req) => acknowledgeDor(ctx, actorFor(req), req.params.id, req.body));

  api.post('/api/v1/training/trainees/:id/checklist', {
    schema: { tags, summary: 'Sign off one checklist item of the current phase (by the CTO, or a supervisor for them)', params: IdParams, body: ChecklistSignoffBodySchema },
    config: { access: { permission: 'training.observe' } },
  }, async (req, reply) => reply.code(201).send(await signChecklistItem(ctx, actorFor(req), req.params.id, req.body)));

  api.post('/api/v1/training/trainees/:id/phase-signoff', {
    schema: { tags, summary: 'Sign off the current phase (CTO and the signing supervisor); refused, naming them, while checklist items are open', params: IdParams, body: PhaseSignoffBodySchema },
    config: { access: { permission: 'training.manage' } },
  }, async (req, reply) => reply.code(201).send(await signPhase(ctx, actorFor(req), req.params.id, req.body)));

  api.get('/api/v1/training/report', {
    schema: { tags, summary: 'Training progress per trainee (phase, days, DOR averages) as JSON or CSV (needs a purpose; audited)', querystring: TrainingListQuerySchema },
    config: { access: { permission: 'training.read' } },
  }, async (req, reply) => {
    const purpose = statedPurpose(req);
    const status = req.query.status === 'all' || !req.query.status ? undefined : req.query.status;
    const list = await traineeSummaries(pool, centreToday(ctx), status);
    await auditView(ctx, req, 'trainee', list.map((t) => t.id), purpose, { report: true });
    if (req.query.format !== 'csv') return list;
    return reply.type('text/csv; charset=utf-8').header('content-disposition', 'attachment; filename="training-progress.csv"').send(trainingProgressCsv(list));
  });
}
