import { z } from 'zod';
import { ID_PATTERN } from './ids';
import { LocalizedText } from './localized';

/** How a finished visit leaves the kiosk: printed for the resident to hand in, sent to the clerk's desk, or both. */
export const HAND_INS = ['print', 'clerk', 'both'] as const;
export const HandIn = z.enum(HAND_INS);
export type HandIn = z.infer<typeof HandIn>;

const procedureId = z.string().regex(ID_PATTERN);

export const HandInRule = z
  .strictObject({
    offer: z.array(HandIn).min(1).meta({ description: 'What the kiosk offers, e.g. ["clerk", "both"].' }),
    recommend: HandIn.meta({ description: 'Offered first and marked おすすめ; must be one of "offer".' }),
  })
  .refine((r) => r.offer.includes(r.recommend), { message: 'the recommended way must be one of those offered', path: ['recommend'] });
export type HandInRule = z.infer<typeof HandInRule>;

/**
 * The city's arrangement of the procedure list (templates/city/procedures.json, edited by IT staff): the most used
 * first, then categories in the city's order, and how each procedure's forms are handed in.
 */
export const CityProcedures = z
  .strictObject({
    $schema: z.string().optional(),
    mostUsed: z.array(procedureId).default([]).meta({ description: 'Shown first, in this order (住民票 first at most counters).' }),
    categories: z
      .array(
        z.strictObject({
          id: procedureId,
          title: LocalizedText,
          procedures: z.array(procedureId).min(1),
        }),
      )
      .meta({ description: 'Sections of the list in order; a procedure in none is shown last under その他.' }),
    handIn: z
      .strictObject({
        default: HandInRule,
        procedures: z.record(procedureId, HandInRule).default({}),
      })
      .meta({ description: 'Per procedure (template or bundle id) what the kiosk offers and recommends.' }),
  })
  .meta({ id: 'CityProcedures', description: "The city's order, categories and hand-in rules for the kiosk's procedures." });
export type CityProcedures = z.infer<typeof CityProcedures>;
