// One Decimal configuration for the whole program. 40 significant digits keeps every
// quotient far beyond a double's 15-17; ROUND_HALF_UP is Excel's ROUND (half away from zero).
import DecimalJs from 'decimal.js';

export const Decimal = DecimalJs.clone({ precision: 40, rounding: DecimalJs.ROUND_HALF_UP, toExpNeg: -30, toExpPos: 40 });
export type Decimal = InstanceType<typeof Decimal>;

export const ZERO = new Decimal(0);
