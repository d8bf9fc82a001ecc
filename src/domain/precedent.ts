import { z } from 'zod';

/**
 * What the precedent analysis concluded about a requirement: the thing it asks for, whether the code already
 * has it, the existing thing most like it (the sibling), and every place the sibling lives (its footprint),
 * each with evidence. The offline engine plans from it, `draft_plan` and `explore_codebase` return it, and
 * the checks compare a plan's claims against it.
 */

export const REQUESTED_KINDS = [
  'option',
  'flag',
  'setting',
  'parameter',
  'field',
  'query-parameter',
  'config-value',
  'command',
  'menu-item',
  'message',
  'behaviour',
] as const;

/** met: the code already does it; partly-met: part of it is there (`missing` says what is not); name-taken:
 * the name exists for something else; new: nothing like it; unsure: the evidence does not settle it. */
export const PRECEDENT_VERDICTS = ['met', 'partly-met', 'name-taken', 'new', 'unsure'] as const;

export const FOOTPRINT_ROLES = [
  'registration',
  'read',
  'default',
  'serialization',
  'type',
  'docs',
  'test',
  'changelog',
  'other',
] as const;

/** What a thing's footprint holds besides the code that declares and reads it (`precedent/gap.ts`). */
export const GAP_ASPECTS = [
  'declaration',
  'test',
  'docs',
  'man',
  'changelog',
  'completion',
  'typing',
] as const;
export type GapAspect = (typeof GAP_ASPECTS)[number];

const place = z.object({
  file: z.string().min(1),
  line: z.number().int().min(1),
  text: z.string().default(''),
});

