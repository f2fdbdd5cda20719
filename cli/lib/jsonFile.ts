// The text of a JSON file the CLI writes (summaries, run metadata sidecars): 2-space indent, final newline.

export const jsonFile = (value: unknown): string => `${JSON.stringify(value, null, 2)}\n`;
