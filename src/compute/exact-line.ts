// One line's exact values (exact.ts), 8 bytes a value where a double holds the value. An
// array of Exact held each value as a pointer, most of them to a boxed double or a Decimal
// once a line had one value beyond 2^53: a generated model over 3,334 months grows past
// 10^16, and its 10M values took about 30 bytes each, the largest part of its memory.
//
// A value is kept as the double in `data` when it is a safe integer (an Exact number), or
// when it is a Decimal that `new Decimal(thatDouble)` gives again exactly (marked in
// `viaDouble`; read back as that Decimal: equal, not the same object); any other Decimal is
// kept as it is. A slot not yet computed reads as undefined.
import { Decimal } from './decimal.js';
import type { Exact } from './exact.js';

export class ExactLine {
  /** The value, or NaN for a Decimal kept in `decimals` or a slot not yet computed. */
  private readonly data: Float64Array;
  /** 1 where data holds a Decimal's double (made when first needed). */
  private viaDouble: Uint8Array | undefined;
  private decimals: Map<number, Decimal> | undefined;

  constructor(readonly length: number) {
    this.data = new Float64Array(length).fill(NaN);
  }

  get(i: number): Exact | undefined {
    const v = this.data[i]!;
    if (Number.isNaN(v)) return this.decimals?.get(i);
    return this.viaDouble?.[i] === 1 ? new Decimal(v) : v;
  }

  set(i: number, x: Exact): void {
    if (typeof x === 'number') return this.store(i, x, false);
    // a Decimal the double it converts to gives back exactly (most whole numbers past 2^53
    // that came from a double) is kept as that double
    const d = x.toNumber();
    if (Number.isFinite(d) && new Decimal(d).eq(x)) return this.store(i, d, true);
    this.data[i] = NaN;
    if (this.viaDouble) this.viaDouble[i] = 0;
    (this.decimals ??= new Map()).set(i, x);
  }

  private store(i: number, v: number, viaDouble: boolean): void {
    this.data[i] = v;
    if (viaDouble) (this.viaDouble ??= new Uint8Array(this.length))[i] = 1;
    else if (this.viaDouble) this.viaDouble[i] = 0;
    this.decimals?.delete(i);
  }
}