export const precedentSchema = z.object({
  requested: z
    .object({
      kind: z.enum(REQUESTED_KINDS),
      name: z.string().min(1),
      /** The name as the ecosystem spells it: --max-items, max_items, maxItems, MAX_ITEMS, … */
      spellings: z.array(z.string()).default([]),
      /** False when the requirement spells no name and this one was made from the words that describe it. */
      named: z.boolean().default(true),
    })
    .nullable()
    .default(null),
  verdict: z.enum(PRECEDENT_VERDICTS),
  /** Why the verdict: the declarations that settle it. */
  evidence: z.array(place).default([]),
  /** For partly-met: what is missing. */
  missing: z.string().default(''),
  /** Why the verdict and the sibling, in the analysis' words: the evidence that chose it ("its help agrees"). */
  reason: z.string().default(''),
  sibling: z
    .object({
      name: z.string().min(1),
      kind: z.string().default(''),
      file: z.string().min(1),
      line: z.number().int().min(1),
      /** The first of several declarations as near as each other (the candidates): which to follow is unsure. */
      tentative: z.boolean().optional(),
    })
    .optional(),
  footprint: z
    .array(
      z.object({
        file: z.string().min(1),
        line: z.number().int().min(1).optional(),
        symbol: z.string().optional(),
        role: z.enum(FOOTPRINT_ROLES),
        area: z.enum(['code', 'test', 'docs', 'changelog']),
        source: z.enum(['occurrence', 'history', 'page']),
        why: z.string().default(''),
        /** The line as it reads in the file (empty for a file from history). */
        text: z.string().default(''),
        /** A file not written by hand: "generated (evidence); regenerate with `cmd` (file:line)" or "…; not edited by hand". */
        generated: z.string().optional(),
        /** A file of the introducing commit nothing today ties to the sibling: listed, no step. */
        incidental: z.string().optional(),
        /** The declaration the line is of when not the sibling (the configuration key a requested key is declared beside). */
        of: z.string().optional(),
      }),
    )
    .default([]),
  tests: z
    .array(
      z.object({
        file: z.string().min(1),
        command: z.string().default(''),
        selects: z.array(z.string()).default([]),
        /** What the file's tests do with the sibling (ranked by it). */
        why: z.string().default(''),
        /** A table-driven layout: the folder of data files this driver test reads, where a new case goes. */
        data: z.string().optional(),
        /** The data files in `data` that name the sibling (a few, with their companions): the case a new one edits or copies. */
        cases: z.array(z.string()).optional(),
        /**
         * How many of the file's tests use the sibling (a driver: the data files it reads that name it).
         * 0: none does; the file tests the sibling's neighbours or imports its module, where a new test goes.
         */
        uses: z.number().int().min(0).optional(),
        /** The test a new one is modelled on: its name and lines, what it does with the sibling (or neighbour `of`). */
        model: z
          .object({
            name: z.string(),
            line: z.number().int(),
            end: z.number().int(),
            does: z.string(),
            of: z.string().optional(),
          })
          .optional(),
      }),
    )
    .default([]),
  /** Where the engine is unsure: the places it weighed. */
  candidates: z.array(place).default([]),
  /** For a behaviour: what the request needs that the code already does (the function that sends mail). */
  uses: z.array(place.extend({ symbol: z.string().optional(), why: z.string().default('') })).default([]),
  /**
   * What the requirement says the thing does, in its own words after the name (`says`), and code the
   * project already has whose name is a phrase of those words (`at`: where that effect lives, at most
   * three; `sure` only on strong evidence, else a candidate to read). Absent when it says nothing past the
   * name, unless a phrase of the name names code (then `says` is the name).
   */
  effect: z
    .object({
      says: z.string().min(1),
      at: z
        .array(
          place.extend({
            symbol: z.string().min(1),
            why: z.string().default(''),
            sure: z.boolean().default(false),
          }),
        )
        .default([]),
    })
    .optional(),
  /**
   * Where the sibling's value is handed to a library's call as a keyword (`library-call.ts`): a new option
   * modelled on it works only if the library versions the project allows take it. `dependency`: the line
   * that declares the library.
   */
  library: z
    .array(
      z.object({
        callee: z.string().min(1),
        module: z.string().min(1),
        keyword: z.string().min(1),
        file: z.string().min(1),
        line: z.number().int().min(1),
        dependency: place,
      }),
    )
    .default([]),
  /**
   * For met and partly-met: the existing thing's footprint against its nearest declared neighbours' (same
   * kind, same file). `lacks` holds, per aspect most neighbours have and the thing has not, the nearest
   * neighbour's place (`name` is that neighbour): the gap a plan proposes, and only that.
   */
  gap: z
    .object({
      neighbours: z.array(z.string()).default([]),
      has: z.array(place.extend({ aspect: z.enum(GAP_ASPECTS), name: z.string() })).default([]),
      lacks: z
        .array(
          place.extend({
            aspect: z.enum(GAP_ASPECTS),
            name: z.string(),
            /** The neighbour's place is not written by hand: what regenerates it (`explore/generated.ts`). */
            generated: z.string().optional(),
          }),
        )
        .default([]),
      /** Met under another name than the requested one: the name is the open question. */
      renamed: z.boolean().default(false),
      /** The command that lists it, from the declaring script's `#!` line (`node bin/tool --help`), or ''. */
      help: z.string().default(''),
      /** Met with no neighbour to compare with, and no test uses it nor names it: a test is the gap. */
      untested: z.boolean().optional(),
    })
    .optional(),
});

export type Precedent = z.infer<typeof precedentSchema>;
export type PrecedentVerdict = (typeof PRECEDENT_VERDICTS)[number];

/**
 * Whether the thing is given on a command line: its sibling is a flag, an option or a command; with no
 * sibling, the request names a flag or a command (an "option" alone may be a configuration file's).
 */
export const onCommandLine = (p: Pick<Precedent, 'sibling' | 'requested'>): boolean =>
  p.sibling
    ? ['option', 'flag', 'command'].includes(p.sibling.kind)
    : p.requested?.kind === 'flag' || p.requested?.kind === 'command';
