/**
 * Splits text and code into search terms: identifiers are split at case changes, underscores, dots and
 * dashes (`parseHTTPDate` → parse, http, date) and also kept whole when compound (`parsehttpdate`), so
 * a query naming the identifier matches strongly and one describing it in words still matches.
 */
export const STOP = new Set(
  (
    'the a an and or but if then else when of to in on at by for with from as is are was were be been being it its this that these those ' +
    'there here we you i he she they them our your their my me us not no yes do does did done can could should would will shall may might must ' +
    'have has had get got set use used using new old some any all each every other such only also just than so very more most less least into out up down ' +
    'about over under after before again further once what which who whom why how where while both few same own too s t don now var let const ' +
    'function return true false null none self def class import export default public private protected static void int string str ' +
    'https http www com github org issue bug error expected actual behavior behaviour reproduce steps version versions'
  ).split(' '),
);

export function stem(w: string): string {
  if (w.length > 4 && w.endsWith('ies')) return `${w.slice(0, -3)}y`;
  if (w.length > 3 && w.endsWith('s') && !w.endsWith('ss') && !w.endsWith('us') && !w.endsWith('is'))
    return w.slice(0, -1);
  return w;
}

const IDENT = /[A-Za-z][A-Za-z0-9]*(?:[_.-][A-Za-z0-9]+)*/g;
const PART = /[A-Z]+(?![a-z])|[A-Z]?[a-z]+|[0-9]+/g;

/** Calls `emit` for every term of `text`, in order. */
export function eachTerm(text: string, emit: (term: string) => void): void {
  for (const m of text.matchAll(IDENT)) {
    const ident = m[0];
    if (ident.length > 64) continue;
    const pieces = ident.split(/[_.-]/);
    let parts = 0;
    for (const piece of pieces) {
      for (const p of piece.matchAll(PART)) {
        const w = p[0].toLowerCase();
        parts++;
        if (w.length < 2 || STOP.has(w) || /^\d+$/.test(w)) continue;
        emit(stem(w));
      }
    }
    if (parts > 1) {
      const whole = ident.replace(/[_.-]/g, '').toLowerCase();
      if (whole.length >= 4 && !STOP.has(whole)) emit(whole);
    }
  }
}

export function terms(text: string): string[] {
  const out: string[] = [];
  eachTerm(text, (t) => out.push(t));
  return out;
}
