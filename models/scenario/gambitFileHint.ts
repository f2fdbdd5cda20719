// A Gambit game file (.nfg / .efg) given where a scenario is expected: say what it is and where it belongs, instead
// of only "invalid JSON: unexpected N". One rule for the CLI's checks and the app's editor.

/** The hint for text that starts (after a byte-order mark and white space) like a Gambit `.nfg` or `.efg` file
 * (`NFG 1 R`, `EFG 2 R`, as Gambit writes them); null for anything else. */
export const gambitFileHint = (text: string): string | null => {
  const m = /^\uFEFF?\s*(NFG|EFG)\s+\d/.exec(text.slice(0, 64));
  if (m === null) return null;
  const ext = m[1] === 'NFG' ? '.nfg' : '.efg';
  const kind = m[1] === 'NFG' ? 'strategic-form' : 'extensive-form (tree)';
  return `this is a Gambit ${ext} ${kind} game, not a Parley scenario: solve it with "parley solve FILE${ext}" (or "npm run cli -- solve FILE${ext}")`;
};
