// Placeholder until the owning issue lands its benchmark.
export const bench = async (): Promise<Record<string, unknown>> => ({ status: 'not implemented yet' });
