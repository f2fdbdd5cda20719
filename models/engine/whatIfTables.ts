// The compare and sensitivity tables (pure string building, the same CSV conventions as csvTables.ts).
import { csvHeader, csvLine, csvNumber, csvText } from './csv';
import type { CompareResult } from './runCompare';
import type { SensitivityResult } from './runSensitivity';

/**
 * Compare table, one row per outcome and metric:
 * kind,id,label,baseline,baseline_low,baseline_high,variant,variant_low,variant_high,difference,difference_low,
 * difference_high,n — probabilities with Wilson 95% intervals; metric means (no interval on the sides); the paired
 * difference (variant − baseline, same trial seeds) with its 95% interval.
 */
export const compareCsv = (r: CompareResult): string => {
  const rows = [
    csvHeader([
      'kind',
      'id',
      'label',
      'baseline',
      'baseline_low',
      'baseline_high',
      'variant',
      'variant_low',
      'variant_high',
      'difference',
      'difference_low',
      'difference_high',
      'n',
    ]),
  ];
  const n = String(r.baseline.trials);
  r.outcomes.forEach((o, k) => {
    const b = r.baseline.outcomes[k];
    const v = r.variant.outcomes[k];
    rows.push(
      csvLine([
        'outcome',
        csvText(o.id),
        csvText(o.label),
        csvNumber(o.baseline),
        csvNumber(b?.low ?? NaN),
        csvNumber(b?.high ?? NaN),
        csvNumber(o.variant),
        csvNumber(v?.low ?? NaN),
        csvNumber(v?.high ?? NaN),
        csvNumber(o.diff),
        csvNumber(o.low),
        csvNumber(o.high),
        n,
      ]),
    );
  });
  for (const m of r.metrics) {
    rows.push(
      csvLine([
        'metric',
        csvText(m.id),
        csvText(m.label),
        csvNumber(m.baseline),
        '',
        '',
        csvNumber(m.variant),
        '',
        '',
        csvNumber(m.diff),
        csvNumber(m.low),
        csvNumber(m.high),
        n,
      ]),
    );
  }
  return rows.join('');
};

/**
 * Sensitivity table: the base row, then one row per tornado bar and per rank correlation:
 * section,param,label,target,value_low,value_high,output_low,output_high,output_base,rho,n — `section` is `base`,
 * `tornado` (the parameter alone at its low and high value) or `spearman` (rank correlation over all parameters
 * drawn together, `n` trials). One block per outcome and metric (`target`).
 */
export const sensitivityCsv = (r: SensitivityResult): string => {
  const rows = [
    csvHeader([
      'section',
      'param',
      'label',
      'target',
      'value_low',
      'value_high',
      'output_low',
      'output_high',
      'output_base',
      'rho',
      'n',
    ]),
  ];
  const n = String(r.trials);
  const targets = [
    ...r.base.outcomes.map((o) => ({ id: o.id, base: o.p })),
    ...r.base.metrics.map((m) => ({ id: m.id, base: m.mean })),
  ];
  for (const t of targets) {
    rows.push(csvLine(['base', '', '', csvText(t.id), '', '', '', '', csvNumber(t.base), '', n]));
    for (const b of r.tornado) {
      const v = b.outcomes.find((o) => o.id === t.id) ?? b.metrics.find((m) => m.id === t.id);
      rows.push(
        csvLine([
          'tornado',
          csvText(b.param),
          csvText(b.label),
          csvText(t.id),
          csvNumber(b.lowValue),
          csvNumber(b.highValue),
          csvNumber(v?.low ?? NaN),
          csvNumber(v?.high ?? NaN),
          csvNumber(t.base),
          '',
          n,
        ]),
      );
    }
    for (const s of r.spearman) {
      const rho = (s.outcomes.find((o) => o.id === t.id) ?? s.metrics.find((m) => m.id === t.id))?.rho;
      rows.push(
        csvLine([
          'spearman',
          csvText(s.param),
          csvText(s.label),
          csvText(t.id),
          '',
          '',
          '',
          '',
          '',
          csvNumber(rho ?? NaN),
          String(r.globalTrials),
        ]),
      );
    }
  }
  return rows.join('');
};
