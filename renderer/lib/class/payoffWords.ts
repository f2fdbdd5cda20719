// The payoff table from one student's side, in plain words: "If you choose Swerve and Driver B chooses Straight,
// you get −1 and Driver B gets 2."
import type { RoleInfo } from '../../../models/class/classViews';

export type PayoffLine = {
  /** Your strategy index. */
  readonly mine: number;
  readonly text: string;
};

const num = (x: number): string => {
  const r = Math.round(x * 100) / 100;
  return r < 0 ? `−${Math.abs(r)}` : String(r);
};

/** profiles in Gambit order (first role fastest). */
const decode = (sizes: readonly number[], index: number): number[] => {
  const out: number[] = [];
  let rest = index;
  for (const k of sizes) {
    out.push(rest % k);
    rest = Math.floor(rest / k);
  }
  return out;
};

/** One sentence per profile, grouped by your strategy (in your strategies' order). */
export const payoffLines = (
  roles: readonly RoleInfo[],
  me: number,
  payoffs: readonly (readonly number[])[],
): PayoffLine[] => {
  const sizes = roles.map((r) => r.strategies.length);
  const lines: PayoffLine[] = [];
  payoffs.forEach((row, p) => {
    const prof = decode(sizes, p);
    const mine = prof[me] as number;
    const others = roles.flatMap((r, a) =>
      a === me ? [] : [`${r.name} chooses ${(r.strategies[prof[a] as number] as { label: string }).label}`],
    );
    const theirPay = roles.flatMap((r, a) => (a === me ? [] : [`${r.name} gets ${num(row[a] as number)}`]));
    const you = (roles[me] as RoleInfo).strategies[mine]?.label ?? '?';
    lines.push({
      mine,
      text: `If you choose ${you}${others.length ? ` and ${others.join(' and ')}` : ''}, you get ${num(row[me] as number)}${
        theirPay.length ? ` and ${theirPay.join(' and ')}` : ''
      }.`,
    });
  });
  return lines.sort((a, b) => a.mine - b.mine);
};
