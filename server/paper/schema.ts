// Imports nothing but zod, pure date rules and the serial, so the staff pages can share these.
import { z } from 'zod';
import { isCalendarDate } from '../waves/wave-dates.ts';
import { parseSerial } from './serial.ts';

const communeCode = z.string().regex(/^\d{5}$/, 'a five-digit commune code');
const waveId = z.string().min(1).max(32);
/** A language code as the language settings name it (`vi`, `en`, `hmn`). */
const language = z.string().regex(/^[a-z]{2,3}$/, 'a language code such as vi');

/** A typed serial, normalised (spaces dropped, dashes put back); a bad one names why. */
export const serialSchema = z.string().transform((typed, context) => {
  const parsed = parseSerial(typed);
  if (!parsed.ok) {
    context.addIssue({ code: 'custom', message: parsed.reason });
    return z.NEVER;
  }
  return parsed.serial;
});

/** Forms in one batch: a box of paper a team can carry; above it, print two batches. */
export const maxFormsPerBatch = 2000;

/** `POST /api/paper/batches` body. */
export const newBatchSchema = z.strictObject({
  communeCode,
  wave: waveId,
  count: z.number().int().min(1).max(maxFormsPerBatch),
  /** Defaults to `vi`; must be a complete language. */
  language: language.optional(),
});
export type NewBatch = z.infer<typeof newBatchSchema>;

export const batchCreatedSchema = z.object({ id: z.uuid(), serials: z.array(z.string()) });

/** A printed batch, without its serials (the list). */
export const batchSummarySchema = z.object({
  id: z.uuid(),
  communeCode: z.string(),
  communeName: z.string(),
  /** The batch's number in its commune: the serial's second group. */
  number: z.number().int(),
  wave: z.string(),
  questionnaireId: z.string(),
  language: z.string(),
  count: z.number().int(),
  createdBy: z.string(),
  createdAt: z.iso.datetime(),
});
export type BatchSummary = z.infer<typeof batchSummarySchema>;

/** `GET /api/paper/batches/:id`: what the print page needs. */
export const batchSchema = batchSummarySchema.extend({
  /** The wave's name, for the form's heading. */
  waveName: z.string(),
  serials: z.array(z.string()),
  /**
   * The questionnaire's strings in the batch's language (keys as `GET /api/languages/:code`
   * gives them), for this version even when residents are now given another.
   */
  strings: z.record(z.string(), z.string()),
});
export type Batch = z.infer<typeof batchSchema>;

export const batchListQuerySchema = z.object({
  communeCode: communeCode.optional(),
  wave: waveId.optional(),
});
export const batchParamsSchema = z.object({ id: z.uuid() });

export const formStateSchema = z.enum(['awaiting_second', 'verified', 'conflict']);
export type FormState = z.infer<typeof formStateSchema>;

/** `GET /api/paper/forms/:serial`: a serial checked before its answers are typed. */
export const formStatusSchema = z.object({
  serial: z.string(),
  batchId: z.uuid(),
  communeCode: z.string(),
  communeName: z.string(),
  wave: z.string(),
  questionnaireId: z.string(),
  language: z.string(),
  /** `not_entered` until its first entry. */
  state: z.union([z.literal('not_entered'), formStateSchema]),
  entries: z.number().int(),
  /** Whether the caller has entered it already (a second entry must be someone else's). */
  enteredByYou: z.boolean(),
});
export type FormStatus = z.infer<typeof formStatusSchema>;
export const formParamsSchema = z.object({ serial: z.string().max(40) });

const answers = z
  .record(z.string().min(1).max(100), z.unknown())
  .refine((value) => Object.keys(value).length <= 500, 'at most 500 answers');

/** The day written on the form, as a whole day in Asia/Ho_Chi_Minh. */
const completedOn = z.string().refine(isCalendarDate, 'a day as YYYY-MM-DD');

/** `POST /api/paper/entries` body. */
export const newEntrySchema = z.strictObject({
  serial: z.string().max(40),
  answers,
  completedOn: completedOn.optional(),
  /** The wave the clerk is entering for, when the screen names one: a form of another is refused. */
  wave: waveId.optional(),
});
export type NewEntry = z.infer<typeof newEntrySchema>;

/** The answer to an entry: where the form stands now. */
export const entryReceiptSchema = z.object({
  serial: z.string(),
  entries: z.number().int(),
  state: formStateSchema,
  responseId: z.uuid().optional(),
});
export type EntryReceipt = z.infer<typeof entryReceiptSchema>;

/** One answer two entries of a form disagree on; `question` is `completedOn` for the date. */
export const differenceSchema = z.object({
  question: z.string(),
  /** `null` where that entry left the question blank. */
  first: z.unknown(),
  second: z.unknown(),
});
export type Difference = z.infer<typeof differenceSchema>;

/** `GET /api/paper/conflicts` item. */
export const conflictSchema = z.object({
  serial: z.string(),
  communeCode: z.string(),
  wave: z.string(),
  questionnaireId: z.string(),
  differences: z.array(differenceSchema),
  /** Who typed each entry and when, first entry first. */
  entries: z.array(z.object({ enteredBy: z.string(), enteredAt: z.iso.datetime() })),
});
export type Conflict = z.infer<typeof conflictSchema>;
export const conflictsQuerySchema = z.object({ communeCode: communeCode.optional() });

/** `POST /api/paper/conflicts/:serial/resolve` body. */
export const resolutionSchema = z.strictObject({
  /** A decision for every differing question (others may be repeated; they must agree). */
  answers,
  /** Required when the two entries' `completedOn` differ; `null` decides "not written". */
  completedOn: completedOn.nullable().optional(),
  reason: z.string().trim().min(5).max(1000),
});
export type Resolution = z.infer<typeof resolutionSchema>;
export const resolvedSchema = z.object({
  serial: z.string(),
  state: z.literal('verified'),
  responseId: z.uuid(),
});

/** A wave's paper forms, per commune and in total (part of `GET /api/waves/:id/progress`). */
export const paperProgressSchema = z.object({
  /** Forms printed in the wave's batches. */
  printed: z.number().int(),
  /** Forms typed once, waiting for their second entry. */
  enteredOnce: z.number().int(),
  /** Forms whose two entries agreed or whose conflict was resolved: stored as responses. */
  verified: z.number().int(),
  /** Forms whose two entries disagree, waiting in the conflicts list. */
  conflicts: z.number().int(),
});
export type PaperProgress = z.infer<typeof paperProgressSchema>;
