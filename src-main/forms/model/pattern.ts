// A template's `pattern` (validation.pattern): judged once when a template is checked, and matched on RE2's
// linear-time engine (re2js: plain JavaScript, the same in Node and in the browser) wherever an answer is checked.
// A pattern must mean the same in a JavaScript RegExp (Unicode mode) and in RE2, and must not be one a backtracking
// engine could spend exponential time on: the browser's own checks and any other consumer backtrack.
import { RE2JS } from 're2js';

export type PatternProblem = 'invalid' | 'unsupported' | 'nested-quantifier' | 'ambiguous-alternation';

/** What `templates check` and the designer print after the field's path. */
export const patternProblemText: Record<PatternProblem, string> = {
  invalid: 'not a valid regular expression',
  unsupported: 'uses what the linear-time engine (RE2) cannot run: backreferences, lookahead or lookbehind, or \\p{…} properties',
  'nested-quantifier': 'a repeated group contains a variable repeat (like (a+)+ or (.*)*), which a backtracking engine can take minutes on',
  'ambiguous-alternation': 'a repeated group has alternatives that can match the same text (like (a|a)* or (a|ab)*), which a backtracking engine can take minutes on',
};

/** Why a pattern cannot be used, or undefined when it can. */
export function patternProblem(pattern: string): PatternProblem | undefined {
  try {
    new RegExp(pattern, 'u'); // compiling never backtracks; only matching does
  } catch {
    return 'invalid';
  }
  let shape: Shape;
  try {
    shape = new ShapeReader(pattern).read();
  } catch (e) {
    if (e instanceof PatternRefusal) return e.problem;
    return 'invalid';
  }
  if (compile(pattern) === undefined) return 'unsupported';
  return shape.problem;
}

/** Whether the whole value matches the pattern, in time linear in the value. A pattern that cannot run matches nothing. */
export function matchesPattern(pattern: string, value: string): boolean {
  return compile(pattern)?.matches(value) ?? false;
}

const compiled = new Map<string, RE2JS | null>();
const MAX_COMPILED = 256;

function compile(pattern: string): RE2JS | undefined {
  let re = compiled.get(pattern);
  if (re === undefined) {
    try {
      // translateRegExp turns JavaScript's \uXXXX and named groups into RE2's spelling.
      re = RE2JS.compile(RE2JS.translateRegExp(pattern));
    } catch {
      re = null;
    }
    if (compiled.size >= MAX_COMPILED) compiled.delete(compiled.keys().next().value!);
    compiled.set(pattern, re);
  }
  return re ?? undefined;
}

// --- The shape of a pattern: enough of JavaScript's regex syntax to see repeats and alternatives ----------------

class PatternRefusal extends Error {
  constructor(readonly problem: PatternProblem) {
    super(problem);
  }
}

/** Code point ranges a piece can start with; 'any' when not worth working out. */
type FirstChars = 'any' | [number, number][];

type Shape = {
  first: FirstChars;
  /** Can match the empty string. */
  nullable: boolean;
  /** Contains a repeat whose count varies (*, +, ?, {n,m} with n < m). */
  variable: boolean;
  /** Contains alternatives that can start alike (or be empty). */
  ambiguous: boolean;
  problem: PatternProblem | undefined;
};

const DIGIT: [number, number][] = [[0x30, 0x39]];
const WORD: [number, number][] = [[0x30, 0x39], [0x41, 0x5a], [0x5f, 0x5f], [0x61, 0x7a]];

class ShapeReader {
  private at = 0;
  constructor(private readonly src: string) {}

  read(): Shape {
    const shape = this.alternatives();
    if (this.at < this.src.length) throw new PatternRefusal('invalid');
    return shape;
  }

  private alternatives(): Shape {
    const branches = [this.sequence()];
    while (this.src[this.at] === '|') {
      this.at++;
      branches.push(this.sequence());
    }
    if (branches.length === 1) return branches[0]!;
    let ambiguous = branches.some((b) => b.ambiguous || b.nullable);
    for (let i = 0; i < branches.length && !ambiguous; i++) {
      for (let j = i + 1; j < branches.length; j++) if (overlaps(branches[i]!.first, branches[j]!.first)) ambiguous = true;
    }
    return {
      first: branches.reduce<FirstChars>((acc, b) => union(acc, b.first), []),
      nullable: branches.some((b) => b.nullable),
      variable: branches.some((b) => b.variable),
      ambiguous,
      problem: branches.find((b) => b.problem)?.problem,
    };
  }

  private sequence(): Shape {
    const out: Shape = { first: [], nullable: true, variable: false, ambiguous: false, problem: undefined };
    while (this.at < this.src.length && this.src[this.at] !== '|' && this.src[this.at] !== ')') {
      const piece = this.quantified(this.atom());
      if (out.nullable) out.first = union(out.first, piece.first);
      out.nullable &&= piece.nullable;
      out.variable ||= piece.variable;
      out.ambiguous ||= piece.ambiguous;
      out.problem ??= piece.problem;
    }
    return out;
  }

  private quantified(atom: Shape): Shape {
    const q = this.quantifier();
    if (!q) return atom;
    if (this.src[this.at] === '?') this.at++; // lazy: the same ambiguity
    const repeats = q.max > 1;
    let problem = atom.problem;
    if (repeats && !problem && atom.variable) problem = 'nested-quantifier';
    if (repeats && !problem && atom.ambiguous) problem = 'ambiguous-alternation';
    return { first: atom.first, nullable: atom.nullable || q.min === 0, variable: atom.variable || q.min !== q.max, ambiguous: atom.ambiguous, problem };
  }

