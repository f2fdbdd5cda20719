// The smallest valid scenario the hostile tests start from: two actors P (up/down) and Q (left/right) coordinating,
// one parameter `a`. Tests edit the returned object (a fresh one per call) into the shape they need.

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- tests edit raw JSON
export type RawScenario = Record<string, any>;

/** A fresh coordination scenario with this title; `up` is P's payoff of up, `right` Q's payoff of right. */
export const coordinationScenario = (title: string, up = 'a * Q.left', right = 'P.down'): RawScenario => ({
  format: 'parley.scenario/1',
  title,
  parameters: { a: { label: 'A', default: 2, min: 0, max: 4 } },
  actors: [
    {
      id: 'P',
      name: 'P',
      strategies: [
        { id: 'up', label: 'Up' },
        { id: 'down', label: 'Down' },
      ],
      payoffs: { up, down: '1' },
    },
    {
      id: 'Q',
      name: 'Q',
      strategies: [
        { id: 'left', label: 'Left' },
        { id: 'right', label: 'Right' },
      ],
      payoffs: { left: 'P.up', right },
    },
  ],
});