  private quantifier(): { min: number; max: number } | undefined {
    const c = this.src[this.at];
    if (c === '*') return this.at++, { min: 0, max: Infinity };
    if (c === '+') return this.at++, { min: 1, max: Infinity };
    if (c === '?') return this.at++, { min: 0, max: 1 };
    if (c !== '{') return undefined;
    const m = /^\{(\d+)(,(\d*))?\}/.exec(this.src.slice(this.at));
    if (!m) throw new PatternRefusal('invalid'); // a lone { is a syntax error in Unicode mode
    this.at += m[0].length;
    const min = Number(m[1]);
    return { min, max: m[2] === undefined ? min : m[3] === '' ? Infinity : Number(m[3]) };
  }

  private atom(): Shape {
    const c = this.src[this.at]!;
    const one = (first: FirstChars): Shape => ({ first, nullable: false, variable: false, ambiguous: false, problem: undefined });
    if (c === '(') {
      this.at++;
      if (/^\?(=|!|<=|<!)/.test(this.src.slice(this.at))) throw new PatternRefusal('unsupported');
      if (this.src.startsWith('?:', this.at)) this.at += 2;
      else if (this.src[this.at] === '?') {
        const name = /^\?<[^>]+>/.exec(this.src.slice(this.at));
        if (!name) throw new PatternRefusal('invalid');
        this.at += name[0].length;
      }
      const inner = this.alternatives();
      if (this.src[this.at] !== ')') throw new PatternRefusal('invalid');
      this.at++;
      return inner;
    }
    if (c === '^' || c === '$') {
      this.at++;
      return { first: [], nullable: true, variable: false, ambiguous: false, problem: undefined };
    }
    if (c === '.') return this.at++, one('any');
    if (c === '[') return one(this.charClass());
    if (c === '\\') {
      const e = this.escape(false);
      if (e === 'boundary') return { first: [], nullable: true, variable: false, ambiguous: false, problem: undefined };
      return one(e);
    }
    const cp = this.src.codePointAt(this.at)!;
    this.at += cp > 0xffff ? 2 : 1;
    return one([[cp, cp]]);
  }

  private charClass(): FirstChars {
    this.at++; // [
    const negated = this.src[this.at] === '^';
    if (negated) this.at++;
    let ranges: FirstChars = [];
    let previous: number | undefined;
    while (this.at < this.src.length && this.src[this.at] !== ']') {
      let piece: FirstChars | 'boundary';
      if (this.src[this.at] === '\\') piece = this.escape(true);
      else {
        const cp = this.src.codePointAt(this.at)!;
        this.at += cp > 0xffff ? 2 : 1;
        piece = [[cp, cp]];
      }
      if (piece === 'boundary') piece = [[8, 8]]; // [\b] is a backspace
      // a-z: a range from the previous single character
      if (this.src[this.at] === '-' && this.src[this.at + 1] !== ']' && piece !== 'any' && piece.length === 1 && piece[0]![0] === piece[0]![1]) {
        previous = piece[0]![0];
        this.at++;
        const end = this.src[this.at] === '\\' ? this.escape(true) : this.literal();
        if (end === 'any' || end === 'boundary' || end.length !== 1) ranges = 'any';
        else ranges = union(ranges, [[previous, end[0]![1]]]);
        continue;
      }
      ranges = union(ranges, piece);
    }
    if (this.src[this.at] !== ']') throw new PatternRefusal('invalid');
    this.at++;
    return negated ? 'any' : ranges;
  }

  private literal(): FirstChars {
    const cp = this.src.codePointAt(this.at)!;
    this.at += cp > 0xffff ? 2 : 1;
    return [[cp, cp]];
  }

  /** After a backslash: the characters it stands for, or 'boundary' for \b \B outside a class. */
  private escape(inClass: boolean): FirstChars | 'boundary' {
    this.at++; // backslash
    const c = this.src[this.at];
    if (c === undefined) throw new PatternRefusal('invalid');
    this.at++;
    if (/[1-9]/.test(c) || c === 'k') throw new PatternRefusal('unsupported');
    if (c === 'd') return DIGIT;
    if (c === 'w') return WORD;
    if ('DWsSpP'.includes(c)) {
      if ((c === 'p' || c === 'P') && this.src[this.at] === '{') this.at = this.src.indexOf('}', this.at) + 1;
      return 'any';
    }
    if ((c === 'b' || c === 'B') && !inClass) return 'boundary';
    if (c === 'u') {
      const m = /^(?:\{([0-9a-fA-F]+)\}|([0-9a-fA-F]{4}))/.exec(this.src.slice(this.at));
      if (!m) throw new PatternRefusal('invalid');
      this.at += m[0].length;
      const cp = Number.parseInt(m[1] ?? m[2]!, 16);
      return [[cp, cp]];
    }
    if (c === 'x') {
      const cp = Number.parseInt(this.src.slice(this.at, this.at + 2), 16);
      this.at += 2;
      return [[cp, cp]];
    }
    if (c === 'c') return this.at++, 'any';
    const simple: Record<string, number> = { n: 10, r: 13, t: 9, f: 12, v: 11, '0': 0 };
    const cp = simple[c] ?? c.codePointAt(0)!;
    return [[cp, cp]];
  }
}

function union(a: FirstChars, b: FirstChars): FirstChars {
  return a === 'any' || b === 'any' ? 'any' : [...a, ...b];
}

function overlaps(a: FirstChars, b: FirstChars): boolean {
  if (a === 'any') return b === 'any' || b.length > 0;
  if (b === 'any') return a.length > 0;
  return a.some(([lo, hi]) => b.some(([lo2, hi2]) => lo <= hi2 && lo2 <= hi));
}
